"""store.users on SQLite and PostgreSQL: invites redeem once, challenges answer once, the
signature counter only moves forward, sessions end, and removed people lose their sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from service_fixtures import SettableClock

from smishguard.errors import Conflict, NotFound, Unauthenticated
from smishguard.records import Ceremony, DashboardSession, DashboardUser, Passkey, Role, Tenant
from smishguard.service.invitations import create_invite, token_hash
from smishguard.service.tenancy import create_tenant
from smishguard.store import Store


def tenant(store: Store, clock: SettableClock, name: str = "Acme") -> Tenant:
    return create_tenant(store, name, clock)[0]


def person(tenant_id: str, clock: SettableClock, suffix: str = "1") -> DashboardUser:
    return DashboardUser(id=f"00000000-0000-0000-0000-00000000000{suffix}", tenant_id=tenant_id,
                         name=f"Ana {suffix}", role=Role.ANALYST, handle=f"handle-{suffix}",
                         created_at=clock())


def passkey(user_id: str, clock: SettableClock, credential: str = "cred-1",
            sign_count: int = 0) -> Passkey:
    return Passkey(id=credential, user_id=user_id, public_key=b"\xa5\x01\x02",
                   created_at=clock(), sign_count=sign_count, transports=("internal", "usb"))


def test_an_invite_is_redeemed_once_with_its_user_and_passkey(
        store: Store, clock: SettableClock) -> None:
    acme = tenant(store, clock)
    invite, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock, note="Ana, SOC")
    assert store.users.invite(token_hash(token)) == invite
    assert store.users.pending_invites(acme.id, clock()) == [invite]
    user = person(acme.id, clock)
    store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())

    assert store.users.user(user.id) == user
    assert store.users.passkey("cred-1") == passkey(user.id, clock)
    assert store.users.users(acme.id) == [(user, 1)]
    assert store.users.pending_invites(acme.id, clock()) == []
    redeemed = store.users.invite(token_hash(token))
    assert redeemed is not None
    assert (redeemed.used_at, redeemed.user_id) == (clock(), user.id)
    second = person(acme.id, clock, "2")
    with pytest.raises(Unauthenticated, match="used or expired"):
        store.users.enrol(token_hash(token), second, passkey(second.id, clock, "cred-2"),
                          clock())
    with pytest.raises(NotFound):
        store.users.user(second.id)  # nothing of the refused enrolment was kept


@pytest.mark.parametrize(("hours_later", "usable"), [(23.9, True), (24, False), (30, False)])
def test_an_invite_expires(store: Store, clock: SettableClock, hours_later: float,
                           usable: bool) -> None:
    acme = tenant(store, clock)
    _, token = create_invite(store, acme.id, Role.ADMIN, "cli", clock)
    clock.advance(hours=hours_later)
    user = person(acme.id, clock)
    if usable:
        store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())
    else:
        with pytest.raises(Unauthenticated):
            store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())


def test_an_invite_of_one_tenant_cannot_enrol_at_another(
        store: Store, clock: SettableClock) -> None:
    acme, globex = tenant(store, clock), tenant(store, clock, "Globex")
    _, token = create_invite(store, acme.id, Role.ADMIN, "cli", clock)
    intruder = person(globex.id, clock)
    with pytest.raises(Unauthenticated):
        store.users.enrol(token_hash(token), intruder, passkey(intruder.id, clock), clock())


def test_a_passkey_is_registered_once(store: Store, clock: SettableClock) -> None:
    acme = tenant(store, clock)
    first, second = person(acme.id, clock, "1"), person(acme.id, clock, "2")
    _, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    store.users.enrol(token_hash(token), first, passkey(first.id, clock), clock())
    _, other = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    with pytest.raises(Conflict):
        store.users.enrol(token_hash(other), second, passkey(second.id, clock), clock())
    assert store.users.pending_invites(acme.id, clock())  # the refused one stays usable


@pytest.mark.parametrize(("stored", "seen", "new", "moves"), [
    (0, 0, 0, True),  # an authenticator without a counter
    (0, 0, 1, True),
    (5, 5, 6, True),
    (5, 5, 5, False),  # the same count again: a replay or a clone
    (5, 5, 4, False),  # backwards: a clone
    (5, 5, 0, False),
    (6, 5, 7, False),  # somebody moved it meanwhile (a racing use)
])
def test_the_signature_counter_only_moves_forward(
        store: Store, clock: SettableClock, stored: int, seen: int, new: int,
        moves: bool) -> None:
    acme = tenant(store, clock)
    user = person(acme.id, clock)
    _, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    store.users.enrol(token_hash(token), user, passkey(user.id, clock, sign_count=stored),
                      clock())
    clock.advance(minutes=1)
    assert store.users.advance_sign_count("cred-1", seen, new, clock()) is moves
    found = store.users.passkey("cred-1")
    assert found is not None
    assert found.sign_count == (new if moves else stored)
    assert found.last_used_at == (clock() if moves else None)


def test_a_challenge_is_taken_once_and_not_after_it_expires(
        store: Store, clock: SettableClock) -> None:
    def keep(name: str, purpose: str = "signin", minutes: float = 5) -> None:
        store.users.add_ceremony(Ceremony(id_hash=name, purpose=purpose, challenge=b"c" * 32,
                                          expires_at=clock() + timedelta(minutes=minutes)),
                                 clock())

    keep("a")
    taken = store.users.take_ceremony("a", "signin", clock())
    assert taken is not None
    assert taken.challenge == b"c" * 32
    assert store.users.take_ceremony("a", "signin", clock()) is None  # answered already
    keep("b", purpose="enrol")
    assert store.users.take_ceremony("b", "signin", clock()) is None  # wrong purpose
    assert store.users.take_ceremony("b", "enrol", clock()) is None  # and it is gone
    keep("c", minutes=1)
    clock.advance(minutes=2)
    assert store.users.take_ceremony("c", "signin", clock()) is None


def test_sessions_open_touch_close_and_end_with_their_users_access(
        store: Store, clock: SettableClock) -> None:
    acme = tenant(store, clock)
    user = person(acme.id, clock)
    _, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())
    session = DashboardSession(id_hash="s1", user_id=user.id, tenant_id=acme.id,
                               created_at=clock(), last_seen_at=clock(),
                               expires_at=clock() + timedelta(hours=12))
    store.users.open_session(session)
    assert store.users.session("s1") == (session, user)
    clock.advance(minutes=10)
    store.users.touch_session("s1", clock())
    found = store.users.session("s1")
    assert found is not None
    assert found[0].last_seen_at == clock()
    assert store.users.close_session("s1") is True
    assert store.users.session("s1") is None
    assert store.users.close_session("s1") is False

    store.users.open_session(session)
    store.users.disable(acme.id, user.id, clock())
    assert store.users.session("s1") is None
    assert store.users.user(user.id).disabled_at == clock()
    with pytest.raises(NotFound):
        store.users.disable(acme.id, user.id, clock())  # already removed


def test_idle_and_expired_sessions_are_purged(store: Store, clock: SettableClock) -> None:
    acme = tenant(store, clock)
    user = person(acme.id, clock)
    _, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())
    start = clock()
    for name, seen_minutes_ago, lifetime_hours in (("fresh", 0, 12), ("idle", 90, 12),
                                                   ("expired", 0, -1)):
        store.users.open_session(DashboardSession(
            id_hash=name, user_id=user.id, tenant_id=acme.id, created_at=start,
            last_seen_at=start - timedelta(minutes=seen_minutes_ago),
            expires_at=start + timedelta(hours=lifetime_hours)))
    assert store.users.purge_sessions(start - timedelta(hours=1), start) == 2
    assert store.users.session("fresh") is not None


def test_another_tenant_cannot_remove_a_user(store: Store, clock: SettableClock) -> None:
    acme, globex = tenant(store, clock), tenant(store, clock, "Globex")
    user = person(acme.id, clock)
    _, token = create_invite(store, acme.id, Role.ANALYST, "cli", clock)
    store.users.enrol(token_hash(token), user, passkey(user.id, clock), clock())
    with pytest.raises(NotFound):
        store.users.disable(globex.id, user.id, clock())
    assert store.users.user(user.id).disabled_at is None
    assert store.users.names(globex.id) == {}
    assert store.users.names(acme.id) == {user.id: user.name}

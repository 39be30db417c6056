"""Dashboard people and how they sign in: users, their passkeys, one-time invites, sessions and
pending WebAuthn challenges.

Every step that must happen once (an invite redeemed, a challenge answered, a signature counter
moved forward) is a single conditional statement, so two racing requests cannot both win.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, RowMapping, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from smishguard.errors import Conflict, NotFound, Unauthenticated
from smishguard.records import (
    Ceremony,
    DashboardSession,
    DashboardUser,
    Invite,
    Passkey,
    Role,
)
from smishguard.store.tables import (
    dashboard_invites,
    dashboard_sessions,
    dashboard_users,
    passkeys,
    webauthn_challenges,
)


class UserStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # Invites -------------------------------------------------------------------------------

    def add_invite(self, invite: Invite) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(dashboard_invites).values(
                token_hash=invite.token_hash, tenant_id=invite.tenant_id,
                role=invite.role.value, note=invite.note, created_by=invite.created_by,
                created_at=invite.created_at, expires_at=invite.expires_at,
                used_at=None, user_id=None,
            ))

    def invite(self, token_hash: str) -> Invite | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(dashboard_invites).where(
                dashboard_invites.c.token_hash == token_hash)).mappings().first()
        return invite_from_row(row) if row else None

    def pending_invites(self, tenant_id: str, at: datetime) -> list[Invite]:
        """Invites of the tenant not used yet and not expired at ``at``, newest first."""
        with self._engine.connect() as connection:
            rows = connection.execute(select(dashboard_invites).where(
                dashboard_invites.c.tenant_id == tenant_id,
                dashboard_invites.c.used_at.is_(None),
                dashboard_invites.c.expires_at > at,
            ).order_by(dashboard_invites.c.created_at.desc())).mappings()
            return [invite_from_row(row) for row in rows]

    def enrol(self, token_hash: str, user: DashboardUser, passkey: Passkey,
              at: datetime) -> None:
        """Redeem the invite and create the user with its first passkey, all or nothing.

        Raises Unauthenticated when the invite is unknown, used or expired (also when a
        concurrent request redeemed it first), Conflict when the credential exists already."""
        try:
            with self._engine.begin() as connection:
                redeemed = connection.execute(
                    update(dashboard_invites).where(
                        dashboard_invites.c.token_hash == token_hash,
                        dashboard_invites.c.tenant_id == user.tenant_id,
                        dashboard_invites.c.used_at.is_(None),
                        dashboard_invites.c.expires_at > at,
                    ).values(used_at=at, user_id=user.id))
                if redeemed.rowcount != 1:
                    raise Unauthenticated("this enrolment link is used or expired; "
                                          "ask an admin for a new one")
                connection.execute(insert(dashboard_users).values(
                    id=user.id, tenant_id=user.tenant_id, name=user.name,
                    role=user.role.value, handle=user.handle, created_at=user.created_at,
                    disabled_at=None))
                _insert_passkey(connection, passkey)
        except IntegrityError as exc:
            raise Conflict("this passkey is registered already") from exc

    # Users and passkeys --------------------------------------------------------------------

    def user(self, user_id: str) -> DashboardUser:
        with self._engine.connect() as connection:
            row = connection.execute(select(dashboard_users).where(
                dashboard_users.c.id == user_id)).mappings().first()
        if row is None:
            raise NotFound(f"no dashboard user with id {user_id!r}")
        return user_from_row(row)

    def users(self, tenant_id: str) -> list[tuple[DashboardUser, int]]:
        """The tenant's users, oldest first, each with how many passkeys it has."""
        count = (select(func.count()).select_from(passkeys)
                 .where(passkeys.c.user_id == dashboard_users.c.id).scalar_subquery())
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(dashboard_users, count.label("passkey_count"))
                .where(dashboard_users.c.tenant_id == tenant_id)
                .order_by(dashboard_users.c.created_at, dashboard_users.c.name)).mappings()
            return [(user_from_row(row), int(row["passkey_count"])) for row in rows]

    def names(self, tenant_id: str) -> dict[str, str]:
        """User id → name, to show who did what in the audit log."""
        with self._engine.connect() as connection:
            rows = connection.execute(select(dashboard_users.c.id, dashboard_users.c.name)
                                      .where(dashboard_users.c.tenant_id == tenant_id))
            return {row.id: row.name for row in rows}

    def disable(self, tenant_id: str, user_id: str, at: datetime) -> None:
        """Take a user's access away: no new sign-in, and every open session ends now."""
        with self._engine.begin() as connection:
            done = connection.execute(update(dashboard_users).where(
                dashboard_users.c.tenant_id == tenant_id, dashboard_users.c.id == user_id,
                dashboard_users.c.disabled_at.is_(None)).values(disabled_at=at))
            if done.rowcount != 1:
                raise NotFound(f"no active dashboard user with id {user_id!r}")
            connection.execute(delete(dashboard_sessions).where(
                dashboard_sessions.c.user_id == user_id))

    def add_passkey(self, passkey: Passkey) -> None:
        try:
            with self._engine.begin() as connection:
                _insert_passkey(connection, passkey)
        except IntegrityError as exc:
            raise Conflict("this passkey is registered already") from exc

    def passkey(self, credential_id: str) -> Passkey | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(passkeys).where(
                passkeys.c.id == credential_id)).mappings().first()
        return passkey_from_row(row) if row else None

    def passkeys_of(self, user_id: str) -> list[Passkey]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(passkeys).where(passkeys.c.user_id == user_id)
                                      .order_by(passkeys.c.created_at)).mappings()
            return [passkey_from_row(row) for row in rows]

    def advance_sign_count(self, credential_id: str, seen: int, new: int, at: datetime) -> bool:
        """Move the passkey's counter from ``seen`` to ``new``, only if nobody moved it since
        and ``new`` is ahead (or the authenticator keeps no counter: both 0). False means a
        counter that went backwards or a racing use of the same assertion: refuse it."""
        if not (new > seen or new == seen == 0):
            return False
        with self._engine.begin() as connection:
            done = connection.execute(update(passkeys).where(
                passkeys.c.id == credential_id, passkeys.c.sign_count == seen,
            ).values(sign_count=new, last_used_at=at))
            return done.rowcount == 1

    # Sessions -------------------------------------------------------------------------------

    def open_session(self, session: DashboardSession) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(dashboard_sessions).values(
                id_hash=session.id_hash, user_id=session.user_id, tenant_id=session.tenant_id,
                created_at=session.created_at, last_seen_at=session.last_seen_at,
                expires_at=session.expires_at))

    def session(self, id_hash: str) -> tuple[DashboardSession, DashboardUser] | None:
        """The session with this id hash and its user, if both exist."""
        with self._engine.connect() as connection:
            row = connection.execute(
                select(dashboard_sessions, dashboard_users.c.name, dashboard_users.c.role,
                       dashboard_users.c.handle, dashboard_users.c.disabled_at,
                       dashboard_users.c.created_at.label("user_created_at"))
                .join(dashboard_users, dashboard_users.c.id == dashboard_sessions.c.user_id)
                .where(dashboard_sessions.c.id_hash == id_hash)).mappings().first()
        if row is None:
            return None
        user = DashboardUser(
            id=row["user_id"], tenant_id=row["tenant_id"], name=row["name"],
            role=Role(row["role"]), handle=row["handle"], created_at=row["user_created_at"],
            disabled_at=row["disabled_at"])
        return session_from_row(row), user

    def touch_session(self, id_hash: str, at: datetime) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(dashboard_sessions).where(
                dashboard_sessions.c.id_hash == id_hash).values(last_seen_at=at))

    def close_session(self, id_hash: str) -> bool:
        with self._engine.begin() as connection:
            done = connection.execute(delete(dashboard_sessions).where(
                dashboard_sessions.c.id_hash == id_hash))
            return done.rowcount == 1

    def purge_sessions(self, idle_before: datetime, at: datetime) -> int:
        """Forget sessions that expired or sat idle since ``idle_before``."""
        with self._engine.begin() as connection:
            done = connection.execute(delete(dashboard_sessions).where(or_(
                dashboard_sessions.c.expires_at <= at,
                dashboard_sessions.c.last_seen_at < idle_before)))
            return int(done.rowcount)

    # WebAuthn challenges -------------------------------------------------------------------

    def add_ceremony(self, ceremony: Ceremony, at: datetime) -> None:
        """Keep a challenge until it is answered; expired ones are dropped on the way."""
        with self._engine.begin() as connection:
            connection.execute(delete(webauthn_challenges).where(
                webauthn_challenges.c.expires_at <= at))
            connection.execute(insert(webauthn_challenges).values(
                id_hash=ceremony.id_hash, purpose=ceremony.purpose,
                challenge=ceremony.challenge, invite_hash=ceremony.invite_hash,
                user_handle=ceremony.user_handle, expires_at=ceremony.expires_at))

    def take_ceremony(self, id_hash: str, purpose: str, at: datetime) -> Ceremony | None:
        """The pending challenge, removed in the same step: a challenge is answered once.
        None when unknown, already answered, for another purpose or expired."""
        with self._engine.begin() as connection:
            row = connection.execute(
                delete(webauthn_challenges).where(webauthn_challenges.c.id_hash == id_hash)
                .returning(*webauthn_challenges.c)).mappings().first()
        if row is None:
            return None
        ceremony = ceremony_from_row(row)
        if ceremony.purpose != purpose or ceremony.expires_at <= at:
            return None
        return ceremony


def _insert_passkey(connection: Connection, passkey: Passkey) -> None:
    connection.execute(insert(passkeys).values(
        id=passkey.id, user_id=passkey.user_id, public_key=passkey.public_key,
        sign_count=passkey.sign_count, transports=list(passkey.transports),
        created_at=passkey.created_at, last_used_at=passkey.last_used_at))


def user_from_row(row: RowMapping) -> DashboardUser:
    return DashboardUser(
        id=row["id"], tenant_id=row["tenant_id"], name=row["name"], role=Role(row["role"]),
        handle=row["handle"], created_at=row["created_at"], disabled_at=row["disabled_at"])


def passkey_from_row(row: RowMapping) -> Passkey:
    return Passkey(
        id=row["id"], user_id=row["user_id"], public_key=bytes(row["public_key"]),
        created_at=row["created_at"], sign_count=int(row["sign_count"]),
        transports=tuple(row["transports"] or ()), last_used_at=row["last_used_at"])


def invite_from_row(row: RowMapping) -> Invite:
    return Invite(
        token_hash=row["token_hash"], tenant_id=row["tenant_id"], role=Role(row["role"]),
        created_by=row["created_by"], created_at=row["created_at"],
        expires_at=row["expires_at"], note=row["note"], used_at=row["used_at"],
        user_id=row["user_id"])


def session_from_row(row: RowMapping) -> DashboardSession:
    return DashboardSession(
        id_hash=row["id_hash"], user_id=row["user_id"], tenant_id=row["tenant_id"],
        created_at=row["created_at"], last_seen_at=row["last_seen_at"],
        expires_at=row["expires_at"])


def ceremony_from_row(row: RowMapping) -> Ceremony:
    return Ceremony(
        id_hash=row["id_hash"], purpose=row["purpose"], challenge=bytes(row["challenge"]),
        expires_at=row["expires_at"], invite_hash=row["invite_hash"],
        user_handle=row["user_handle"])

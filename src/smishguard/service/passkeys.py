"""Dashboard sign-in with passkeys and security keys (WebAuthn, through the webauthn library):
no password and no SMS code exists to be phished.

Each ceremony has two steps. ``begin_*`` makes a random challenge, keeps it (hashed id,
five minutes, single use) and returns the options for ``navigator.credentials``;
``finish_*`` takes the challenge back (once: a replayed answer finds nothing) and has the
library check the origin, the relying-party id, user presence and verification and the
signature. The browser binds every answer to the page's origin, so an answer made on a
look-alike site fails here; that is what makes this sign-in phishing-resistant.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from smishguard.errors import InvalidInput, Unauthenticated
from smishguard.records import Ceremony, DashboardUser, Passkey
from smishguard.service.clock import Clock
from smishguard.service.invitations import token_hash, usable_invite
from smishguard.store import Store

CEREMONY_LIFETIME = timedelta(minutes=5)
TIMEOUT_MS = 120_000  # how long the browser waits for the person to touch the key
MAX_NAME = 100
_TRANSPORTS = frozenset(t.value for t in AuthenticatorTransport)


@dataclass(frozen=True, slots=True)
class RelyingParty:
    """Who the credentials belong to: the dashboard's host name and the one origin allowed to
    use them."""

    id: str  # "smishguard.acme.com" (never an IP address: WebAuthn refuses those)
    origin: str  # "https://smishguard.acme.com"
    name: str = "smishguard"


@dataclass(frozen=True, slots=True)
class CeremonyStart:
    """What the browser needs: the ceremony id to send back, the options for
    navigator.credentials.create() or .get() (JSON-ready, binary values in base64url)."""

    ceremony: str
    options: dict[str, Any]


class Passkeys:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # Enrolment: an invited person registers their first passkey ------------------------------

    def begin_enrolment(self, rp: RelyingParty, invite_token: str, name: str) -> CeremonyStart:
        invite = usable_invite(self._store, invite_token, self._clock())
        tenant = self._store.tenants.get(invite.tenant_id)
        handle = secrets.token_bytes(32)
        options = generate_registration_options(
            rp_id=rp.id, rp_name=rp.name, user_id=handle,
            user_name=f"{_checked_name(name)} ({tenant.name})", timeout=TIMEOUT_MS,
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.REQUIRED,
                user_verification=UserVerificationRequirement.REQUIRED),
        )
        return self._keep(options, "enrol", invite_hash=invite.token_hash,
                          user_handle=bytes_to_base64url(handle))

    def finish_enrolment(self, rp: RelyingParty, ceremony_id: str, invite_token: str, name: str,
                         credential: dict[str, Any]) -> DashboardUser:
        now = self._clock()
        ceremony = self._take(ceremony_id, "enrol")
        invite = usable_invite(self._store, invite_token, now)
        if ceremony.invite_hash != invite.token_hash or ceremony.user_handle is None:
            raise Unauthenticated("this answer belongs to another enrolment; start again")
        try:
            verified = verify_registration_response(
                credential=credential, expected_challenge=ceremony.challenge,
                expected_rp_id=rp.id, expected_origin=rp.origin,
                require_user_verification=True)
        except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
            raise Unauthenticated(f"the new passkey was refused: {exc}") from exc
        user = DashboardUser(id=str(uuid.uuid4()), tenant_id=invite.tenant_id,
                             name=_checked_name(name), role=invite.role,
                             handle=ceremony.user_handle, created_at=now)
        passkey = Passkey(id=bytes_to_base64url(verified.credential_id), user_id=user.id,
                          public_key=verified.credential_public_key, created_at=now,
                          sign_count=verified.sign_count, transports=_transports(credential))
        self._store.users.enrol(invite.token_hash, user, passkey, now)
        self._store.tenants.audit(tenant_id=user.tenant_id, actor=user.id,
                                  action="dashboard.enrol", subject=user.name, at=now,
                                  details={"role": user.role.value,
                                           "invited_by": invite.created_by})
        return user

    # Sign-in: any enrolled passkey, no user name asked (the passkey says who) ----------------

    def begin_signin(self, rp: RelyingParty) -> CeremonyStart:
        options = generate_authentication_options(
            rp_id=rp.id, timeout=TIMEOUT_MS,
            user_verification=UserVerificationRequirement.REQUIRED)
        return self._keep(options, "signin")

    def finish_signin(self, rp: RelyingParty, ceremony_id: str,
                      credential: dict[str, Any]) -> DashboardUser:
        now = self._clock()
        ceremony = self._take(ceremony_id, "signin")
        try:
            parsed = parse_authentication_credential_json(credential)
        except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
            raise Unauthenticated(f"the sign-in answer is not readable: {exc}") from exc
        passkey = self._store.users.passkey(bytes_to_base64url(parsed.raw_id))
        if passkey is None:
            self._refused(None, "unknown passkey", now)
            raise Unauthenticated("this passkey is not enrolled here")
        user = self._store.users.user(passkey.user_id)
        if user.disabled_at is not None:
            self._refused(user, "access removed", now)
            raise Unauthenticated("your access to this dashboard has been removed")
        handle = parsed.response.user_handle
        if handle is not None and bytes_to_base64url(handle) != user.handle:
            self._refused(user, "user handle does not match the passkey", now)
            raise Unauthenticated("this passkey answered for another account")
        try:
            # The counter is compared below, after the signature proved the key answered.
            verified = verify_authentication_response(
                credential=parsed, expected_challenge=ceremony.challenge,
                expected_rp_id=rp.id, expected_origin=rp.origin,
                credential_public_key=passkey.public_key, credential_current_sign_count=0,
                require_user_verification=True)
        except (WebAuthnException, ValueError, TypeError, KeyError) as exc:
            self._refused(user, str(exc), now)
            raise Unauthenticated(f"the sign-in was refused: {exc}") from exc
        if not self._store.users.advance_sign_count(passkey.id, passkey.sign_count,
                                                    verified.new_sign_count, now):
            reason = (f"the passkey's signature counter went from {passkey.sign_count} to "
                      f"{verified.new_sign_count}: it may have been cloned")
            self._refused(user, reason, now)
            raise Unauthenticated(f"the sign-in was refused: {reason}")
        self._store.tenants.audit(tenant_id=user.tenant_id, actor=user.id,
                                  action="dashboard.signin", subject=user.name, at=now)
        return user

    # ---------------------------------------------------------------------------------------

    def _keep(self, options: Any, purpose: str, *, invite_hash: str | None = None,
              user_handle: str | None = None) -> CeremonyStart:
        ceremony_id = secrets.token_urlsafe(32)
        now = self._clock()
        self._store.users.add_ceremony(Ceremony(
            id_hash=token_hash(ceremony_id), purpose=purpose, challenge=options.challenge,
            expires_at=now + CEREMONY_LIFETIME, invite_hash=invite_hash,
            user_handle=user_handle), now)
        return CeremonyStart(ceremony_id, json.loads(options_to_json(options)))

    def _take(self, ceremony_id: str, purpose: str) -> Ceremony:
        ceremony = self._store.users.take_ceremony(token_hash(ceremony_id or ""), purpose,
                                                   self._clock())
        if ceremony is None:
            raise Unauthenticated("this sign-in attempt expired or was answered already; "
                                  "start again")
        return ceremony

    def _refused(self, user: DashboardUser | None, reason: str, at: Any) -> None:
        self._store.tenants.audit(
            tenant_id=user.tenant_id if user else None, actor=user.id if user else "unknown",
            action="dashboard.signin_refused", subject=user.name if user else "",
            at=at, details={"reason": reason[:300]})


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise InvalidInput(f"a name has 1 to {MAX_NAME} printable characters")
    return name


def _transports(credential: dict[str, Any]) -> tuple[str, ...]:
    response = credential.get("response")
    given = response.get("transports") if isinstance(response, dict) else None
    if not isinstance(given, list):
        return ()
    return tuple(t for t in given[:8] if isinstance(t, str) and t in _TRANSPORTS)

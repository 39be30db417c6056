"""Dashboard sessions: a random id in a cookie, its hash in the store, an absolute lifetime and
an idle timeout, and a CSRF token bound to the session.

The CSRF token is an HMAC of the session id under the deployment's secret: the server can
recompute it for every page without storing it, a page from another site cannot read it, and
a copy of the database (which holds only hashes of session ids) cannot produce it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from smishguard.errors import Unauthenticated
from smishguard.records import DashboardSession, DashboardUser, Role
from smishguard.service.clock import Clock
from smishguard.service.invitations import token_hash
from smishguard.store import Store

SESSION_LIFETIME = timedelta(hours=12)  # a working day, then sign in again
IDLE_TIMEOUT = timedelta(hours=1)
TOUCH_EVERY = timedelta(minutes=1)  # how often a busy session's last_seen_at is written


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is behind a request, by its session cookie."""

    user: DashboardUser
    session: DashboardSession
    csrf_token: str

    def may(self, role: Role) -> bool:
        return self.user.role.allows(role)


class Sessions:
    def __init__(self, store: Store, secret: bytes, clock: Clock) -> None:
        self._store = store
        self._secret = secret
        self._clock = clock

    def open(self, user: DashboardUser) -> str:
        """A new session for ``user``; returns the id for the cookie (stored only hashed)."""
        session_id = secrets.token_urlsafe(32)
        now = self._clock()
        self._store.users.purge_sessions(now - IDLE_TIMEOUT, now)
        self._store.users.open_session(DashboardSession(
            id_hash=token_hash(session_id), user_id=user.id, tenant_id=user.tenant_id,
            created_at=now, last_seen_at=now, expires_at=now + SESSION_LIFETIME))
        return session_id

    def resolve(self, session_id: str | None) -> SignedIn:
        """The signed-in user of a session id; Unauthenticated when there is none, it ended,
        it sat idle too long, or its user lost access."""
        if not session_id:
            raise Unauthenticated("sign in to use the dashboard")
        found = self._store.users.session(token_hash(session_id))
        if found is None:
            raise Unauthenticated("your session has ended; sign in again")
        session, user = found
        now = self._clock()
        if session.expires_at <= now or session.last_seen_at + IDLE_TIMEOUT <= now:
            self._store.users.close_session(session.id_hash)
            raise Unauthenticated("your session has expired; sign in again")
        if user.disabled_at is not None:
            raise Unauthenticated("your access to this dashboard has been removed")
        if now - session.last_seen_at >= TOUCH_EVERY:
            self._store.users.touch_session(session.id_hash, now)
        return SignedIn(user, session, self.csrf_token(session_id))

    def csrf_token(self, session_id: str) -> str:
        mac = hmac.new(self._secret, b"csrf:" + session_id.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def is_valid_csrf(self, session_id: str, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(self.csrf_token(session_id), given or "")

    def close(self, session_id: str) -> DashboardUser | None:
        """End the session (sign out); returns whose it was, if it was open."""
        found = self._store.users.session(token_hash(session_id))
        if found is None:
            return None
        session, user = found
        self._store.users.close_session(session.id_hash)
        self._store.tenants.audit(tenant_id=user.tenant_id, actor=user.id,
                                  action="dashboard.signout", subject=user.name,
                                  at=self._clock())
        return user

"""API keys: made once, shown once, stored as SHA-256 hashes; who a bearer is and what it may do.

Keys are 256-bit random tokens, so a plain SHA-256 is enough to store them (no password
stretching needed: nothing to guess).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from smishguard.errors import PermissionDenied, Unauthenticated
from smishguard.records import ApiKey, Role
from smishguard.service.clock import Clock
from smishguard.store import Store

KEY_PREFIX = "sg_"


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of an API request, as its key says."""

    tenant_id: str
    key_id: str
    role: Role

    def require(self, role: Role) -> None:
        if not self.role.allows(role):
            raise PermissionDenied(
                f"this needs the {role.value} role; the key has {self.role.value}")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(store: Store, tenant_id: str, role: Role, clock: Clock) -> tuple[ApiKey, str]:
    """A new key for the tenant; returns the stored record and the key itself (shown once)."""
    store.tenants.get(tenant_id)  # NotFound for an unknown tenant
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(id=str(uuid.uuid4()), tenant_id=tenant_id, role=role, prefix=plain[:10],
                 created_at=clock())
    store.tenants.add_key(key, hash_key(plain))
    return key, plain


def authenticate(store: Store, authorization: str | None) -> Principal:
    """The principal for an ``Authorization: Bearer KEY`` header value."""
    if not authorization:
        raise Unauthenticated("missing Authorization header; send 'Authorization: Bearer KEY'")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("the Authorization header must be 'Bearer KEY'")
    key = store.tenants.key_by_hash(hash_key(token.strip()))
    if key is None:
        raise Unauthenticated("unknown or revoked API key")
    return Principal(tenant_id=key.tenant_id, key_id=key.id, role=key.role)

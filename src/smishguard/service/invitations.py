"""One-time enrolment links for the dashboard: the only way in for a new person.

An invite is a 256-bit random token shown once (in the link), stored as its SHA-256 hash,
valid for a day and for one enrolment. ``smishguard admin invite`` makes the first admin's;
admins invite the others from the dashboard.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from smishguard.errors import InvalidInput, Unauthenticated
from smishguard.records import Invite, Role
from smishguard.service.clock import Clock
from smishguard.store import Store

ENROL_PATH = "/dashboard/enrol"  # where the dashboard serves enrolment (api.dashboard)
INVITE_LIFETIME = timedelta(hours=24)
DASHBOARD_ROLES = (Role.ANALYST, Role.ADMIN)  # ingest is for machines, not people


def token_hash(token: str) -> str:
    """Random tokens need no stretching: a plain SHA-256 keeps the stored value useless."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(store: Store, tenant_id: str, role: Role, created_by: str, clock: Clock,
                  *, note: str = "", lifetime: timedelta = INVITE_LIFETIME) -> tuple[Invite, str]:
    """A new invite; returns the record and the token (shown once, in the link)."""
    if role not in DASHBOARD_ROLES:
        raise InvalidInput(f"dashboard users are analysts or admins, not {role.value}")
    note = note.strip()
    if len(note) > 200 or not note.isprintable():
        raise InvalidInput("the note on an invite has at most 200 printable characters")
    if lifetime <= timedelta(0) or lifetime > timedelta(days=30):
        raise InvalidInput("an invite lasts between a minute and 30 days")
    store.tenants.get(tenant_id)  # NotFound for an unknown tenant
    token = secrets.token_urlsafe(32)
    now = clock()
    invite = Invite(token_hash=token_hash(token), tenant_id=tenant_id, role=role,
                    created_by=created_by, created_at=now, expires_at=now + lifetime, note=note)
    store.users.add_invite(invite)
    store.tenants.audit(tenant_id=tenant_id, actor=created_by, action="dashboard.invite",
                        subject=role.value, at=now,
                        details={"note": note, "expires_at": invite.expires_at.isoformat()})
    return invite, token


def enrolment_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{ENROL_PATH}?invite={token}"


def usable_invite(store: Store, token: str, at: datetime) -> Invite:
    """The invite behind ``token`` if it can still be used; otherwise say why not."""
    invite = store.users.invite(token_hash(token)) if token else None
    if invite is None:
        raise Unauthenticated("this enrolment link is not valid; ask an admin for a new one")
    if invite.used_at is not None:
        raise Unauthenticated("this enrolment link has been used already; "
                              "ask an admin for a new one")
    if invite.expires_at <= at:
        raise Unauthenticated("this enrolment link has expired; ask an admin for a new one")
    return invite

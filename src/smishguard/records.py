"""Values the service and the store exchange: tenants, API keys, observed domains, alert
targets and outbox items. Frozen, like the core's; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What an API key (or a dashboard user) may do. Each role includes the ones below it."""

    INGEST = "ingest"  # submit reports, scan, submit observed domains
    ANALYST = "analyst"  # + read reports and campaigns, record decisions, export
    ADMIN = "admin"  # + manage keys, alert targets and the policy

    def allows(self, needed: Role) -> bool:
        order = (Role.INGEST, Role.ANALYST, Role.ADMIN)
        return order.index(self) >= order.index(needed)


@dataclass(frozen=True, slots=True)
class Tenant:
    """An organization using the deployment. The Twilio auth token is kept out of the repr."""

    id: str
    name: str
    created_at: datetime
    reporting_number: str | None = None
    twilio_auth_token: str | None = field(default=None, repr=False)
    policy_toml: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored API key: never the key itself, only what identifies it."""

    id: str
    tenant_id: str
    role: Role
    prefix: str
    created_at: datetime
    revoked_at: datetime | None = None


def observed_name(name: str) -> str:
    """A name as the service keeps an observed domain: lower-case, no surrounding space or
    trailing dot."""
    return name.strip().lower().rstrip(".")


@dataclass(frozen=True, slots=True)
class ObservedDomain:
    """A newly seen domain a tenant's watch reported, with the look-alike judgement."""

    domain: str
    first_seen: datetime
    last_seen: datetime
    brand: str = ""
    kind: str = ""
    score: float = 0.0
    reason: str = ""
    source: str = ""
    times_seen: int = 1
    decision: str = ""  # the tenant's analysts' decision on it (a model.Decision value), or ''
    # The certificate-transparency entry it was first seen in, when a CT watch sent it: the
    # log's URL and the entry's number (its certificate and the other names on it).
    ct_log: str = ""
    ct_index: int | None = None
    # The other names on the certificate it was first sent with (a campaign's certificate
    # often names its other domains), kept for names that imitate a brand.
    certified_with: tuple[str, ...] = ()

    @property
    def ct_entry(self) -> tuple[str, int] | None:
        """(log URL, entry index) of the certificate it was first seen in, or None."""
        return None if not self.ct_log or self.ct_index is None else (self.ct_log, self.ct_index)


@dataclass(frozen=True, slots=True)
class KitLead:
    """A brand's name a tenant's watch saw in front of someone else's domain: one of a kit's
    copies once the brand is in front of enough new domains named alike."""

    domain: str  # the host (darb.qmobilitcma.com)
    brand: str
    stem: str  # the registered name's first letters its copies share (qmobi)
    registered: str  # the registered domain (qmobilitcma.com)
    seen_at: datetime
    raised: bool = False  # reported: as a copy, or on its own (a copy on a cheap ending)


class AlertFormat(StrEnum):
    JSON = "json"  # our JSON body, HMAC-signed
    SLACK = "slack"  # a Slack-compatible incoming-webhook body ({"text": ...}), also signed


class AlertEvent(StrEnum):
    """What an alert tells (its X-Smishguard-Event header and its body's ``event``)."""

    FIRST_PHISHING_REPORT = "domain.first_phishing_report"  # a domain reported the first time
    LOOKALIKE_OBSERVED = "domain.lookalike_observed"  # the watch saw a new look-alike


@dataclass(frozen=True, slots=True)
class AlertTarget:
    id: str
    tenant_id: str
    url: str
    format: AlertFormat
    created_at: datetime
    secret: str = field(default="", repr=False)
    enabled: bool = True
    events: tuple[AlertEvent, ...] = ()  # the events it is sent; () for every event


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """One alert to deliver to one target, persisted until delivered."""

    id: int
    tenant_id: str
    target_id: str
    event: str
    payload: dict[str, Any]
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None = None
    last_error: str | None = None
    dead_at: datetime | None = None  # delivery gave up (too many failed attempts)


@dataclass(frozen=True, slots=True)
class DashboardUser:
    """A person who signs in to the dashboard, with passkeys only (no password exists).

    ``handle`` is the WebAuthn user handle: random, so authenticators never learn the name.
    """

    id: str
    tenant_id: str
    name: str
    role: Role
    handle: str
    created_at: datetime
    disabled_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Passkey:
    """A registered WebAuthn credential (passkey or security key) of a dashboard user."""

    id: str  # the credential id, base64url
    user_id: str
    public_key: bytes = field(repr=False)  # COSE-encoded
    created_at: datetime
    sign_count: int = 0  # the authenticator's counter at its last use (0: it keeps none)
    transports: tuple[str, ...] = ()
    last_used_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Invite:
    """A one-time enrolment link; only the hash of its token is stored."""

    token_hash: str = field(repr=False)
    tenant_id: str
    role: Role
    created_by: str  # a user id, or "cli"
    created_at: datetime
    expires_at: datetime
    note: str = ""  # whom it is for, as the inviter wrote it
    used_at: datetime | None = None
    user_id: str | None = None


@dataclass(frozen=True, slots=True)
class DashboardSession:
    """A signed-in browser; the cookie holds a random id, the store only its hash."""

    id_hash: str = field(repr=False)
    user_id: str
    tenant_id: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Ceremony:
    """A WebAuthn challenge waiting for its answer: usable once, for a few minutes."""

    id_hash: str = field(repr=False)
    purpose: str  # "enrol" or "signin"
    challenge: bytes = field(repr=False)
    expires_at: datetime
    invite_hash: str | None = field(default=None, repr=False)
    user_handle: str | None = None  # enrolment: the WebAuthn user handle offered

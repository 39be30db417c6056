"""The database schema, as SQLAlchemy Core tables: the one description Alembic migrates to.

Times are stored as timezone-aware UTC. Secrets are stored only where they must be used again
(a tenant's Twilio auth token signs nothing of ours but validates Twilio's signature); API keys
are stored as SHA-256 hashes; reporters as keyed hashes plus at most two digits.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect


class UtcDateTime(TypeDecorator[datetime]):
    """A UTC instant on every backend: SQLite keeps no zone, so aware values go in as UTC and
    come back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC time")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

tenants = Table(
    "tenants",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("reporting_number", String(32), nullable=True, unique=True),
    Column("twilio_auth_token", String(200), nullable=True),
    Column("policy_toml", Text, nullable=True),  # None: the built-in policy
    Column("created_at", UtcDateTime(), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(24), nullable=False),  # shown in listings, never enough to use
    Column("created_at", UtcDateTime(), nullable=False),
    Column("revoked_at", UtcDateTime(), nullable=True),
)

reports = Table(
    "reports",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # insertion order, paging
    Column("id", String(36), nullable=False, unique=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("sender", String(64), nullable=True),
    Column("reporter", String(64), nullable=False, default=""),
    Column("reporter_hint", String(4), nullable=False, default=""),
    Column("channel", String(8), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
    Column("recorded_at", UtcDateTime(), nullable=False),
    Column("label", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("verdict", JSON, nullable=False),  # signals and failures, as the API shows them
    Column("domains", JSON, nullable=False),  # registrable domains, in order of appearance
    Column("decision", String(16), nullable=True),
    Column("decided_at", UtcDateTime(), nullable=True),
    Column("decided_by", String(36), nullable=True),  # api key id
    # The sender's own id for the report (Twilio's MessageSid, an Idempotency-Key): the same
    # id twice is the same report, so retries and replayed webhooks never duplicate one.
    Column("external_id", String(80), nullable=True),
    Index("ix_reports_tenant_seq", "tenant_id", "seq"),
    Index("ix_reports_tenant_label", "tenant_id", "label"),
    Index("ix_reports_tenant_external", "tenant_id", "external_id", unique=True),
)

report_domains = Table(
    "report_domains",
    metadata,
    Column("report_seq", Integer, ForeignKey("reports.seq"), primary_key=True),
    Column("domain", String(253), primary_key=True),
    Column("tenant_id", String(36), nullable=False),
    Index("ix_report_domains_tenant_domain", "tenant_id", "domain"),
)

# The first phishing report of a domain at a tenant raises an alert; this row makes "first"
# hold under concurrency (the insert and the outbox rows commit with the report).
alerted_domains = Table(
    "alerted_domains",
    metadata,
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("domain", String(253), primary_key=True),
    Column("report_id", String(36), nullable=False),
    Column("alerted_at", UtcDateTime(), nullable=False),
)

# A forwarded text waiting for the number it came from (the 7726-style two-step flow).
pending_forwards = Table(
    "pending_forwards",
    metadata,
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("reporter", String(64), primary_key=True),
    Column("report_id", String(36), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
)

observed_domains = Table(
    "observed_domains",
    metadata,
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("domain", String(253), primary_key=True),
    Column("brand", String(200), nullable=False, default=""),
    Column("kind", String(32), nullable=False, default=""),
    Column("score", Float, nullable=False, default=0.0),
    Column("reason", Text, nullable=False, default=""),
    Column("source", String(64), nullable=False, default=""),
    Column("first_seen", UtcDateTime(), nullable=False),
    Column("last_seen", UtcDateTime(), nullable=False),
    Column("times_seen", Integer, nullable=False, default=1),
    Column("ct_log", String(500), nullable=False, default="", server_default=""),
    Column("ct_index", BigInteger, nullable=True),
    # A JSON list of the other names on its first certificate; NULL when none was sent.
    Column("certified_with", JSON(none_as_null=True), nullable=True),
    # The watch page and GET /v1/domains read a tenant's latest first, a page at a time.
    Index("ix_observed_domains_latest", "tenant_id", "last_seen", "domain"),
)

# Leads a tenant's watch sent (a brand's name in front of someone else's domain), kept to find
# a kit's copies across calls (smishguard.domains.kits): grouped by brand and the registered
# name's first letters; ``raised`` once reported as a copy (or reported on its own).
kit_leads = Table(
    "kit_leads",
    metadata,
    Column("tenant_id", String(36), ForeignKey("tenants.id"), primary_key=True),
    Column("domain", String(253), primary_key=True),
    Column("brand", String(200), nullable=False),
    Column("stem", String(16), nullable=False),
    Column("registered", String(253), nullable=False),
    Column("seen_at", UtcDateTime(), nullable=False),
    Column("raised", Boolean, nullable=False, default=False),
    Index("ix_kit_leads_group", "tenant_id", "brand", "stem", "seen_at", "domain"),
)

alert_targets = Table(
    "alert_targets",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("secret", String(200), nullable=False),  # HMAC key for the signature header
    Column("format", String(16), nullable=False),  # json | slack
    Column("enabled", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime(), nullable=False),
    # The events it is sent, comma-separated; '' for every event (also those added later).
    Column("events", String(200), nullable=False, server_default=""),
)

# Transactional outbox: alerts are written with the report that causes them and delivered
# later, with retries, so that none is lost across restarts.
outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False),
    Column("target_id", String(36), ForeignKey("alert_targets.id"), nullable=False),
    Column("event", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Column("last_error", Text, nullable=True),
    # Set when delivery gave up after the last allowed attempt; the row stays, to be seen.
    Column("dead_at", UtcDateTime(), nullable=True),
    Index("ix_outbox_due", "delivered_at", "next_attempt_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", String(36), nullable=True, index=True),
    Column("actor", String(64), nullable=False),  # api key id, user id or "cli"
    Column("action", String(64), nullable=False),
    Column("subject", String(200), nullable=False, default=""),
    Column("at", UtcDateTime(), nullable=False),
    Column("details", JSON, nullable=False),
)

# The dashboard counts a tenant's reports per hour and label over a window of time, and walks
# the undecided ones newest first: both straight from these indexes, without reading rows.
Index("ix_reports_tenant_received", reports.c.tenant_id, reports.c.received_at, reports.c.label)
Index("ix_reports_tenant_decision", reports.c.tenant_id, reports.c.decision, reports.c.seq)

# Dashboard sign-in (WebAuthn only): people, their passkeys, one-time enrolment links,
# sessions and pending challenges. Tokens and session ids are stored as SHA-256 hashes.
dashboard_users = Table(
    "dashboard_users",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("handle", String(64), nullable=False, unique=True),  # WebAuthn user handle
    Column("created_at", UtcDateTime(), nullable=False),
    Column("disabled_at", UtcDateTime(), nullable=True),
)

passkeys = Table(
    "passkeys",
    metadata,
    Column("id", String(1400), primary_key=True),  # credential id (≤ 1023 bytes), base64url
    Column("user_id", String(36), ForeignKey("dashboard_users.id"), nullable=False, index=True),
    Column("public_key", LargeBinary, nullable=False),
    Column("sign_count", BigInteger, nullable=False),  # an unsigned 32-bit counter
    Column("transports", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_used_at", UtcDateTime(), nullable=True),
)

dashboard_invites = Table(
    "dashboard_invites",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("tenant_id", String(36), ForeignKey("tenants.id"), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("note", String(200), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Column("used_at", UtcDateTime(), nullable=True),
    Column("user_id", String(36), nullable=True),
)

dashboard_sessions = Table(
    "dashboard_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", String(36), ForeignKey("dashboard_users.id"), nullable=False, index=True),
    Column("tenant_id", String(36), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("last_seen_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
)

webauthn_challenges = Table(
    "webauthn_challenges",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("purpose", String(16), nullable=False),
    Column("challenge", LargeBinary, nullable=False),
    Column("invite_hash", String(64), nullable=True),
    Column("user_handle", String(64), nullable=True),  # enrolment: the handle offered
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
)

__all__ = [
    "alert_targets",
    "alerted_domains",
    "api_keys",
    "audit_log",
    "dashboard_invites",
    "dashboard_sessions",
    "dashboard_users",
    "kit_leads",
    "metadata",
    "observed_domains",
    "outbox",
    "passkeys",
    "pending_forwards",
    "report_domains",
    "reports",
    "tenants",
    "webauthn_challenges",
]

"""Creating tenants: name, reporting number, Twilio auth token, policy, first admin key."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable

from smishguard.domains.policy_review import shared_host_errors
from smishguard.domains.suffixes import suffix_table
from smishguard.errors import InvalidInput, PolicyError
from smishguard.policy import Policy, default_policy, parse_policy_text
from smishguard.records import ApiKey, Role, Tenant
from smishguard.service.access import create_key
from smishguard.service.clock import Clock
from smishguard.service.phones import normalise_number
from smishguard.store import Store

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def create_tenant(store: Store, name: str, clock: Clock, *, reporting_number: str | None = None,
                  twilio_auth_token: str | None = None,
                  policy_toml: str | None = None) -> tuple[Tenant, ApiKey, str]:
    """Create a tenant and its first admin key; returns (tenant, key record, key)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput("a tenant name must have 1 to 200 characters")
    number = None
    if reporting_number:
        number = normalise_number(reporting_number)
        if not _E164.match(number):
            raise InvalidInput(
                f"reporting number {reporting_number!r} is not in E.164 form (+14155550100)")
    if policy_toml is not None:
        checked_policy(policy_toml, "the tenant's policy")  # refuse a bad one now
    tenant = store.tenants.create(Tenant(
        id=str(uuid.uuid4()), name=name, created_at=clock(), reporting_number=number,
        twilio_auth_token=twilio_auth_token or None, policy_toml=policy_toml))
    key, plain = create_key(store, tenant.id, Role.ADMIN, clock)
    store.tenants.audit(tenant_id=tenant.id, actor="cli", action="tenant.create",
                        subject=tenant.name, at=clock())
    return tenant, key, plain


def checked_policy(text: str, source: str) -> Policy:
    """A tenant's policy read from TOML, before it is stored: PolicyError when it does not
    parse, or when it lists a shared host as a brand's own or as a reviewed namesake (every
    look-alike there would pass), one line per such host."""
    policy = parse_policy_text(text, source)
    errors = shared_host_errors(policy, suffix_table())
    if errors:
        raise PolicyError("\n".join(finding.message for finding in errors))
    return policy


def policy_warnings(tenants: Iterable[Tenant]) -> list[str]:
    """A line for each shared host that a tenant's stored policy lists as owned (a policy saved
    before such policies were refused), and for a stored policy that no longer parses, for
    ``serve`` to print as it starts."""
    lines = []
    for tenant in tenants:
        if tenant.policy_toml is None:
            continue
        try:
            policy = tenant_policy(tenant)
        except PolicyError as exc:
            lines.append(f"tenant {tenant.name!r}: {exc}")
            continue
        lines += [f"tenant {tenant.name!r}: policy: {finding.message}"
                  for finding in shared_host_errors(policy, suffix_table())]
    return lines


def tenant_policy(tenant: Tenant) -> Policy:
    if tenant.policy_toml is None:
        return default_policy()
    return parse_policy_text(tenant.policy_toml, f"the policy of tenant {tenant.name!r}")


def policy_version(tenant: Tenant) -> str:
    """What changes when the tenant's policy changes: caches of scanners and fingerprinters
    built from a policy are keyed on it."""
    return hashlib.sha256((tenant.policy_toml or "").encode()).hexdigest()

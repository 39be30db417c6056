"""Reports, policies and fingerprints for the campaign tests, made one way everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smishguard.campaigns import Fingerprint, Fingerprinter
from smishguard.model import Decision, Label, Report, Verdict
from smishguard.policy import Brand, Policy

T0 = datetime(2022, 7, 1, 9, 0, tzinfo=UTC)
PHISHING = Verdict(Label.PHISHING, 0.9)
CLEAN = Verdict(Label.CLEAN, 0.05)


def policy(*names: str) -> Policy:
    return Policy(brands=tuple(Brand(n, (f"{n.lower().replace(' ', '')}.com",)) for n in names))


def report(
    report_id: str,
    text: str,
    *,
    tenant: str = "acme-tenant",
    minutes: float = 0,
    sender: str | None = None,
    verdict: Verdict = PHISHING,
    reporter: str = "",
    decision: Decision | None = None,
) -> Report:
    return Report(
        id=report_id,
        tenant_id=tenant,
        text=text,
        received_at=T0 + timedelta(minutes=minutes),
        verdict=verdict,
        sender=sender,
        reporter=reporter or f"hash-{report_id}",
        decision=decision,
    )


def fingerprint(brand: str, report_id: str, text: str, **kwargs: object) -> Fingerprint:
    """The fingerprint of a report at the tenant that protects ``brand``."""
    kwargs.setdefault("tenant", f"{brand.lower()}-tenant")
    return Fingerprinter(policy(brand)).report(report(report_id, text, **kwargs))  # type: ignore[arg-type]

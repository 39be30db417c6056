"""Reports and scans under each tenant's policy: score, store (with the alerts they raise),
list, decide, and record the domains a tenant's watch observed."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from smishguard.errors import InvalidInput, NotFound
from smishguard.model import Channel, Decision, Imitation, Message, Report, Verdict
from smishguard.records import AlertEvent, ObservedDomain, Tenant, observed_name
from smishguard.scanner import Scanner
from smishguard.scoring import with_confirmed_domains
from smishguard.service.campaigns import Campaigns
from smishguard.service.clock import Clock
from smishguard.service.feedback import DomainFeedback
from smishguard.service.kits import StoredKitCopies
from smishguard.service.phones import hint, pseudonym
from smishguard.service.tenancy import policy_version, tenant_policy
from smishguard.store import Store
from smishguard.store.reports import AlreadyRecorded
from smishguard.urls.sites import site_name
from smishguard.watch import CertificateReading, others_on_certificate, read_certificate

log = logging.getLogger("smishguard.reports")

MAX_REPORT_CHARS = 10_000  # an SMS is at most ~1,600 characters; forwarded quotes add a little


@dataclass(frozen=True, slots=True)
class Submission:
    """A report as it arrives, before scoring: the reporter's number is still in clear here."""

    text: str
    sender: str | None = None
    reporter: str | None = None  # phone number or id; only its pseudonym is kept
    received_at: datetime | None = None
    channel: Channel = Channel.API
    external_id: str | None = None  # the sender's id for it: the same id twice is one report


class ScannerCache:
    """One Scanner per tenant and policy version: building one costs a look-alike index."""

    def __init__(self) -> None:
        self._scanners: dict[tuple[str, str], Scanner] = {}
        self._lock = threading.Lock()

    def for_tenant(self, tenant: Tenant) -> Scanner:
        key = (tenant.id, policy_version(tenant))
        scanner = self._scanners.get(key)
        if scanner is None:
            with self._lock:
                scanner = self._scanners.get(key)
                if scanner is None:
                    scanner = Scanner(policy=tenant_policy(tenant))
                    stale = [k for k in self._scanners if k[0] == tenant.id]
                    for old in stale:
                        del self._scanners[old]
                    self._scanners[key] = scanner
        return scanner


class Reporting:
    """Reports and scans; each report is clustered into campaigns once it is committed, and
    analysts' decisions on domains count in every verdict."""

    def __init__(self, store: Store, secret: bytes, clock: Clock,
                 scanners: ScannerCache | None = None) -> None:
        self.store = store
        self._secret = secret
        self._clock = clock
        self.scanners = scanners or ScannerCache()
        self.feedback = DomainFeedback(store, clock)
        self.campaigns = Campaigns(store, clock, self.feedback)
        self._kits = StoredKitCopies(store)

    def scan(self, tenant_id: str, text: str, sender: str | None = None) -> Verdict:
        tenant = self.store.tenants.get(tenant_id)
        return self._verdict(tenant, Message(_checked(text), sender))

    def _verdict(self, tenant: Tenant, message: Message) -> Verdict:
        scanner = self.scanners.for_tenant(tenant)
        return with_confirmed_domains(scanner.scan(message), scanner.policy,
                                      self.feedback.confirmed_for(tenant.id))

    def submit(self, tenant_id: str, submission: Submission) -> Report:
        """Score and commit a report; returns it once it is durably stored (or the report
        stored before under the same external id)."""
        return self.submit_once(tenant_id, submission)[0]

    def submit_once(self, tenant_id: str, submission: Submission) -> tuple[Report, bool]:
        """Like submit; also says whether the report is new (False: a retry or a replay of
        a submission with the same external id, answered with the stored report)."""
        tenant = self.store.tenants.get(tenant_id)
        if submission.external_id:
            existing = self.store.reports.by_external_id(tenant.id, submission.external_id)
            if existing is not None:
                return existing, False
        text = _checked(submission.text)
        scanner = self.scanners.for_tenant(tenant)
        verdict = self._verdict(tenant, Message(text, submission.sender))
        now = self._clock()
        reporter = submission.reporter or ""
        report = Report(
            id=str(uuid.uuid4()),
            tenant_id=tenant.id,
            text=text,
            received_at=submission.received_at or now,
            verdict=verdict,
            sender=submission.sender or None,
            reporter=pseudonym(self._secret, reporter) if reporter else "",
            reporter_hint=hint(reporter) if reporter else "",
            channel=submission.channel,
            domains=tuple(dict.fromkeys(
                u.registrable_domain for u in verdict.urls if u.registrable_domain)),
        )
        try:
            self.store.reports.record(
                report, now, lambda domain: None if self.feedback.is_cleared(
                    tenant.id, domain) else alert_payload(
                    tenant, report, domain, _imitated_brand(scanner, domain)),
                external_id=submission.external_id, alert_domains=_sites(verdict))
        except AlreadyRecorded as same:  # the same id arrived twice at once
            return same.existing, False
        self._cluster(tenant, report)
        return report, True

    def _cluster(self, tenant: Tenant, report: Report) -> None:
        """Cluster a committed report. A failure here loses nothing: the report is stored,
        and reports without a campaign item are clustered when the service starts."""
        try:
            self.campaigns.add_report(tenant, report)
        except Exception:
            log.exception("report %s is stored but not clustered yet; it will be at restart",
                          report.id)

    def decide(self, tenant_id: str, report_id: str, decision: Decision,
               decided_by: str) -> Report:
        report = self.store.reports.decide(tenant_id, report_id, decision, decided_by,
                                           self._clock())
        self.store.tenants.audit(tenant_id=tenant_id, actor=decided_by, action="report.decide",
                                 subject=report_id, at=self._clock(),
                                 details={"decision": decision.value})
        self.feedback.record(tenant_id, _sites(report.verdict), decision, decided_by,
                             f"report:{report_id}")
        return report

    def observe(self, tenant_id: str, domains: Iterable[str], source: str = "api",
                ct_entries: Mapping[str, tuple[str, int]] | None = None,
                certified_with: Mapping[str, Sequence[str]] | None = None) -> int:
        """Judge observed names against the tenant's brands and keep them; returns how many
        were new. A new look-alike (at or over the suspicious threshold) alerts the tenant's
        targets once, unless an analyst cleared its domain. A brand's name in front of new
        domains named alike is found across calls (:mod:`smishguard.service.kits`): its hosts
        become the kit's copies once it shows itself, the earlier ones too. ``ct_entries``:
        the certificate-transparency entry (log URL, index) a name was seen in, kept with it
        and given in its alert. ``certified_with``: the other names on a name's certificate,
        read as the watch reads them (:func:`~smishguard.watch.read_certificate`)."""
        tenant = self.store.tenants.get(tenant_id)
        scanner = self.scanners.for_tenant(tenant)
        lookalikes = scanner.lookalikes
        suspicious = scanner.policy.thresholds.suspicious
        now = self._clock()
        observed: list[ObservedDomain] = []
        found: list[tuple[str, Imitation]] = []
        alerts: dict[str, dict[str, Any]] = {}
        entries = {observed_name(k): v for k, v in (ct_entries or {}).items()}
        certificates = {observed_name(k): v for k, v in (certified_with or {}).items()}
        for name in domains:
            name = observed_name(name)
            if not name:
                continue
            entry = entries.get(name)
            others = others_on_certificate(certificates.get(name, ()), name)
            imitation = lookalikes.match(name, True)
            # The certificate's names are kept with a name that imitates a brand (as a lead,
            # or the brand's own): the analyst reading it sees the campaign's other domains.
            certificate_kept = others if imitation is not None else ()
            if imitation is not None and others:
                reading, imitation = read_certificate(imitation, others, lookalikes)
                if reading is CertificateReading.OWN:
                    imitation = None  # the brand's own defensive name
            if imitation is not None:
                found.append((name, imitation))
                if imitation.score <= 0:
                    imitation = None  # a lead: kept as no hit unless a kit's copy
                elif self._alerts_on(tenant, name, imitation, suspicious):
                    alerts[name] = watch_alert_payload(tenant, name, imitation, source, now,
                                                       entry, others)
            observed.append(ObservedDomain(
                domain=name, first_seen=now, last_seen=now,
                brand=imitation.brand if imitation else "",
                kind=imitation.kind.value if imitation else "",
                score=imitation.score if imitation else 0.0,
                reason=imitation.reason if imitation else "",
                source=source,
                ct_log=entry[0] if entry else "",
                ct_index=entry[1] if entry else None,
                certified_with=certificate_kept,
            ))
        new = self.store.domains.observe(tenant.id, observed, alerts)
        hits = [imitation for _, imitation in found if imitation.score >= suspicious]
        for name, imitation in found:
            for kept, copy in self._kits.add(tenant.id, name, imitation, now, lookalikes):
                alert = (self._copy_alert(tenant, kept, copy, source, now)
                         if self._alerts_on(tenant, kept, copy, suspicious) else None)
                self.store.domains.rejudge(tenant.id, kept, brand=copy.brand,
                                           kind=copy.kind.value, score=copy.score,
                                           reason=copy.reason, at=now, alert=alert)
                if copy.score >= suspicious:
                    hits.append(copy)
        if hits:  # clustered in one go: one transaction for the batch's new campaign items
            self.campaigns.add_watch_hits(tenant, hits, now)
        return new

    def _copy_alert(self, tenant: Tenant, name: str, copy: Imitation, source: str,
                    now: datetime) -> dict[str, Any]:
        """The alert of a kit's copy, with the CT entry and the certificate's other names it
        was first sent with (now or by an earlier call: it is kept by then)."""
        kept = self.store.domains.get(tenant.id, name)
        return watch_alert_payload(tenant, name, copy, source, now,
                                   kept.ct_entry if kept else None,
                                   kept.certified_with if kept else ())

    def decide_domain(self, tenant_id: str, domain: str, decision: Decision,
                      decided_by: str) -> ObservedDomain:
        """Record an analyst's decision on a name the tenant's watch observed, as the name
        (``x.weebly.com`` decides nothing about weebly.com): phishing blocks links to it in
        every tenant's scans; not phishing stops its alerts and exports here. NotFound when
        the tenant's watch never sent it."""
        domain = observed_name(domain)
        if self.store.domains.get(tenant_id, domain) is None:
            raise NotFound(f"the watch has not observed {domain!r}")
        self.feedback.record(tenant_id, [domain], decision, decided_by, f"watch:{domain}"[:80])
        self.store.tenants.audit(tenant_id=tenant_id, actor=decided_by, action="domain.decide",
                                 subject=domain, at=self._clock(),
                                 details={"decision": decision.value})
        decided = self.store.domains.get(tenant_id, domain)
        assert decided is not None  # observed domains are never deleted
        return decided

    def _alerts_on(self, tenant: Tenant, name: str, imitation: Imitation,
                   suspicious: float) -> bool:
        return imitation.score >= suspicious and not any(
            self.feedback.is_cleared(tenant.id, domain)
            for domain in dict.fromkeys((name, imitation.registered)) if domain)


def watch_alert_payload(tenant: Tenant, name: str, imitation: Imitation, source: str,
                        seen_at: datetime, ct_entry: tuple[str, int] | None = None,
                        certified_with: Sequence[str] = ()) -> dict[str, Any]:
    """The body of a 'new look-alike observed' alert: the name as the watch sent it and the
    judgement, as ``smishguard watch --json`` writes a hit (with ``ct_log`` and ``ct_index``
    when the watch said which CT entry it came from, ``certified_with`` when it gave the
    other names on its certificate)."""
    body: dict[str, Any] = {
        "event": AlertEvent.LOOKALIKE_OBSERVED.value,
        "tenant": tenant.name,
        "domain": name,
        "brand": imitation.brand,
        "kind": imitation.kind.value,
        "score": round(imitation.score, 3),
        "reason": imitation.reason,
        "source": source,
        "observed_at": seen_at.isoformat(),
    }
    if ct_entry is not None:
        body["ct_log"], body["ct_index"] = ct_entry
    if certified_with:
        body["certified_with"] = list(certified_with)
    return body


def alert_payload(tenant: Tenant, report: Report, domain: str,
                  brand: str = "") -> dict[str, Any]:
    """The body of a 'first phishing report of this domain' alert (no reporter identity);
    ``brand`` is the protected brand the domain imitates, when it imitates one."""
    return {
        "event": AlertEvent.FIRST_PHISHING_REPORT.value,
        "tenant": tenant.name,
        "domain": domain,
        "brand": brand,
        "report_id": report.id,
        "received_at": report.received_at.isoformat(),
        "label": report.verdict.label.value,
        "score": round(report.verdict.score, 3),
        "reasons": [s.reason for s in report.verdict.signals if s.weight > 0][:5],
        "text": report.text[:500],
        "sender": report.sender,
    }


def _sites(verdict: Verdict) -> tuple[str, ...]:
    """The sites of a message's links, what an alert or a decision is about: x.weebly.com,
    never weebly.com (every tenant's weebly sites), nor a link shortener's own domain."""
    return tuple(dict.fromkeys(
        site for u in verdict.urls if not u.is_shortener and (site := site_name(u))))


def _imitated_brand(scanner: Scanner, domain: str) -> str:
    imitation = scanner.lookalikes.match(domain)
    return imitation.brand if imitation else ""


def _checked(text: str) -> str:
    if not text or not text.strip():
        raise InvalidInput("the message text is empty")
    if len(text) > MAX_REPORT_CHARS:
        raise InvalidInput(
            f"the message is {len(text):,} characters; at most {MAX_REPORT_CHARS:,} are accepted")
    return text

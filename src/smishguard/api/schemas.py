"""The API's request and response bodies (pydantic): the only place pydantic appears."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from smishguard.model import Channel, Decision, Label, Report, Verdict
from smishguard.records import AlertEvent, AlertFormat, ObservedDomain
from smishguard.watch import MAX_CERTIFIED_WITH

# No text a person sends holds a NUL character, and PostgreSQL cannot store one: every free
# string the API takes refuses it with a 422 (and says so in /openapi.json).
NO_NUL = r"^[^\x00]*$"
MessageText = Annotated[str, StringConstraints(min_length=1, max_length=10_000, pattern=NO_NUL)]
Sender = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL)]
DomainName = Annotated[str, StringConstraints(min_length=1, max_length=253, pattern=NO_NUL)]
ShortText = Annotated[str, StringConstraints(max_length=64, pattern=NO_NUL)]


def in_utc(moment: datetime) -> datetime:
    """The moment in UTC (a naive one is taken as UTC); one UTC cannot hold, such as year 1
    ahead of UTC or year 9999 behind it, is refused here rather than failing in the store."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the time is out of range once converted to UTC") from exc


Moment = Annotated[datetime, AfterValidator(in_utc)]
AwareMoment = Annotated[AwareDatetime, AfterValidator(in_utc)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    error: str = Field(description="What went wrong and what to do, in one sentence.")


class ScanRequest(Strict):
    text: MessageText
    sender: Sender | None = None


class SignalOut(BaseModel):
    detector: str
    weight: float
    reason: str
    evidence: str


class VerdictOut(BaseModel):
    label: Label
    score: float
    signals: list[SignalOut]
    domains: list[str] = Field(description="Registrable domains of the links, in order.")
    failures: list[str]

    @classmethod
    def of(cls, verdict: Verdict, domains: tuple[str, ...] | None = None) -> VerdictOut:
        if domains is None:
            domains = tuple(dict.fromkeys(
                u.registrable_domain for u in verdict.urls if u.registrable_domain))
        return cls(
            label=verdict.label, score=round(verdict.score, 4),
            signals=[SignalOut(detector=s.detector, weight=round(s.weight, 4), reason=s.reason,
                               evidence=s.evidence) for s in verdict.signals],
            domains=list(domains), failures=list(verdict.failures),
        )


class ReportRequest(Strict):
    text: MessageText
    sender: Sender | None = Field(None, description="Who sent the suspicious text.")
    reporter: ShortText | None = Field(
        None, description="The reporting employee's phone number or id; only a keyed hash "
        "and its last two digits are stored.")
    received_at: AwareMoment | None = Field(
        None, description="When the employee received the text (with a time zone).")


class ReportOut(BaseModel):
    id: str
    text: str
    sender: str | None
    reporter: str = Field(description="Pseudonym of the reporter (keyed hash).")
    reporter_hint: str = Field(description="Last two digits of the reporter's number.")
    channel: Channel
    received_at: datetime
    verdict: VerdictOut
    decision: Decision | None

    @classmethod
    def of(cls, report: Report) -> ReportOut:
        return cls(
            id=report.id, text=report.text, sender=report.sender, reporter=report.reporter,
            reporter_hint=report.reporter_hint, channel=report.channel,
            received_at=report.received_at, verdict=VerdictOut.of(report.verdict, report.domains),
            decision=report.decision,
        )


class ReportList(BaseModel):
    items: list[ReportOut]
    next_cursor: int | None = Field(description="Pass as ?cursor= for the next page.")


class DecisionRequest(Strict):
    decision: Decision


class CtEntry(Strict):
    """A certificate-transparency entry: the log's URL and the entry's number."""

    log: Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=NO_NUL)]
    index: Annotated[int, Field(ge=0, le=2**63 - 1)]


class DomainsRequest(Strict):
    domains: Annotated[list[DomainName], Field(min_length=1, max_length=10_000)]
    source: ShortText = "api"
    ct_entries: Annotated[dict[DomainName, CtEntry], Field(
        max_length=10_000, description="For names read from a CT log: the entry each was "
        "seen in (`smishguard watch --send` gives them), kept with the name.")] = {}
    certified_with: Annotated[
        dict[DomainName, Annotated[list[DomainName], Field(max_length=MAX_CERTIFIED_WITH)]],
        Field(max_length=10_000, description="For names read from a certificate: the other "
              "names on it. A name certified with one of the brand's own domains is the "
              "brand's (no look-alike, no alert); a weak one certified with a plain look-alike "
              "of the same brand is raised to suspicious, as `smishguard watch` does.")] = {}

    @model_validator(mode="after")
    def _entries_are_of_sent_names(self) -> DomainsRequest:
        for field, named in (("ct_entries", self.ct_entries),
                             ("certified_with", self.certified_with)):
            stray = sorted(set(named) - set(self.domains))
            if stray:
                raise ValueError(f"{field} names a domain not in domains: {stray[0]!r}")
        return self


class DomainsAccepted(BaseModel):
    received: int
    new: int


class ObservedDomainOut(BaseModel):
    domain: str
    brand: str
    kind: str
    score: float
    reason: str
    source: str
    first_seen: datetime
    last_seen: datetime
    times_seen: int
    decision: Decision | None = None  # the tenant's analysts' decision on it, if any
    ct_log: str | None = None  # the CT entry it was first seen in, when a CT watch sent it
    ct_index: int | None = None
    certified_with: list[str] = Field(
        default_factory=list, description="The other names on the certificate it was first "
        "sent with (a campaign's certificate often names its other domains); kept for names "
        "that imitate a brand.")

    @classmethod
    def of(cls, observed: ObservedDomain) -> ObservedDomainOut:
        return cls(domain=observed.domain, brand=observed.brand, kind=observed.kind,
                   score=observed.score, reason=observed.reason, source=observed.source,
                   first_seen=observed.first_seen, last_seen=observed.last_seen,
                   times_seen=observed.times_seen,
                   decision=Decision(observed.decision) if observed.decision else None,
                   ct_log=observed.ct_log or None, ct_index=observed.ct_index,
                   certified_with=list(observed.certified_with))


class ObservedDomainList(BaseModel):
    items: list[ObservedDomainOut]
    next_cursor: str | None = Field(description="Pass as cursor for the next page; null at "
                                    "the end.")


class Health(BaseModel):
    status: str
    database: str


class AlertTargetRequest(Strict):
    url: Annotated[str, StringConstraints(min_length=1, max_length=2000)] = Field(
        description="Where alerts are POSTed: an http:// or https:// URL.")
    format: AlertFormat = Field(
        AlertFormat.JSON, description="'json': the alert document; 'slack': a Slack-compatible "
        "incoming-webhook body ({\"text\": ...}). Both are signed.")
    events: Annotated[list[AlertEvent], Field(min_length=1)] | None = Field(
        None, description="The events the target is sent (docs/alerts.md); left out: every "
        "event, also those added later.")


class AlertTargetUpdate(Strict):
    enabled: bool = Field(description="false: no new alerts, pending ones wait; true: resume.")


class AlertTargetOut(BaseModel):
    id: str
    format: AlertFormat
    destination: str = Field(description="Scheme, host and port of the URL only: a webhook "
                             "URL's path can be a credential, so it is never shown again.")
    enabled: bool
    events: list[AlertEvent] = Field(description="The events the target is sent.")
    created_at: datetime
    pending: int = Field(description="Alerts waiting for delivery or a retry.")
    delivered: int
    dead: int = Field(description="Alerts whose delivery gave up after the last retry.")
    last_error: str | None = Field(description="The newest error not yet overcome.")


class AlertTargetCreated(AlertTargetOut):
    url: str
    secret: str = Field(description="The signing secret (HMAC-SHA256 key), shown this once.")

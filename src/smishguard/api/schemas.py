"""The API's request and response bodies (pydantic): the only place pydantic appears."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from smishguard.model import Channel, Decision, Label, Report, Verdict

MessageText = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
Sender = Annotated[str, StringConstraints(min_length=1, max_length=64)]
DomainName = Annotated[str, StringConstraints(min_length=1, max_length=253)]


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
    reporter: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        None, description="The reporting employee's phone number or id; only a keyed hash "
        "and its last two digits are stored.")
    received_at: AwareDatetime | None = Field(
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


class DomainsRequest(Strict):
    domains: Annotated[list[DomainName], Field(min_length=1, max_length=10_000)]
    source: Annotated[str, StringConstraints(max_length=64)] = "api"


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


class Health(BaseModel):
    status: str
    database: str

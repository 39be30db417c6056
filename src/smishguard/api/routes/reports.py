"""/v1/reports: submit, list and search, read one, record an analyst's decision."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response, status

from smishguard.api.dependencies import Analyst, Ingest, JsonBody, ServicesDep
from smishguard.api.schemas import (
    NO_NUL,
    DecisionRequest,
    Moment,
    ReportList,
    ReportOut,
    ReportRequest,
)
from smishguard.model import Channel, Decision, Label
from smishguard.service.reporting import Submission
from smishguard.store import ReportQuery

router = APIRouter(prefix="/v1/reports", tags=["reports"], dependencies=[JsonBody])
ReportId = Annotated[str, Path(max_length=64, pattern=NO_NUL)]
MAX_SEQ = 2**31 - 1  # report sequence numbers are 32-bit integers in PostgreSQL


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ReportOut)
def submit_report(
    body: ReportRequest, app: ServicesDep, principal: Ingest, response: Response,
    idempotency_key: Annotated[str | None, Header(
        max_length=64, pattern=r"^[\x21-\x7e]+$",
        description="Send the same key again (a retry after a timeout) to get the report "
        "stored the first time, never a second one.")] = None,
) -> ReportOut:
    """Score and store a report; the 201 is sent only once it is committed."""
    report, is_new = app.reporting.submit_once(principal.tenant_id, Submission(
        text=body.text, sender=body.sender, reporter=body.reporter,
        received_at=body.received_at, channel=Channel.API,
        external_id=f"api:{idempotency_key}" if idempotency_key else None))
    if is_new:
        app.metrics.reports.labels(report.verdict.label.value, report.channel.value).inc()
    else:
        response.headers["Idempotent-Replayed"] = "true"
    return ReportOut.of(report)


@router.get("", response_model=ReportList)
def list_reports(
    app: ServicesDep,
    principal: Analyst,
    label: Label | None = None,
    decision: Decision | None = None,
    undecided: bool = False,
    domain: Annotated[str | None, Query(max_length=253, pattern=NO_NUL)] = None,
    q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL,
                                   description="Text contains")] = None,
    received_after: Moment | None = None,
    received_before: Moment | None = None,
    cursor: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> ReportList:
    """The tenant's reports, newest first, filtered; page with ``cursor``."""
    page = app.store.reports.search(principal.tenant_id, ReportQuery(
        label=label, decision=decision, undecided=undecided, domain=domain, text=q,
        received_after=received_after, received_before=received_before,
        before_seq=cursor, limit=limit))
    return ReportList(items=[ReportOut.of(r) for r in page.reports],
                      next_cursor=page.next_cursor)


@router.get("/{report_id}", response_model=ReportOut)
def get_report(report_id: ReportId, app: ServicesDep, principal: Analyst) -> ReportOut:
    return ReportOut.of(app.store.reports.get(principal.tenant_id, report_id))


@router.put("/{report_id}/decision", response_model=ReportOut)
def decide_report(report_id: ReportId, body: DecisionRequest, app: ServicesDep,
                  principal: Analyst) -> ReportOut:
    """Record an analyst's decision (kept for retraining)."""
    return ReportOut.of(app.reporting.decide(principal.tenant_id, report_id, body.decision,
                                             principal.key_id))

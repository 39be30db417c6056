"""The triage queue (undecided reports, newest first; keyboard j/k/p/n in dashboard.js), one
report in full, and an analyst's decision on it (through service.reporting.decide, which
keeps it for retraining and writes the audit log)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import (
    BASE,
    PAGE_HEADERS,
    Analyst,
    DashboardDep,
    page_router,
    safe_next,
)
from smishguard.api.schemas import NO_NUL
from smishguard.model import Decision, Label
from smishguard.store import ReportQuery

router = page_router()
PAGE_SIZE = 50
MAX_SEQ = 2**31 - 1  # report sequence numbers are 32-bit integers in PostgreSQL
ReportId = Annotated[str, Path(max_length=64, pattern=NO_NUL)]


@router.get("/triage")
def triage_page(request: Request, board: DashboardDep, viewer: Analyst,
                label: Label | None = None,
                before: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None) -> HTMLResponse:
    store = board.services.store
    tenant_id = viewer.user.tenant_id
    page = store.reports.search(tenant_id, ReportQuery(
        undecided=True, label=label, before_seq=before, limit=PAGE_SIZE))
    return render(request, "triage.html", viewer, now=board.services.clock(), page="triage",
                  reports=page.reports, next_cursor=page.next_cursor, label=label,
                  labels=list(Label), waiting=store.insights.undecided(tenant_id))


@router.get("/reports/{report_id}")
def report_page(report_id: ReportId, request: Request, board: DashboardDep,
                viewer: Analyst) -> HTMLResponse:
    report = board.services.store.reports.get(viewer.user.tenant_id, report_id)
    return render(request, "report.html", viewer, now=board.services.clock(), page="triage",
                  report=report)


@router.post("/reports/{report_id}/decision")
def decide(report_id: ReportId, request: Request, board: DashboardDep, viewer: Analyst,
           decision: Annotated[Decision, Form()],
           next: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    decided = board.services.reporting.decide(viewer.user.tenant_id, report_id, decision,
                                              viewer.user.id)
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"id": decided.id, "decision": decision.value},
                            headers=PAGE_HEADERS)
    return RedirectResponse(safe_next(next, f"{BASE}/reports/{report_id}"), status_code=303)

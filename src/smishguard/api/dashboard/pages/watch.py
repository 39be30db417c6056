"""Watch hits: newly seen domains the tenant's watch reported, look-alikes first in mind, and
an analyst's decision on each (through service.reporting.decide_domain, which writes the audit
log)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import (
    BASE,
    Analyst,
    DashboardDep,
    page_router,
    safe_next,
)
from smishguard.api.schemas import DomainName
from smishguard.model import Decision

router = page_router()
SHOWN = 200


@router.get("/watch")
def watch_page(request: Request, board: DashboardDep, viewer: Analyst,
               show_all: Annotated[bool, Query(alias="all")] = False) -> HTMLResponse:
    observed = board.services.store.domains.list(viewer.user.tenant_id, limit=SHOWN)
    hits = observed if show_all else [d for d in observed if d.brand]
    return render(request, "watch.html", viewer, now=board.services.clock(), page="watch",
                  hits=hits, show_all=show_all, seen=len(observed), shown_limit=SHOWN)


@router.post("/watch/decision")
def decide(board: DashboardDep, viewer: Analyst, domain: Annotated[DomainName, Form()],
           decision: Annotated[Decision, Form()],
           next: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    board.services.reporting.decide_domain(viewer.user.tenant_id, domain, decision,
                                           viewer.user.id)
    return RedirectResponse(safe_next(next, f"{BASE}/watch"), status_code=303)

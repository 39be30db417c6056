"""Watch hits: newly seen domains the tenant's watch reported, look-alikes first in mind,
filtered and paged, and an analyst's decision on each (through
service.reporting.decide_domain, which writes the audit log)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

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
from smishguard.api.schemas import NO_NUL, DomainName
from smishguard.model import Decision
from smishguard.service.tenancy import tenant_policy
from smishguard.store.domains import ObservedCursor, ObservedQuery

router = page_router()
PAGE_SIZE = 100


@router.get("/watch")
def watch_page(
    request: Request, board: DashboardDep, viewer: Analyst,
    show_all: Annotated[bool, Query(alias="all")] = False,
    brand: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    undecided: bool = False,
    q: Annotated[str | None, Query(max_length=253, pattern=NO_NUL)] = None,
    certified_with: Annotated[str | None, Query(max_length=253, pattern=NO_NUL)] = None,
    after: Annotated[str | None, Query(max_length=400, pattern=NO_NUL)] = None,
) -> HTMLResponse:
    services = board.services
    tenant_id = viewer.user.tenant_id
    page = services.store.domains.search(tenant_id, ObservedQuery(
        lookalikes=not show_all, brand=brand or None, undecided=undecided, text=q or None,
        certified_with=certified_with or None,
        after=ObservedCursor.decode(after) if after else None, limit=PAGE_SIZE))
    filters = {k: v for k, v in (("all", "1" if show_all else ""), ("brand", brand or ""),
                                 ("undecided", "1" if undecided else ""), ("q", q or ""),
                                 ("certified_with", certified_with or "")) if v}
    brands = sorted({b.name for b in tenant_policy(services.store.tenants.get(tenant_id)).brands})
    return render(request, "watch.html", viewer, now=services.clock(), page="watch",
                  hits=page.domains, show_all=show_all, brand=brand or "", brands=brands,
                  undecided=undecided, q=q or "", certified_with=certified_with or "",
                  filtered=bool(brand or undecided or q or certified_with),
                  here=_url(filters, after),
                  next_page=_url(filters, page.next_cursor) if page.next_cursor else None)


@router.post("/watch/decision")
def decide(board: DashboardDep, viewer: Analyst, domain: Annotated[DomainName, Form()],
           decision: Annotated[Decision, Form()],
           next: Annotated[str | None, Form(max_length=500)] = None) -> Response:
    board.services.reporting.decide_domain(viewer.user.tenant_id, domain, decision,
                                           viewer.user.id)
    return RedirectResponse(safe_next(next, f"{BASE}/watch"), status_code=303)


def _url(filters: dict[str, str], after: str | None) -> str:
    query = urlencode(filters | ({"after": after} if after else {}))
    return f"{BASE}/watch" + (f"?{query}" if query else "")

"""Watch hits: newly seen domains the tenant's watch reported, look-alikes first in mind."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import Analyst, DashboardDep, page_router

router = page_router()
SHOWN = 200


@router.get("/watch")
def watch_page(request: Request, board: DashboardDep, viewer: Analyst,
               show_all: Annotated[bool, Query(alias="all")] = False) -> HTMLResponse:
    observed = board.services.store.domains.list(viewer.user.tenant_id, limit=SHOWN)
    hits = observed if show_all else [d for d in observed if d.brand]
    return render(request, "watch.html", viewer, now=board.services.clock(), page="watch",
                  hits=hits, show_all=show_all, seen=len(observed), shown_limit=SHOWN)

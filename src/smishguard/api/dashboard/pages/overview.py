"""The overview: what is happening now, at a glance."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from smishguard.api.dashboard.charts import brands_chart, hours_chart
from smishguard.api.dashboard.pages.campaigns import open_campaigns
from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import Analyst, DashboardDep, page_router
from smishguard.service.overview import BRAND_SAMPLE, Window, build_overview

router = page_router()


@router.get("/")
def overview_page(request: Request, board: DashboardDep, viewer: Analyst,
                  window: Window = Window.DAY) -> HTMLResponse:
    now = board.services.clock()
    summary = build_overview(board.services.reporting, viewer.user.tenant_id, now, window)
    span = "24 hours" if window is Window.DAY else "7 days"
    hours_title = (f"Reports per hour, last {span}: {summary.total:,} in all, "
                   f"{summary.flagged:,} flagged")
    brands_title = f"Most imitated brands, last {span}"
    return render(
        request, "overview.html", viewer, now=now, page="overview", overview=summary,
        span=span, windows=list(Window), brand_sample=BRAND_SAMPLE,
        campaigns=open_campaigns(board.services.store, viewer.user.tenant_id),
        hours_svg=hours_chart(summary.hours, title=hours_title)
        + hours_chart(summary.hours, title=hours_title, narrow=True),
        brands_svg=brands_chart(summary.brands, title=brands_title)
        + brands_chart(summary.brands, title=brands_title, narrow=True),
    )

"""Campaigns: the list (open ones first), one campaign as this tenant may see it (its own
reports, a count of other organizations, never which), status changes and notes through the
campaigns service (which writes the audit log), and exports downloaded with the session."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from smishguard.api.dashboard.charts import hours_chart
from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import (
    BASE,
    PAGE_HEADERS,
    Analyst,
    DashboardDep,
    page_router,
)
from smishguard.api.schemas import NO_NUL
from smishguard.intel import ExportFormat
from smishguard.model import CampaignStatus
from smishguard.service.campaigns import MAX_NOTE_CHARS
from smishguard.service.exports import export_for_tenant
from smishguard.service.overview import LABELS, HourBar
from smishguard.store import Store
from smishguard.store.campaigns import CampaignListRow, ReportMoment

router = page_router()
PAGE_SIZE = 20  # campaigns read in full per list page (a view reads all its members)
SHOWN_REPORTS = 100
SUMMARIES_READ = 10_000  # campaigns sorted and counted for the list and the overview
TIMELINE_MIN_HOURS = 12
TIMELINE_MAX_HOURS = 7 * 24
OPEN = (CampaignStatus.NEW, CampaignStatus.CONFIRMED, CampaignStatus.BLOCKED)
CampaignId = Annotated[str, Path(max_length=64, pattern=NO_NUL)]


@dataclass(frozen=True, slots=True)
class Listed:
    """A campaign in a list: its summary row and the tenant's status of it."""

    row: CampaignListRow
    status: CampaignStatus

    @property
    def title(self) -> str:
        return self.row.domains[0] if self.row.domains else "a look-alike the watch saw"


@dataclass(frozen=True, slots=True)
class OpenCampaigns:
    """What the overview's card shows: how many are open, and the latest few."""

    count: int
    latest: tuple[Listed, ...]


def ordered_campaigns(store: Store, tenant_id: str
                      ) -> tuple[list[str], list[str], dict[str, CampaignStatus]]:
    """The ids of the tenant's open and closed campaigns, each most recently active first,
    and its statuses, from the stored summaries alone (no campaign read in full: a view
    reads every member of a campaign, seconds for a page of big ones)."""
    statuses = store.campaigns.statuses(tenant_id)
    open_ids: list[str] = []
    closed: list[str] = []
    for row in store.campaigns.summaries(tenant_id, SUMMARIES_READ):
        is_open = statuses.get(row.campaign_id, CampaignStatus.NEW) in OPEN
        (open_ids if is_open else closed).append(row.campaign_id)
    return open_ids, closed, statuses


def listed(store: Store, tenant_id: str, ids: Sequence[str],
           statuses: dict[str, CampaignStatus]) -> list[Listed]:
    rows = store.campaigns.list_rows(tenant_id, ids)
    return [Listed(rows[cid], statuses.get(cid, CampaignStatus.NEW)) for cid in ids
            if cid in rows]


def open_campaigns(store: Store, tenant_id: str, shown: int = 5) -> OpenCampaigns:
    """How many campaigns of the tenant are open, and the ``shown`` most recently active."""
    open_ids, _, statuses = ordered_campaigns(store, tenant_id)
    return OpenCampaigns(len(open_ids), tuple(listed(store, tenant_id, open_ids[:shown],
                                                     statuses)))


@router.get("/campaigns")
def campaigns_page(request: Request, board: DashboardDep, viewer: Analyst,
                   page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    store = board.services.store
    tenant_id = viewer.user.tenant_id
    open_ids, closed_ids, statuses = ordered_campaigns(store, tenant_id)
    chosen = (open_ids + closed_ids)[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    shown = listed(store, tenant_id, chosen, statuses)
    return render(request, "campaigns.html", viewer, now=board.services.clock(),
                  page="campaigns", open_views=[c for c in shown if c.status in OPEN],
                  closed=[c for c in shown if c.status not in OPEN],
                  open_count=len(open_ids), closed_count=len(closed_ids), page_number=page,
                  has_more=len(open_ids) + len(closed_ids) > page * PAGE_SIZE,
                  formats=list(ExportFormat))


@router.get("/campaigns/{campaign_id}")
def campaign_page(campaign_id: CampaignId, request: Request, board: DashboardDep,
                  viewer: Analyst) -> HTMLResponse:
    tenant_id = viewer.user.tenant_id
    store = board.services.store
    view = board.services.reporting.campaigns.view(tenant_id, campaign_id)
    campaign = view.campaign
    # The view has the ids of the tenant's own reports only; read their times and labels
    # for the timeline, and only the newest in full.
    moments = sorted(store.campaigns.report_moments(campaign.report_ids),
                     key=lambda m: m.received_at, reverse=True)
    newest = {m.report_id for m in moments[:SHOWN_REPORTS]}
    own = sorted((r for r in store.campaigns.reports(newest) if r.tenant_id == tenant_id),
                 key=lambda r: r.received_at, reverse=True)
    now = board.services.clock()
    bars = timeline(moments, now)
    title = (f"Reports of this campaign per hour here: {len(moments):,}"
             + (f" (the last {len(bars) // 24} days shown)" if len(bars) >= TIMELINE_MAX_HOURS
                else ""))
    timeline_svg = (hours_chart(bars, title=title) + hours_chart(bars, title=title, narrow=True)
                    if bars else "")
    people = store.users.names(tenant_id)
    keys = {key.id: key.prefix for key in store.tenants.keys(tenant_id)}
    return render(request, "campaign.html", viewer, now=now,
                  page="campaigns", view=view, campaign=campaign, reports=own,
                  report_count=len(moments), timeline_svg=timeline_svg, bars=bars,
                  statuses=list(CampaignStatus), formats=list(ExportFormat),
                  notes=[note_parts(line, people, keys) for line in campaign.notes],
                  max_note=MAX_NOTE_CHARS)


@router.post("/campaigns/{campaign_id}/status")
def set_status(campaign_id: CampaignId, board: DashboardDep, viewer: Analyst,
               status: Annotated[CampaignStatus, Form()]) -> RedirectResponse:
    view = board.services.reporting.campaigns.set_status(viewer.user.tenant_id, campaign_id,
                                                         status, viewer.user.id)
    return RedirectResponse(f"{BASE}/campaigns/{view.campaign.id}", status_code=303)


@router.post("/campaigns/{campaign_id}/notes")
def add_note(campaign_id: CampaignId, board: DashboardDep, viewer: Analyst,
             text: Annotated[str, Form(max_length=MAX_NOTE_CHARS * 2, pattern=NO_NUL)]
             ) -> RedirectResponse:
    view = board.services.reporting.campaigns.add_note(viewer.user.tenant_id, campaign_id,
                                                       text, viewer.user.id)
    return RedirectResponse(f"{BASE}/campaigns/{view.campaign.id}#notes", status_code=303)


@router.get("/campaigns/{campaign_id}/export/{export_format}")
def export_campaign(campaign_id: CampaignId, export_format: ExportFormat, board: DashboardDep,
                    viewer: Analyst) -> Response:
    """One campaign's indicators (whatever its status); 404 when it did not reach the tenant."""
    return _download(board, viewer.user.tenant_id, export_format, campaign_id)


@router.get("/exports/{export_format}")
def export_open(export_format: ExportFormat, board: DashboardDep, viewer: Analyst) -> Response:
    """Every campaign the tenant has not closed, as GET /v1/exports/{format} gives it."""
    return _download(board, viewer.user.tenant_id, export_format, None)


def _download(board: DashboardDep, tenant_id: str, export_format: ExportFormat,
              campaign_id: str | None) -> Response:
    services = board.services
    document = export_for_tenant(services.store, services.reporting, tenant_id, export_format,
                                 services.clock(), campaign_id=campaign_id)
    name = f"smishguard-{campaign_id[:12]}" if campaign_id else "smishguard-open-campaigns"
    return Response(document.text, media_type=document.media_type, headers={
        **PAGE_HEADERS,
        "Content-Disposition": f'attachment; filename="{name}{export_format.file_suffix}"'})


def timeline(reports: Sequence[ReportMoment], now: datetime) -> tuple[HourBar, ...]:
    """The tenant's reports of the campaign per UTC hour and label, from an hour before the
    first to a couple after the last (never past this hour): a burst of minutes sits inside
    at least TIMELINE_MIN_HOURS hours, a long campaign shows its last week."""
    if not reports:
        return ()
    hour = timedelta(hours=1)
    hours = [r.received_at.replace(minute=0, second=0, microsecond=0) for r in reports]
    latest = now.replace(minute=0, second=0, microsecond=0) + hour
    start, end = min(hours) - hour, min(max(hours) + 3 * hour, latest)
    short = TIMELINE_MIN_HOURS * hour - (end - start)
    if short > timedelta(0):
        end = min(end + short / 2, latest)
        start = end - TIMELINE_MIN_HOURS * hour
    start = max(start, end - TIMELINE_MAX_HOURS * hour)
    counts = Counter((h, r.label) for h, r in zip(hours, reports, strict=True))
    slots = int((end - start).total_seconds() // 3600)
    starts: list[datetime] = [start + timedelta(hours=i) for i in range(slots)]
    return tuple(HourBar(s, tuple(counts[(s, label)] for label in LABELS)) for s in starts)


def note_parts(line: str, people: dict[str, str], keys: dict[str, str]) -> tuple[str, str, str]:
    """(when, who, text) of a stored note line 'YYYY-MM-DD HH:MM actor: text', the actor's id
    put as a person's name (or an API key's prefix)."""
    when, _, rest = line.partition(" ")
    clock, _, rest = rest.partition(" ")
    actor, _, text = rest.partition(": ")
    who = people.get(actor) or (f"API key {keys[actor]}…" if actor in keys else actor)
    return f"{when} {clock} UTC", who, text

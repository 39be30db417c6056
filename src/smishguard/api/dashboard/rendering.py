"""Server-rendered pages: Jinja2 templates (autoescaped), the navigation, small filters.

A new page is one router module, one template and one ``NavItem`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from smishguard.api.dashboard.security import BASE, CSRF_FIELD, PAGE_HEADERS
from smishguard.records import Role
from smishguard.service.sessions import SignedIn


@dataclass(frozen=True, slots=True)
class NavItem:
    key: str
    title: str
    path: str
    role: Role = Role.ANALYST


NAVIGATION = (
    NavItem("overview", "Overview", f"{BASE}/"),
    NavItem("triage", "Triage", f"{BASE}/triage"),
    NavItem("campaigns", "Campaigns", f"{BASE}/campaigns"),
    NavItem("watch", "Watch hits", f"{BASE}/watch"),
    NavItem("policy", "Policy", f"{BASE}/policy"),
    NavItem("audit", "Audit log", f"{BASE}/audit"),
    NavItem("users", "People", f"{BASE}/users", Role.ADMIN),
)


def when(moment: datetime | None) -> str:
    """'2026-11-28 09:05 UTC': unambiguous for a team spread over time zones."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "–"


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "–"
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return "just now" if seconds >= 0 else "in the future"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"  # pragma: no cover - the loop always returns


def thousands(number: int) -> str:
    return f"{number:,}"


_environment = Environment(
    loader=PackageLoader("smishguard.api.dashboard", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_environment.filters.update(when=when, thousands=thousands)


def render(request: Request, template: str, viewer: SignedIn | None, *, status: int = 200,
           now: datetime | None = None, **context: Any) -> HTMLResponse:
    """The page, with the navigation the viewer may use and the CSRF field for forms."""
    nav = [item for item in NAVIGATION if viewer is None or viewer.may(item.role)]
    html = _environment.get_template(template).render(
        request_path=request.url.path, base=BASE, nav=nav, viewer=viewer,
        csrf_field=CSRF_FIELD, csrf=viewer.csrf_token if viewer else "",
        ago=(lambda moment: ago(moment, now)) if now else (lambda moment: when(moment)),
        **context)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)

"""Who is asking, and may they: the session cookie, the CSRF check on every state-changing
request, roles, the relying party of WebAuthn and the headers every page carries.

Defences against another site acting with a signed-in browser, each enough alone:
SameSite=Strict cookies, a per-session CSRF token required on every POST (form field
``csrf`` or header ``X-CSRF-Token``), and a refusal of requests whose ``Origin`` is not ours.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request, Response
from starlette.datastructures import FormData

from smishguard.api.dependencies import Services
from smishguard.errors import InvalidInput, PermissionDenied
from smishguard.records import Role
from smishguard.service.passkeys import Passkeys, RelyingParty
from smishguard.service.sessions import SESSION_LIFETIME, Sessions, SignedIn

BASE = "/dashboard"
COOKIE = "smishguard_session"
SECURE_COOKIE = "__Host-smishguard_session"  # the browser keeps it host-only, Secure, Path=/
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Every asset is our own; nothing runs inline; no page may be framed.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Enrolment links carry their token: never to another site. ("no-referrer" would make
    # Chromium send "Origin: null" on our own form posts, which the origin check refuses.)
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What the dashboard's routes share (on the mounted app's state)."""

    services: Services
    sessions: Sessions
    passkeys: Passkeys


def dashboard(request: Request) -> Dashboard:
    found: Dashboard = request.app.state.dashboard
    return found


DashboardDep = Annotated[Dashboard, Depends(dashboard)]


def is_https(request: Request, board: Dashboard) -> bool:
    public = board.services.settings.public_url
    return (public or str(request.url)).lower().startswith("https://")


def cookie_name(request: Request, board: Dashboard) -> str:
    return SECURE_COOKIE if is_https(request, board) else COOKIE


def relying_party(request: Request, board: Dashboard) -> RelyingParty:
    """The public URL's host and origin when configured (behind a proxy, say); otherwise the
    host the browser asked for. WebAuthn refuses IP addresses as relying-party ids."""
    public = board.services.settings.public_url
    if public:
        parts = urlsplit(public)
        host, origin = parts.hostname or "", f"{parts.scheme}://{parts.netloc}"
    else:
        netloc = request.headers.get("host", "")
        host, origin = urlsplit(f"//{netloc}").hostname or "", f"{request.url.scheme}://{netloc}"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host:
            return RelyingParty(id=host, origin=origin.lower())
    raise InvalidInput("passkeys need a host name, not an IP address: open the dashboard as "
                       "http://localhost:PORT, or set SMISHGUARD_PUBLIC_URL")


def check_origin(request: Request, board: Dashboard) -> None:
    """Refuse a state-changing request another site made (Origin or Sec-Fetch-Site say so)."""
    origin = request.headers.get("origin")
    if origin is not None and origin.lower() != relying_party(request, board).origin:
        raise PermissionDenied(f"requests from {origin} are not accepted here")
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise PermissionDenied("requests from other sites are not accepted here")


def signed_in(request: Request, board: DashboardDep) -> SignedIn:
    """The signed-in user of the request's session cookie (Unauthenticated otherwise)."""
    return board.sessions.resolve(request.cookies.get(cookie_name(request, board)))


Viewer = Annotated[SignedIn, Depends(signed_in)]


async def csrf_guard(request: Request, board: DashboardDep, viewer: Viewer) -> None:
    """On every state-changing request: our origin, and the session's CSRF token."""
    if request.method in SAFE_METHODS:
        return
    check_origin(request, board)
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        form: FormData = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    session_id = request.cookies.get(cookie_name(request, board), "")
    if not board.sessions.is_valid_csrf(session_id, given):
        raise PermissionDenied("the form's security token is missing or wrong; "
                               "reload the page and try again")


def role_needed(role: Role) -> Any:
    def check(viewer: Viewer) -> SignedIn:
        if not viewer.may(role):
            raise PermissionDenied(f"this page is for {role.value}s; you are "
                                   f"signed in as {viewer.user.role.value}")
        return viewer
    return Depends(check)


Analyst = Annotated[SignedIn, role_needed(Role.ANALYST)]
Admin = Annotated[SignedIn, role_needed(Role.ADMIN)]


def page_router() -> APIRouter:
    """A router for signed-in pages: analysts at least, CSRF-checked on every POST."""
    return APIRouter(dependencies=[role_needed(Role.ANALYST), Depends(csrf_guard)])


def set_session_cookie(response: Response, request: Request, board: Dashboard,
                       session_id: str) -> None:
    response.set_cookie(cookie_name(request, board), session_id, httponly=True,
                        secure=is_https(request, board), samesite="strict", path="/",
                        max_age=int(SESSION_LIFETIME.total_seconds()))


def clear_session_cookie(response: Response, request: Request, board: Dashboard) -> None:
    response.delete_cookie(cookie_name(request, board), path="/",
                           secure=is_https(request, board), httponly=True, samesite="strict")


def safe_next(target: str | None, default: str = BASE + "/") -> str:
    """Only our own pages are redirect targets (never '//evil.example' or a full URL)."""
    if target and target.startswith(BASE + "/") and "//" not in target and "\\" not in target:
        return target
    return default

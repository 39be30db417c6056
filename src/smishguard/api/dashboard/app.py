"""The dashboard as an app of its own, mounted at /dashboard on the API's app: it has HTML
error pages instead of JSON ones, and stays out of /openapi.json."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from smishguard.api.dashboard.pages import (
    audit,
    auth,
    campaigns,
    overview,
    policy,
    triage,
    users,
    watch,
)
from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import BASE, PAGE_HEADERS, Dashboard, cookie_name
from smishguard.api.dependencies import Services
from smishguard.api.errors import describe_validation, status_of
from smishguard.errors import SmishguardError, Unauthenticated
from smishguard.service.passkeys import Passkeys
from smishguard.service.sessions import Sessions, SignedIn

log = logging.getLogger("smishguard.dashboard")
STATIC = Path(__file__).resolve().parent / "static"

# Each page is a router; a new page (campaigns, say) is one more module in this tuple.
PAGES = (auth, overview, triage, campaigns, watch, policy, audit, users)


def create_dashboard(services: Services) -> FastAPI:
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.add_middleware(ServerTiming)
    app.state.dashboard = Dashboard(
        services=services,
        sessions=Sessions(services.store, services.secret, services.clock),
        passkeys=Passkeys(services.store, services.clock),
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for page in PAGES:
        app.include_router(page.router)
    _install_error_pages(app)
    return app


def install_dashboard(app: FastAPI, services: Services) -> None:
    """Mount the dashboard at /dashboard and send visitors of / there."""
    app.mount(BASE, create_dashboard(services))

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse(f"{BASE}/", status_code=303)


class ServerTiming:
    """``Server-Timing: app;dur=MS`` on every answer: the time spent in the dashboard, shown
    by browsers' developer tools and read by benchmarks/dashboard_speed.py."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                spent = (time.perf_counter() - started) * 1000
                headers = MutableHeaders(scope=message)
                headers.append("Server-Timing", f"app;dur={spent:.1f}")
            await send(message)

        await self.app(scope, receive, timed)


def wants_json(request: Request) -> bool:
    return (request.url.path.startswith(f"{BASE}/auth/")
            or "application/json" in request.headers.get("accept", ""))


def error_page(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=PAGE_HEADERS)
    return render(request, "error.html", _viewer(request), status=status, message=message,
                  page="")


def _viewer(request: Request) -> SignedIn | None:
    """Who is signed in, if anyone, so that an error page keeps its navigation."""
    board: Dashboard = request.app.state.dashboard
    try:
        return board.sessions.resolve(request.cookies.get(cookie_name(request, board)))
    except SmishguardError:
        return None


def _install_error_pages(app: FastAPI) -> None:
    @app.exception_handler(SmishguardError)
    async def refused(request: Request, exc: SmishguardError) -> Response:
        if isinstance(exc, Unauthenticated) and request.method == "GET" \
                and not wants_json(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"{BASE}/signin?next={quote(target, safe='/')}",
                                    status_code=303)
        return error_page(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 422, describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404:
            message = "there is no such page"
        return error_page(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_page(request, 500, "internal error; it has been logged")


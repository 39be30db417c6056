"""Signing in and out, and enrolment through an invite: the pages, and the JSON steps of the
WebAuthn ceremonies their script drives (static/dashboard.js)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import (
    BASE,
    PAGE_HEADERS,
    Dashboard,
    DashboardDep,
    Viewer,
    check_origin,
    clear_session_cookie,
    cookie_name,
    csrf_guard,
    relying_party,
    safe_next,
    set_session_cookie,
)
from smishguard.api.schemas import NO_NUL
from smishguard.errors import SmishguardError
from smishguard.records import DashboardUser
from smishguard.service.invitations import usable_invite
from smishguard.service.passkeys import MAX_NAME


def json_from_our_pages(request: Request, board: DashboardDep) -> None:
    """The ceremony steps take JSON only (a form on another site cannot send it without our
    consent) and only from our own origin."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, "send JSON with 'Content-Type: application/json'")
    check_origin(request, board)


router = APIRouter()
ceremonies = APIRouter(prefix="/auth", dependencies=[Depends(json_from_our_pages)])


class SignInAnswer(BaseModel):
    ceremony: str = Field(max_length=200)
    credential: dict[str, Any]
    next: str | None = Field(default=None, max_length=500, pattern=NO_NUL)


class EnrolStart(BaseModel):
    invite: str = Field(max_length=200)
    name: str = Field(max_length=MAX_NAME * 2, pattern=NO_NUL)


class EnrolAnswer(EnrolStart):
    ceremony: str = Field(max_length=200)
    credential: dict[str, Any]


@router.get("/signin")
def signin_page(request: Request, board: DashboardDep, next: str | None = None) -> Response:
    try:
        board.sessions.resolve(request.cookies.get(cookie_name(request, board)))
    except SmishguardError:
        relying_party(request, board)  # a clear page now if the host is an IP address
        return render(request, "signin.html", None, next=safe_next(next))
    return RedirectResponse(safe_next(next), status_code=303)


@ceremonies.post("/signin/options")
def signin_options(request: Request, board: DashboardDep) -> JSONResponse:
    started = board.passkeys.begin_signin(relying_party(request, board))
    return _json({"ceremony": started.ceremony, "options": started.options})


@ceremonies.post("/signin/verify")
def signin_verify(body: SignInAnswer, request: Request, board: DashboardDep) -> JSONResponse:
    user = board.passkeys.finish_signin(relying_party(request, board), body.ceremony,
                                        body.credential)
    return _signed_in(request, board, user, safe_next(body.next))


@router.get("/enrol")
def enrol_page(request: Request, board: DashboardDep, invite: str = "") -> Response:
    try:
        found = usable_invite(board.services.store, invite, board.services.clock())
    except SmishguardError as exc:
        return render(request, "enrol.html", None, status=403, problem=str(exc), invite="",
                      note="", role="", tenant="")
    relying_party(request, board)
    tenant = board.services.store.tenants.get(found.tenant_id)
    return render(request, "enrol.html", None, problem="", invite=invite, note=found.note,
                  role=found.role.value, tenant=tenant.name)


@ceremonies.post("/enrol/options")
def enrol_options(body: EnrolStart, request: Request, board: DashboardDep) -> JSONResponse:
    started = board.passkeys.begin_enrolment(relying_party(request, board), body.invite,
                                             body.name)
    return _json({"ceremony": started.ceremony, "options": started.options})


@ceremonies.post("/enrol/verify")
def enrol_verify(body: EnrolAnswer, request: Request, board: DashboardDep) -> JSONResponse:
    user = board.passkeys.finish_enrolment(relying_party(request, board), body.ceremony,
                                           body.invite, body.name, body.credential)
    return _signed_in(request, board, user, f"{BASE}/")


@router.post("/signout", dependencies=[Depends(csrf_guard)])
def signout(request: Request, board: DashboardDep, viewer: Viewer) -> RedirectResponse:
    board.sessions.close(request.cookies.get(cookie_name(request, board), ""))
    response = RedirectResponse(f"{BASE}/signin", status_code=303)
    clear_session_cookie(response, request, board)
    return response


router.include_router(ceremonies)


def _signed_in(request: Request, board: Dashboard, user: DashboardUser,
               target: str) -> JSONResponse:
    response = _json({"redirect": target, "name": user.name, "role": user.role.value})
    set_session_cookie(response, request, board, board.sessions.open(user))
    return response


def _json(content: dict[str, Any]) -> JSONResponse:
    return JSONResponse(content, headers=PAGE_HEADERS)


"""People (admins only): who may use the dashboard, invitations for new analysts and admins,
and taking access away."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import BASE, Admin, DashboardDep, page_router
from smishguard.api.schemas import NO_NUL
from smishguard.errors import InvalidInput
from smishguard.records import Role
from smishguard.service.invitations import DASHBOARD_ROLES, create_invite, enrolment_link
from smishguard.service.sessions import SignedIn

router = page_router()


@router.get("/users")
def users_page(request: Request, board: DashboardDep, viewer: Admin) -> HTMLResponse:
    return _page(request, board, viewer)


@router.post("/users/invite")
def invite(request: Request, board: DashboardDep, viewer: Admin,
           role: Annotated[Role, Form()],
           note: Annotated[str, Form(max_length=200, pattern=NO_NUL)] = "") -> HTMLResponse:
    _, token = create_invite(board.services.store, viewer.user.tenant_id, role,
                             viewer.user.id, board.services.clock, note=note)
    public = board.services.settings.public_url
    base = public or f"{request.url.scheme}://{request.headers.get('host', '')}"
    return _page(request, board, viewer, link=enrolment_link(base, token), status=201)


@router.post("/users/{user_id}/remove")
def remove(user_id: Annotated[str, Path(max_length=64, pattern=NO_NUL)], request: Request,
           board: DashboardDep, viewer: Admin) -> RedirectResponse:
    if user_id == viewer.user.id:
        raise InvalidInput("you cannot remove your own access; ask another admin")
    store = board.services.store
    now = board.services.clock()
    store.users.disable(viewer.user.tenant_id, user_id, now)  # NotFound at another tenant
    person = store.users.user(user_id)
    store.tenants.audit(tenant_id=viewer.user.tenant_id, actor=viewer.user.id,
                        action="dashboard.remove_user", subject=person.name, at=now)
    return RedirectResponse(f"{BASE}/users", status_code=303)


def _page(request: Request, board: DashboardDep, viewer: SignedIn, *, link: str = "",
          status: int = 200) -> HTMLResponse:
    store = board.services.store
    now = board.services.clock()
    tenant_id = viewer.user.tenant_id
    people = store.users.names(tenant_id)
    return render(request, "users.html", viewer, now=now, page="users", status=status,
                  users=store.users.users(tenant_id), people=people,
                  invites=store.users.pending_invites(tenant_id, now), link=link,
                  roles=DASHBOARD_ROLES)

"""The audit log: sign-ins, enrolments, invites, decisions, policy changes, keys."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from smishguard.api.dashboard.rendering import render
from smishguard.api.dashboard.security import Analyst, DashboardDep, page_router

router = page_router()
SHOWN = 200
WORDS = {
    "dashboard.signin": "signed in",
    "dashboard.signout": "signed out",
    "dashboard.signin_refused": "sign-in refused",
    "dashboard.enrol": "enrolled a passkey",
    "dashboard.invite": "made an enrolment link",
    "dashboard.remove_user": "removed the access of",
    "report.decide": "decided",
    "campaign.status": "set the status of",
    "campaign.note": "added a note to",
    "policy.update": "changed the policy",
    "tenant.create": "created the tenant",
    "key.create": "made an API key",
}


@router.get("/audit")
def audit_page(request: Request, board: DashboardDep, viewer: Analyst) -> HTMLResponse:
    store = board.services.store
    tenant_id = viewer.user.tenant_id
    people = store.users.names(tenant_id)
    keys = {key.id: key.prefix for key in store.tenants.keys(tenant_id)}
    entries = [
        {**entry, "who": _actor(str(entry["actor"]), people, keys),
         "words": WORDS.get(str(entry["action"]), str(entry["action"])),
         "what": _details(entry.get("details") or {})}
        for entry in store.tenants.audit_entries(tenant_id, limit=SHOWN)
    ]
    return render(request, "audit.html", viewer, now=board.services.clock(), page="audit",
                  entries=entries, shown_limit=SHOWN)


def _actor(actor: str, people: dict[str, str], keys: dict[str, str]) -> str:
    if actor in people:
        return people[actor]
    if actor in keys:
        return f"API key {keys[actor]}…"
    return actor


def _details(details: dict[str, Any]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in sorted(details.items()) if value != "")

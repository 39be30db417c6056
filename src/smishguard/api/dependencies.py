"""What routes receive: the app's services and the authenticated caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from smishguard.api.metrics import Metrics
from smishguard.records import Role
from smishguard.service.access import Principal, authenticate
from smishguard.service.clock import Clock
from smishguard.service.reporting import Reporting
from smishguard.service.settings import Settings
from smishguard.store import Store


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    store: Store
    reporting: Reporting
    clock: Clock
    metrics: Metrics
    secret: bytes


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def caller(request: Request, app: ServicesDep) -> Principal:
    """The caller by its bearer key: 401 without one, never anonymous."""
    return authenticate(app.store, request.headers.get("authorization"))


def role(needed: Role) -> object:
    def check(principal: Annotated[Principal, Depends(caller)]) -> Principal:
        principal.require(needed)
        return principal
    return Depends(check)


Ingest = Annotated[Principal, role(Role.INGEST)]
Analyst = Annotated[Principal, role(Role.ANALYST)]
Admin = Annotated[Principal, role(Role.ADMIN)]


def json_body(request: Request) -> None:
    """Routes that read JSON refuse other content types with 415 and say what to send."""
    if request.method not in ("POST", "PUT", "PATCH"):
        return
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, f"send JSON with 'Content-Type: application/json', not "
                            f"{media_type or 'no content type'!r}")


JsonBody = Depends(json_body)

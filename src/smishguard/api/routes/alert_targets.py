"""/v1/alert-targets: the webhooks a tenant's alerts go to (admins only). The signing secret
is returned once, by the POST that creates the target; listings never show it."""

from __future__ import annotations

from fastapi import APIRouter, status

from smishguard.api.dependencies import Admin, JsonBody, ServicesDep
from smishguard.api.schemas import (
    AlertTargetCreated,
    AlertTargetOut,
    AlertTargetRequest,
    AlertTargetUpdate,
)
from smishguard.records import AlertEvent, AlertTarget
from smishguard.service.alerts import create_target, redacted_url, set_target_enabled
from smishguard.store.alerts import TargetDeliveries

router = APIRouter(prefix="/v1/alert-targets", tags=["alerts"], dependencies=[JsonBody])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AlertTargetCreated)
def add_target(body: AlertTargetRequest, app: ServicesDep,
               principal: Admin) -> AlertTargetCreated:
    """Register a webhook; the answer holds its signing secret, shown this once."""
    target, secret = create_target(app.store, principal.tenant_id, body.url, app.clock,
                                   alert_format=body.format, events=body.events or (),
                                   actor=principal.key_id)
    summary = _out(target, TargetDeliveries(target.id))
    return AlertTargetCreated(**summary.model_dump(), url=target.url, secret=secret)


@router.get("", response_model=list[AlertTargetOut])
def list_targets(app: ServicesDep, principal: Admin) -> list[AlertTargetOut]:
    """The tenant's targets with how their alerts stand (no secrets, no URL paths)."""
    deliveries = app.store.alerts.deliveries(principal.tenant_id)
    return [_out(target, deliveries.get(target.id, TargetDeliveries(target.id)))
            for target in app.store.alerts.targets(principal.tenant_id)]


@router.patch("/{target_id}", response_model=AlertTargetOut)
def update_target(target_id: str, body: AlertTargetUpdate, app: ServicesDep,
                  principal: Admin) -> AlertTargetOut:
    """Disable a target (pending alerts wait), or enable it again."""
    target = set_target_enabled(app.store, principal.tenant_id, target_id, body.enabled,
                                app.clock, actor=principal.key_id)
    deliveries = app.store.alerts.deliveries(principal.tenant_id)
    return _out(target, deliveries.get(target.id, TargetDeliveries(target.id)))


def _out(target: AlertTarget, deliveries: TargetDeliveries) -> AlertTargetOut:
    return AlertTargetOut(
        id=target.id, format=target.format, destination=redacted_url(target.url),
        enabled=target.enabled, events=list(target.events or AlertEvent),
        created_at=target.created_at, pending=deliveries.pending,
        delivered=deliveries.delivered, dead=deliveries.dead, last_error=deliveries.last_error)

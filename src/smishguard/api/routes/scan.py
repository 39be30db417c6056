"""/v1/scan: a verdict on one message under the tenant's policy, nothing stored."""

from __future__ import annotations

from fastapi import APIRouter

from smishguard.api.dependencies import Ingest, JsonBody, ServicesDep
from smishguard.api.schemas import ScanRequest, VerdictOut

router = APIRouter(prefix="/v1", tags=["scan"], dependencies=[JsonBody])


@router.post("/scan", response_model=VerdictOut)
def scan_message(body: ScanRequest, app: ServicesDep, principal: Ingest) -> VerdictOut:
    verdict = app.reporting.scan(principal.tenant_id, body.text, body.sender)
    app.metrics.scans.labels(verdict.label.value).inc()
    return VerdictOut.of(verdict)

"/v1/campaigns: the tenant's view of campaigns; status and notes; /v1/exports: intel."

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from smishguard.api.campaign_schemas import CampaignOut, NoteRequest, StatusRequest
from smishguard.api.dependencies import Analyst, JsonBody, ServicesDep
from smishguard.api.schemas import NO_NUL
from smishguard.intel import ExportFormat
from smishguard.service.exports import export_for_tenant

router = APIRouter(tags=["campaigns"])

CampaignId = Annotated[str, Path(max_length=64, pattern=NO_NUL)]


@router.get("/v1/campaigns", response_model=list[CampaignOut])
def list_campaigns(app: ServicesDep, principal: Analyst,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[CampaignOut]:
    """Campaigns with this tenant's reports, most recently active first."""
    return [CampaignOut.of(v) for v in app.reporting.campaigns.list_for(principal.tenant_id,
                                                                         limit)]


@router.get("/v1/campaigns/{campaign_id}", response_model=CampaignOut)
def get_campaign(campaign_id: CampaignId, app: ServicesDep, principal: Analyst) -> CampaignOut:
    return CampaignOut.of(app.reporting.campaigns.view(principal.tenant_id, campaign_id))


@router.put("/v1/campaigns/{campaign_id}/status", response_model=CampaignOut,
            dependencies=[JsonBody])
def set_campaign_status(campaign_id: CampaignId, body: StatusRequest, app: ServicesDep,
                        principal: Analyst) -> CampaignOut:
    """New, confirmed, blocked or closed; confirming or blocking blocks its domains in every
    scan at once."""
    return CampaignOut.of(app.reporting.campaigns.set_status(
        principal.tenant_id, campaign_id, body.status, principal.key_id))


@router.post("/v1/campaigns/{campaign_id}/notes", response_model=CampaignOut,
             dependencies=[JsonBody])
def add_campaign_note(campaign_id: CampaignId, body: NoteRequest, app: ServicesDep,
                      principal: Analyst) -> CampaignOut:
    return CampaignOut.of(app.reporting.campaigns.add_note(
        principal.tenant_id, campaign_id, body.text, principal.key_id))


@router.get("/v1/exports/{export_format}", response_class=Response, responses={
    200: {"content": {kind.media_type.split(";")[0]: {} for kind in ExportFormat}}})
def export(export_format: ExportFormat, app: ServicesDep, principal: Analyst) -> Response:
    """This tenant's indicators and campaigns as a DNS RPZ zone, a STIX 2.1 bundle, a MISP
    event, CSV, or a plain domain list."""
    document = export_for_tenant(app.store, app.reporting, principal.tenant_id, export_format,
                                 app.clock())
    suffix = export_format.file_suffix
    return Response(document.text, media_type=document.media_type, headers={
        "Content-Disposition": f'attachment; filename="smishguard{suffix}"'})

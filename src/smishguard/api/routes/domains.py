"""/v1/domains: names a tenant's watch observed, judged against its brands and kept."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from smishguard.api.dependencies import Analyst, Ingest, JsonBody, ServicesDep
from smishguard.api.schemas import DomainsAccepted, DomainsRequest, ObservedDomainOut

router = APIRouter(prefix="/v1/domains", tags=["domains"], dependencies=[JsonBody])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=DomainsAccepted)
def submit_domains(body: DomainsRequest, app: ServicesDep, principal: Ingest) -> DomainsAccepted:
    new = app.reporting.observe(principal.tenant_id, body.domains, body.source)
    return DomainsAccepted(received=len(body.domains), new=new)


@router.get("", response_model=list[ObservedDomainOut])
def list_domains(app: ServicesDep, principal: Analyst,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[ObservedDomainOut]:
    return [ObservedDomainOut(
        domain=d.domain, brand=d.brand, kind=d.kind, score=d.score, reason=d.reason,
        source=d.source, first_seen=d.first_seen, last_seen=d.last_seen,
        times_seen=d.times_seen) for d in app.store.domains.list(principal.tenant_id, limit)]

"""/v1/domains: names a tenant's watch observed, judged against its brands and kept, and the
analysts' decisions on them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from smishguard.api.dependencies import Analyst, Ingest, JsonBody, ServicesDep
from smishguard.api.schemas import (
    DecisionRequest,
    DomainName,
    DomainsAccepted,
    DomainsRequest,
    ObservedDomainOut,
)

router = APIRouter(prefix="/v1/domains", tags=["domains"], dependencies=[JsonBody])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=DomainsAccepted)
def submit_domains(body: DomainsRequest, app: ServicesDep, principal: Ingest) -> DomainsAccepted:
    new = app.reporting.observe(principal.tenant_id, body.domains, body.source)
    return DomainsAccepted(received=len(body.domains), new=new)


@router.get("", response_model=list[ObservedDomainOut])
def list_domains(app: ServicesDep, principal: Analyst,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[ObservedDomainOut]:
    return [ObservedDomainOut.of(d) for d in app.store.domains.list(principal.tenant_id, limit)]


@router.put("/{domain}/decision", response_model=ObservedDomainOut,
            responses={404: {"description": "the tenant's watch never sent this name"}})
def decide_domain(domain: Annotated[DomainName, Path()], body: DecisionRequest,
                  app: ServicesDep, principal: Analyst) -> ObservedDomainOut:
    """Record an analyst's decision on an observed name: ``phishing`` blocks links to it in
    every tenant's scans; ``not_phishing`` stops its alerts and exports for this tenant."""
    return ObservedDomainOut.of(app.reporting.decide_domain(
        principal.tenant_id, domain, body.decision, principal.key_id))

"""/v1/domains: names a tenant's watch observed, judged against its brands and kept, and the
analysts' decisions on them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from smishguard.api.dependencies import Analyst, Ingest, JsonBody, ServicesDep
from smishguard.api.schemas import (
    NO_NUL,
    DecisionRequest,
    DomainName,
    DomainsAccepted,
    DomainsRequest,
    ObservedDomainList,
    ObservedDomainOut,
)
from smishguard.store.domains import ObservedCursor, ObservedQuery

router = APIRouter(prefix="/v1/domains", tags=["domains"], dependencies=[JsonBody])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=DomainsAccepted)
def submit_domains(body: DomainsRequest, app: ServicesDep, principal: Ingest) -> DomainsAccepted:
    entries = {name: (entry.log, entry.index) for name, entry in body.ct_entries.items()}
    new = app.reporting.observe(principal.tenant_id, body.domains, body.source, entries,
                                body.certified_with)
    return DomainsAccepted(received=len(body.domains), new=new)


@router.get("", response_model=ObservedDomainList)
def list_domains(
    app: ServicesDep,
    principal: Analyst,
    lookalikes: Annotated[bool, Query(description="Only names that imitate a brand")] = False,
    brand: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
    undecided: Annotated[bool, Query(description="Only names nobody decided on")] = False,
    q: Annotated[str | None, Query(max_length=253, pattern=NO_NUL,
                                   description="Name contains")] = None,
    certified_with: Annotated[str | None, Query(
        max_length=253, pattern=NO_NUL,
        description="Only names whose first certificate also named this one (a campaign's "
                    "other domains)")] = None,
    cursor: Annotated[str | None, Query(max_length=400, pattern=NO_NUL)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> ObservedDomainList:
    """The names the tenant's watch observed, the latest seen first, filtered; page with
    ``cursor``."""
    page = app.store.domains.search(principal.tenant_id, ObservedQuery(
        lookalikes=lookalikes, brand=brand, undecided=undecided, text=q,
        certified_with=certified_with,
        after=ObservedCursor.decode(cursor) if cursor else None, limit=limit))
    return ObservedDomainList(items=[ObservedDomainOut.of(d) for d in page.domains],
                              next_cursor=page.next_cursor)


@router.put("/{domain}/decision", response_model=ObservedDomainOut,
            responses={404: {"description": "the tenant's watch never sent this name"}})
def decide_domain(domain: Annotated[DomainName, Path()], body: DecisionRequest,
                  app: ServicesDep, principal: Analyst) -> ObservedDomainOut:
    """Record an analyst's decision on an observed name: ``phishing`` blocks links to it in
    every tenant's scans; ``not_phishing`` stops its alerts and exports for this tenant."""
    return ObservedDomainOut.of(app.reporting.decide_domain(
        principal.tenant_id, domain, body.decision, principal.key_id))

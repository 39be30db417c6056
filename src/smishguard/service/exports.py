"""A tenant's threat-intel export: its campaigns (as it may see them) and their indicators."""

from __future__ import annotations

from datetime import datetime

from smishguard.intel import Export, ExportFormat, render
from smishguard.model import Campaign, CampaignStatus, Indicator, IndicatorKind
from smishguard.service.reporting import Reporting
from smishguard.service.tenancy import tenant_policy
from smishguard.store import Store

MAX_CAMPAIGNS = 10_000


def export_for_tenant(store: Store, reporting: Reporting, tenant_id: str,
                      export_format: ExportFormat | str, now: datetime,
                      campaign_id: str | None = None) -> Export:
    """Campaigns this tenant has not closed (or the one campaign ``campaign_id``, whatever
    its status: NotFound when it did not reach the tenant), with their domains and senders as
    indicators; never a domain the tenant cleared or one its policy says a protected brand
    owns."""
    tenant = store.tenants.get(tenant_id)
    policy = tenant_policy(tenant)
    if campaign_id is not None:
        campaigns = [reporting.campaigns.view(tenant_id, campaign_id).campaign]
    else:
        campaigns = [v.campaign for v in reporting.campaigns.list_for(tenant_id, MAX_CAMPAIGNS)
                     if v.campaign.status is not CampaignStatus.CLOSED]
    indicators: list[Indicator] = []
    for campaign in campaigns:
        for domain in campaign.domains:
            if reporting.feedback.is_cleared(tenant_id, domain) or policy.owner_of(domain):
                continue
            indicators.append(_indicator(IndicatorKind.DOMAIN, domain, campaign))
        indicators += [_indicator(IndicatorKind.SENDER, sender, campaign)
                       for sender in campaign.senders]
    return render(export_format, campaigns, _unique(indicators), generated_at=now)


def _indicator(kind: IndicatorKind, value: str, campaign: Campaign) -> Indicator:
    return Indicator(kind=kind, value=value, first_seen=campaign.first_seen,
                     last_seen=campaign.last_seen,
                     brand=campaign.brands[0] if campaign.brands else "",
                     campaign_id=campaign.id)


def _unique(indicators: list[Indicator]) -> list[Indicator]:
    seen: dict[tuple[IndicatorKind, str], Indicator] = {}
    for item in indicators:
        seen.setdefault((item.kind, item.value), item)
    return list(seen.values())

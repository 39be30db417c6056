"""Request and response bodies of the campaign and export routes (pydantic, HTTP edge only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from smishguard.api.schemas import NO_NUL
from smishguard.campaigns import TenantCampaignView
from smishguard.model import CampaignStatus


class CampaignOut(BaseModel):
    id: str
    title: str
    status: CampaignStatus
    first_seen: datetime = Field(description="First of this tenant's reports.")
    last_seen: datetime
    first_seen_anywhere: datetime = Field(description="First report at any organization.")
    reports: int
    report_ids: list[str]
    people_reached: int = Field(description="Distinct (pseudonymous) reporters here.")
    domains: list[str]
    senders: list[str]
    samples: list[str]
    patterns: list[str] = Field(description="Abstracted templates: {brand}-okta.com, ...")
    brands: list[str]
    other_organizations: int = Field(description="How many other tenants saw it (never who).")
    notes: list[str]

    @classmethod
    def of(cls, view: TenantCampaignView) -> CampaignOut:
        c = view.campaign
        return cls(
            id=c.id, title=c.title, status=c.status, first_seen=c.first_seen,
            last_seen=c.last_seen, first_seen_anywhere=view.first_seen_anywhere,
            reports=len(c.report_ids), report_ids=list(c.report_ids),
            people_reached=c.people_reached, domains=list(c.domains), senders=list(c.senders),
            samples=list(c.samples), patterns=list(c.patterns), brands=list(c.brands),
            other_organizations=view.other_tenants, notes=list(c.notes),
        )


class StatusRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: CampaignStatus


class NoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL)]

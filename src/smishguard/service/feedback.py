"""Analysts' decisions on domains, flowing back to every scan: a domain confirmed as phishing
is blocked for every tenant at once; a domain a tenant cleared stops alerting that tenant.

Held in memory and refreshed from the store every few seconds, so several server processes
agree within that time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from smishguard.model import Decision
from smishguard.service.clock import Clock
from smishguard.store import Store

REFRESH_SECONDS = 5.0


class DomainFeedback:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._lock = threading.Lock()
        self._loaded_at = float("-inf")
        self._confirmed: dict[str, set[str]] = {}  # domain -> tenants that confirmed it
        self._cleared: dict[str, set[str]] = {}  # tenant -> domains it cleared

    def confirmed_for(self, tenant_id: str) -> frozenset[str]:
        """Domains to block for this tenant: confirmed by anyone, not cleared by it."""
        self._refresh()
        cleared = self._cleared.get(tenant_id, set())
        return frozenset(d for d in self._confirmed if d not in cleared)

    def is_cleared(self, tenant_id: str, domain: str) -> bool:
        self._refresh()
        return domain in self._cleared.get(tenant_id, ())

    def record(self, tenant_id: str, domains: Iterable[str], decision: Decision, actor: str,
               source: str) -> None:
        domains = [d for d in dict.fromkeys(domains) if d]
        if not domains:
            return
        self._store.campaigns.decide_domains(tenant_id, domains, decision, actor, source,
                                             self._clock())
        self._refresh(force=True)

    def _refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._loaded_at < REFRESH_SECONDS:
            return
        with self._lock:
            confirmed: dict[str, set[str]] = {}
            cleared: dict[str, set[str]] = {}
            for tenant_id, domain, decision in self._store.campaigns.domain_decisions():
                if decision is Decision.PHISHING:
                    confirmed.setdefault(domain, set()).add(tenant_id)
                else:
                    cleared.setdefault(tenant_id, set()).add(domain)
            self._confirmed, self._cleared = confirmed, cleared
            self._loaded_at = now

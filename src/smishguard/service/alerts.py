"""Alerts to the security team: the targets a tenant's admins register, and delivering the
outbox to them.

The store writes one outbox row per enabled target, with the report, when a domain is reported
as phishing at a tenant for the first time. ``deliver_due`` POSTs the rows that are due, signed
(see ``alert_formats``); a 2xx marks a row delivered, anything else schedules a retry after
``retry_delay`` until ``RetryPolicy.max_attempts``, when the row is marked dead and kept.
Delivery is at least once: a receiver drops duplicates by ``X-Smishguard-Delivery``.
"""

from __future__ import annotations

import logging
import math
import random
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

import httpx

from smishguard.errors import InvalidInput
from smishguard.records import AlertEvent, AlertFormat, AlertTarget, OutboxItem
from smishguard.service.alert_formats import alert_request
from smishguard.service.clock import Clock
from smishguard.store import Store

log = logging.getLogger("smishguard.alerts")

SECRET_PREFIX = "whsec_"
MAX_URL_CHARS = 2000
Draw = Callable[[], float]
"""A source of uniform numbers in [0, 1): ``random.Random(seed).random`` in tests."""


# -- targets -----------------------------------------------------------------------------------

def create_target(store: Store, tenant_id: str, url: str, clock: Clock, *,
                  alert_format: AlertFormat = AlertFormat.JSON,
                  events: Iterable[AlertEvent] = (),
                  actor: str = "cli") -> tuple[AlertTarget, str]:
    """Register a webhook for the tenant, sent ``events`` (none given: every event); returns
    the target and its signing secret, which is shown this once (the store keeps it to sign
    with, but no listing returns it)."""
    store.tenants.get(tenant_id)  # NotFound for an unknown tenant
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    target = store.alerts.add_target(AlertTarget(
        id=str(uuid.uuid4()), tenant_id=tenant_id, url=checked_url(url), format=alert_format,
        created_at=clock(), secret=secret, events=tuple(dict.fromkeys(events))))
    store.tenants.audit(
        tenant_id=tenant_id, actor=actor, action="alert_target.create", subject=target.id,
        at=clock(), details={"format": alert_format.value,
                             "destination": redacted_url(target.url),
                             "events": [e.value for e in target.events] or "all"})
    return target, secret


def set_target_enabled(store: Store, tenant_id: str, target_id: str, enabled: bool,
                       clock: Clock, *, actor: str = "cli") -> AlertTarget:
    """Disable (or enable again) one of the tenant's targets; NotFound for another's."""
    target = store.alerts.set_enabled(tenant_id, target_id, enabled)
    store.tenants.audit(tenant_id=tenant_id, actor=actor,
                        action="alert_target.enable" if enabled else "alert_target.disable",
                        subject=target_id, at=clock())
    return target


def checked_url(url: str) -> str:
    """The URL, if alerts can be POSTed to it: http(s), a host, no spaces; InvalidInput
    saying what is wrong otherwise."""
    url = url.strip()
    if not url:
        raise InvalidInput("the alert target URL is empty")
    if len(url) > MAX_URL_CHARS:
        raise InvalidInput(f"the alert target URL is longer than {MAX_URL_CHARS} characters")
    if any(char.isspace() or ord(char) < 32 for char in url):
        raise InvalidInput("the alert target URL contains spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidInput(
            f"the alert target URL must start with https:// or http://, not {parts.scheme!r}"
            if parts.scheme else "the alert target URL must start with https:// or http://")
    try:
        port = parts.port
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise InvalidInput(f"the alert target URL is not valid: {exc}") from exc
    if not parts.hostname:
        raise InvalidInput("the alert target URL has no host name")
    if port == 0:
        raise InvalidInput("the alert target URL has port 0")
    return url


def redacted_url(url: str) -> str:
    """Scheme, host and port only: a webhook URL's path or query is often its credential
    (Slack's are), so listings and logs never show more."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    rest = "/…" if (parts.path not in ("", "/") or parts.query) else "/"
    return f"{parts.scheme}://{host}{port}{rest}"


# -- retries ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """When to try again: ``first_delay`` after the first failure, times ``factor`` after
    each further one, never more than ``max_delay``; up to ``jitter`` of it is taken off at
    random so that retries to one receiver spread out. Gives up after ``max_attempts``.

    The defaults retry after about 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 40 min, then every
    hour, for about a day in all."""

    first_delay: timedelta = timedelta(seconds=10)
    factor: float = 3.0
    max_delay: timedelta = timedelta(hours=1)
    jitter: float = 0.2
    max_attempts: int = 30

    def __post_init__(self) -> None:
        if self.first_delay <= timedelta(0) or self.max_delay < self.first_delay:
            raise InvalidInput("retry delays must be positive, the first no more than the last")
        if self.factor < 1 or not 0 <= self.jitter < 1 or self.max_attempts < 1:
            raise InvalidInput("retry factor must be >= 1, jitter in [0, 1), attempts >= 1")


def retry_delay(failed_attempts: int, policy: RetryPolicy, draw: Draw) -> timedelta:
    """How long to wait after the ``failed_attempts``-th failed attempt (1 for the first)."""
    if failed_attempts < 1:
        raise ValueError("failed_attempts counts from 1")
    # Compare exponents, not powers, so that attempt 10,000 does not overflow a float.
    first, cap = policy.first_delay.total_seconds(), policy.max_delay.total_seconds()
    steps = failed_attempts - 1
    if policy.factor == 1 or steps * math.log(policy.factor) < math.log(cap / first):
        base = min(cap, first * policy.factor ** steps)
    else:
        base = cap
    return timedelta(seconds=base * (1 - policy.jitter * draw()))


# -- delivery ---------------------------------------------------------------------------------

class Outcome(StrEnum):
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # anything else; tried again later
    DEAD = "dead"  # failed for the last allowed time; kept, not tried again


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    item_id: int
    target_id: str
    outcome: Outcome
    attempt: int  # 1 for the first
    error: str | None = None  # "HTTP 503", "ConnectError: ..."; never the URL
    next_attempt_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRound:
    attempts: tuple[DeliveryAttempt, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for attempt in self.attempts if attempt.outcome is outcome)

    @property
    def delivered(self) -> int:
        return self.count(Outcome.DELIVERED)

    @property
    def failed(self) -> int:
        return self.count(Outcome.FAILED)

    @property
    def dead(self) -> int:
        return self.count(Outcome.DEAD)


def deliver_due(store: Store, client: httpx.Client, clock: Clock, *,
                retry: RetryPolicy | None = None, draw: Draw | None = None,
                public_url: str | None = None, limit: int = 100,
                lease: timedelta = timedelta(minutes=2)) -> DeliveryRound:
    """POST every alert that is due (at most ``limit``) to its target, once, and record what
    happened. ``lease`` must exceed the client's timeout: an alert taken by a worker that
    dies is due again after it. ``public_url`` makes Slack messages link to the report."""
    retry = retry or RetryPolicy()
    if draw is None:
        draw = random.SystemRandom().random
    targets: dict[str, AlertTarget | None] = {}
    attempts: list[DeliveryAttempt] = []
    for item in store.alerts.due(clock(), limit):
        now = clock()
        if not store.alerts.claim(item.id, now, now + lease):
            continue  # another worker has it
        if item.target_id not in targets:
            targets[item.target_id] = store.alerts.target(item.target_id)
        target = targets[item.target_id]
        assert target is not None  # the outbox's foreign key
        error = _post(client, item, target, now, public_url)
        attempts.append(_record(store, item, target, error, clock(), retry, draw))
    return DeliveryRound(tuple(attempts))


def _post(client: httpx.Client, item: OutboxItem, target: AlertTarget, now: datetime,
          public_url: str | None) -> str | None:
    """None when the receiver took it (2xx), else what went wrong, without the URL."""
    report_url = (f"{public_url.rstrip('/')}/v1/reports/{item.payload['report_id']}"
                  if public_url and item.payload.get("report_id") else None)
    request = alert_request(item, target, now, report_url)
    try:
        # Streamed so that a large answer is never read: only the status matters.
        with client.stream("POST", target.url, content=request.body,
                           headers=dict(request.headers)) as response:
            if response.is_success:
                return None
            return f"HTTP {response.status_code}"
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        message = str(exc).replace(target.url, redacted_url(target.url))
        return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _record(store: Store, item: OutboxItem, target: AlertTarget, error: str | None,
            now: datetime, retry: RetryPolicy, draw: Draw) -> DeliveryAttempt:
    attempt = item.attempts + 1
    where = f"alert {item.id} (attempt {attempt}) to target {target.id} " \
            f"({redacted_url(target.url)})"
    if error is None:
        store.alerts.mark_delivered(item.id, now)
        log.info("%s: delivered", where)
        return DeliveryAttempt(item.id, target.id, Outcome.DELIVERED, attempt)
    if attempt >= retry.max_attempts:
        store.alerts.mark_dead(item.id, error, now)
        log.error("%s: %s; giving up after %d attempts", where, error, attempt)
        return DeliveryAttempt(item.id, target.id, Outcome.DEAD, attempt, error)
    next_at = now + retry_delay(attempt, retry, draw)
    store.alerts.mark_failed(item.id, error, next_at)
    log.warning("%s: %s; next attempt at %s", where, error, next_at.isoformat())
    return DeliveryAttempt(item.id, target.id, Outcome.FAILED, attempt, error, next_at)

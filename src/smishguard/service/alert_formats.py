"""What an alert looks like on the wire: the body (our JSON, or Slack's ``{"text": ...}``) and
the headers that let a receiver check it came from us and drop duplicates.

The signature is Stripe's and GitHub's scheme: an HMAC-SHA256, keyed with the target's
secret, of ``"<timestamp>.<body>"``, sent as ``X-Smishguard-Signature: sha256=<hex>`` beside
``X-Smishguard-Timestamp`` (Unix seconds). Putting the timestamp under the MAC lets a receiver
refuse replays of old deliveries. docs/alerts.md shows a receiver verifying it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from smishguard import __version__
from smishguard.records import AlertEvent, AlertFormat, AlertTarget, OutboxItem

EVENT_HEADER = "X-Smishguard-Event"
DELIVERY_HEADER = "X-Smishguard-Delivery"  # the outbox id: the same on every retry
ATTEMPT_HEADER = "X-Smishguard-Attempt"
TIMESTAMP_HEADER = "X-Smishguard-Timestamp"
SIGNATURE_HEADER = "X-Smishguard-Signature"
SIGNATURE_SCHEME = "sha256"
MAX_SLACK_REASONS = 5
MAX_SLACK_NAMES = 10  # of a certificate's other names


@dataclass(frozen=True, slots=True)
class AlertRequest:
    """One delivery attempt, ready to POST."""

    body: bytes
    headers: Mapping[str, str]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``b"<timestamp>." + body`` keyed with the secret."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"{SIGNATURE_SCHEME}={mac.hexdigest()}"


def alert_request(item: OutboxItem, target: AlertTarget, at: datetime,
                  report_url: str | None = None) -> AlertRequest:
    """The signed request for one attempt to deliver ``item`` to ``target`` at ``at``."""
    if target.format is AlertFormat.SLACK:
        document: Mapping[str, Any] = {"text": slack_text(item.payload, report_url)}
    else:
        document = item.payload
    body = json.dumps(document, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")
    timestamp = int(at.timestamp())
    return AlertRequest(body, {
        "Content-Type": "application/json",
        "User-Agent": f"smishguard/{__version__}",
        EVENT_HEADER: item.event,
        DELIVERY_HEADER: str(item.id),
        ATTEMPT_HEADER: str(item.attempts + 1),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(target.secret, timestamp, body),
    })


def slack_text(payload: Mapping[str, Any], report_url: str | None = None) -> str:
    """A short message for people: which domain, which brand, why, and where the report is
    (or, for a look-alike the watch saw, where it was seen).

    The domain is defanged (``evil[.]com``) everywhere in the text, so that Slack neither
    links nor previews the phishing site."""
    domain = str(payload.get("domain", ""))

    def safe(text: object) -> str:
        return _slack_escape(defang(str(text), domain))

    tenant = f" at {safe(payload['tenant'])}" if payload.get("tenant") else ""
    observed = payload.get("event") == AlertEvent.LOOKALIKE_OBSERVED
    if observed:
        lines = [f":mag: New look-alike seen: *{safe(domain)}*{tenant}"]
    else:
        lines = [f":rotating_light: First phishing report of *{safe(domain)}*{tenant}"]
    if payload.get("brand"):
        kind = f" ({safe(payload['kind'])})" if payload.get("kind") else ""
        lines.append(f"Imitates: {safe(payload['brand'])}{kind}")
    if payload.get("score") is not None:
        lines.append(f"Score: {payload['score']}")
    if observed and payload.get("source"):
        lines.append(f"Seen in: {safe(payload['source'])}")
    if observed and payload.get("ct_log") and payload.get("ct_index") is not None:
        lines.append(f"Certificate: entry {safe(payload['ct_index'])} of the CT log "
                     f"`{safe(payload['ct_log'])}`")
    others = payload.get("certified_with") if observed else None
    if isinstance(others, list) and others:
        shown = ", ".join(_slack_escape(defang(str(other), str(other)))
                          for other in others[:MAX_SLACK_NAMES])
        more = f" and {len(others) - MAX_SLACK_NAMES} more" if len(others) > MAX_SLACK_NAMES else ""
        lines.append(f"On the same certificate: {shown}{more}")
    reasons = [r for r in (*payload.get("reasons", []), payload.get("reason")) if r]
    reasons = reasons[:MAX_SLACK_REASONS]
    if reasons:
        lines.append("Why:")
        lines.extend(f"• {safe(reason)}" for reason in reasons)
    report_id = _slack_escape(str(payload.get("report_id", "")))
    if report_url:
        lines.append(f"Report: <{_slack_escape(report_url)}|{report_id}>")
    elif report_id:
        lines.append(f"Report: `{report_id}`")
    return "\n".join(lines)


def defang(text: str, domain: str) -> str:
    """``text`` with every occurrence of ``domain`` written ``evil[.]com``."""
    if not domain or "." not in domain:
        return text
    return text.replace(domain, domain.replace(".", "[.]"))


def _slack_escape(text: str) -> str:
    # Slack reads <...> as links and mentions; these three are its only escapes.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""DNS Response Policy Zone (RPZ): smishing domains answered NXDOMAIN by a resolver.

One zone file serves BIND (``response-policy``) and Unbound (``rpz:``), which read the same
RPZ format. Each domain gets two triggers, the name itself and every name under it::

    acme-okta.com    CNAME .
    *.acme-okta.com  CNAME .

``CNAME .`` is RPZ's NXDOMAIN action. Only domain indicators are blocked (a URL's host may be a
shared service, a link shortener for one); names that :mod:`smishguard.intel.names` refuses,
or that do not fit under the zone's name, are reported in ``skipped`` and never written, so no
input can make the zone fail to load. The serial and the generation time are arguments: the
same inputs give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from smishguard.errors import InvalidInput
from smishguard.intel.indicators import Skipped, as_utc, iso_utc, merge_indicators
from smishguard.intel.names import MAX_NAME_LENGTH, ascii_domain, is_dns_name
from smishguard.model import Indicator, IndicatorKind

DEFAULT_ZONE: Final = "rpz.smishguard"
DEFAULT_TTL: Final = 300  # seconds: a new block reaches resolvers' caches within minutes
MAX_SERIAL: Final = 2**32 - 1  # RFC 1982 serial numbers are 32-bit
MAX_TTL: Final = 2**31 - 1  # RFC 2181 section 8
# SOA timers for secondaries that transfer the zone: refresh hourly, retry every 10 minutes,
# keep serving a stale copy for a week if the primary is gone.
_REFRESH, _RETRY, _EXPIRE = 3600, 600, 604800


@dataclass(frozen=True, slots=True)
class RpzZone:
    """A rendered zone: its text, the names it blocks, and what was left out."""

    text: str
    zone: str  # the zone's name, ASCII, without the root dot
    names: tuple[str, ...]  # blocked names, each also blocked with a '*.' wildcard
    skipped: tuple[Skipped, ...] = ()


def serial_for(generated_at: datetime) -> int:
    """A serial from the generation time: Unix seconds, which grow with every export.

    Fits the 32-bit serial until 2106; secondaries compare serials with RFC 1982 arithmetic.
    """
    return int(as_utc(generated_at).timestamp()) & MAX_SERIAL


def render_rpz(
    indicators: Iterable[Indicator],
    *,
    generated_at: datetime,
    zone: str = DEFAULT_ZONE,
    serial: int | None = None,
    ttl: int = DEFAULT_TTL,
) -> RpzZone:
    """The RPZ zone blocking every domain indicator and its subdomains.

    ``serial`` defaults to :func:`serial_for` of ``generated_at``. A zone name, serial or TTL
    out of range raises :class:`~smishguard.errors.InvalidInput`.
    """
    origin = _zone_name(zone)
    serial = serial_for(generated_at) if serial is None else serial
    if not 0 <= serial <= MAX_SERIAL:
        raise InvalidInput(f"RPZ serial {serial} is not between 0 and {MAX_SERIAL}")
    if not 0 <= ttl <= MAX_TTL:
        raise InvalidInput(f"RPZ TTL {ttl} is not between 0 and {MAX_TTL} seconds")
    merged, skipped = merge_indicators(i for i in indicators if i.kind is IndicatorKind.DOMAIN)
    names: list[str] = []
    # The longest owner written is "*.<name>.<zone>"; it must still be a legal DNS name.
    room = MAX_NAME_LENGTH - len(origin) - len("*..")
    for indicator in merged:
        if len(indicator.value) > room:
            reason = f"too long to fit under the zone name {origin} ({room} characters at most)"
            skipped.append(Skipped(IndicatorKind.DOMAIN, indicator.value, reason))
        else:
            names.append(indicator.value)
    lines = [
        "; smishguard response policy zone (RPZ): smishing domains and every name under them",
        "; answer NXDOMAIN (CNAME .). Load it as an RPZ zone in BIND or Unbound.",
        f"; Generated {iso_utc(generated_at)}; {len(names)} domains.",
        f"$ORIGIN {origin}.",
        f"$TTL {ttl}",
        f"@ IN SOA localhost. hostmaster.localhost. "
        f"( {serial} {_REFRESH} {_RETRY} {_EXPIRE} {ttl} )",
        "@ IN NS localhost.",
    ]
    for name in names:
        lines.append(f"{name} CNAME .")
        lines.append(f"*.{name} CNAME .")
    text = "\n".join(lines) + "\n"
    return RpzZone(text, origin, tuple(names), tuple(sorted(skipped, key=_skip_order)))


def _zone_name(zone: str) -> str:
    origin = ascii_domain(zone)
    if not origin or not is_dns_name(origin) or len(origin) > MAX_NAME_LENGTH - len("*.a."):
        raise InvalidInput(f"RPZ zone name {zone!r} is not a valid DNS name (labels a-z 0-9 - _)")
    return origin


def _skip_order(skipped: Skipped) -> tuple[str, str]:
    return skipped.value, skipped.reason

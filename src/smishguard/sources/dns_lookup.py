"""Which look-alike names exist: each name looked up in DNS, many at a time.

``smishguard permutations DOMAIN --registered`` asks this of every name an attacker could
register. A name is *registered* when its registrable domain is delegated (the parent zone
gives it NS records), or, for a name the public suffix list puts under a shared host
(``acme-sso.vercel.app``), when the name itself resolves. A domain that does not exist
(NXDOMAIN) is *absent*. A name no resolver answered in time, or whose resolvers failed
(SERVFAIL), is *unanswered*: nothing is said about it, and the caller reports how many.

For each registered name the records a team checks first come too: the domain's NS and the
name's A, AAAA and MX. The lookups run on asyncio with dnspython, ``concurrency`` at a time,
the registrable domains shared by several names asked once.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import dns.asyncresolver
import dns.exception
import dns.name
import dns.nameserver
import dns.rdata
import dns.resolver
from dns.rdtypes.ANY.MX import MX
from dns.rdtypes.ANY.NS import NS

from smishguard.domains.registrable import registrable_domain
from smishguard.errors import InvalidInput

DEFAULT_CONCURRENCY: Final = 50
DEFAULT_TIMEOUT: Final = 3.0
_HOST_RECORDS: Final = ("A", "AAAA", "MX")


class Existence(StrEnum):
    REGISTERED = "registered"
    ABSENT = "absent"
    UNANSWERED = "unanswered"


@dataclass(frozen=True, slots=True)
class NameRecords:
    """What DNS says of one name: whether it exists and, if so, its records."""

    name: str
    existence: Existence
    ns: tuple[str, ...] = ()  # of the registrable domain
    a: tuple[str, ...] = ()
    aaaa: tuple[str, ...] = ()
    mx: tuple[str, ...] = ()
    error: str = ""  # why it is unanswered


@dataclass(frozen=True, slots=True)
class _Answer:
    """One query's outcome: records, no such name (NXDOMAIN), or no answer at all."""

    records: tuple[str, ...] = ()
    nxdomain: bool = False
    error: str = ""


def parse_nameserver(text: str) -> tuple[str, int]:
    """``IP``, ``IP:PORT`` or ``[IPv6]:PORT`` → (address, port); InvalidInput otherwise."""
    address, port = text.strip(), 53
    if address.startswith("["):
        address, _, rest = address[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                raise InvalidInput(f"--nameserver {text}: write [IPv6]:PORT")
            port = _port(rest[1:], text)
    elif address.count(":") == 1:
        address, _, rest = address.partition(":")
        port = _port(rest, text)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        raise InvalidInput(f"--nameserver {text}: give a resolver's IP address "
                           f"(as 9.9.9.9, 127.0.0.1:5353 or [2620:fe::fe]:53)") from None
    return address, port


def _port(text: str, whole: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise InvalidInput(f"--nameserver {whole}: the port must be a number from 1 to 65535")
    return int(text)


def look_up(
    names: Sequence[str], nameservers: Sequence[tuple[str, int]] = (),
    concurrency: int = DEFAULT_CONCURRENCY, timeout: float = DEFAULT_TIMEOUT,
    on_done: Callable[[NameRecords], None] | None = None,
) -> list[NameRecords]:
    """The records of each name, in the order given (``on_done`` as each is known). Uses the
    system's resolvers (/etc/resolv.conf) unless ``nameservers`` are given."""
    resolver = _resolver(nameservers, timeout)

    def run() -> list[NameRecords]:
        return asyncio.run(_look_up_all(resolver, names, concurrency, on_done))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    # called from code that runs an event loop here (a notebook, an async app): a thread
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _resolver(nameservers: Sequence[tuple[str, int]], timeout: float
              ) -> dns.asyncresolver.Resolver:  # fmt: skip
    try:
        resolver = dns.asyncresolver.Resolver(configure=not nameservers)
    except dns.resolver.NoResolverConfiguration:
        raise InvalidInput("no DNS resolver is configured on this machine (/etc/resolv.conf); "
                           "give one with --nameserver IP") from None
    if nameservers:
        resolver.nameservers = [dns.nameserver.Do53Nameserver(address, port)
                                for address, port in nameservers]
    resolver.lifetime = timeout  # for each query, retries included
    resolver.timeout = min(timeout, 2.0)  # each try, before asking again
    resolver.cache = None  # shared registrable domains are asked once anyway
    return resolver


async def _look_up_all(
    resolver: dns.asyncresolver.Resolver, names: Sequence[str], concurrency: int,
    on_done: Callable[[NameRecords], None] | None,
) -> list[NameRecords]:
    gate = asyncio.Semaphore(concurrency)

    async def ask(name: str, kind: str) -> _Answer:
        async with gate:
            return await _query(resolver, name, kind)

    delegations: dict[str, asyncio.Task[_Answer]] = {}

    def delegation(domain: str) -> Awaitable[_Answer]:
        if domain not in delegations:
            delegations[domain] = asyncio.ensure_future(ask(domain, "NS"))
        return delegations[domain]

    async def one(name: str) -> NameRecords:
        found = await _records(name, ask, delegation)
        if on_done is not None:
            on_done(found)
        return found

    return list(await asyncio.gather(*(one(name) for name in names)))


async def _records(
    name: str, ask: Callable[[str, str], Awaitable[_Answer]],
    delegation: Callable[[str], Awaitable[_Answer]],
) -> NameRecords:
    domain = registrable_domain(name) or name
    ns = await delegation(domain)
    if ns.error:
        return NameRecords(name, Existence.UNANSWERED, error=ns.error)
    if ns.nxdomain:
        return NameRecords(name, Existence.ABSENT)
    a, aaaa, mx = await asyncio.gather(*(ask(name, kind) for kind in _HOST_RECORDS))
    if not ns.records and not (a.records or aaaa.records):
        # not delegated (a shared host's tenant, or nothing): only an address makes it exist
        error = a.error or aaaa.error
        return NameRecords(name, Existence.UNANSWERED if error else Existence.ABSENT,
                           error=error)
    return NameRecords(name, Existence.REGISTERED, ns=ns.records, a=a.records,
                       aaaa=aaaa.records, mx=mx.records)


async def _query(resolver: dns.asyncresolver.Resolver, name: str, kind: str) -> _Answer:
    try:
        answer = await resolver.resolve(name, kind, search=False, raise_on_no_answer=False)
    except dns.resolver.NXDOMAIN:
        return _Answer(nxdomain=True)
    except dns.resolver.NoNameservers:
        return _Answer(error="the resolvers failed (SERVFAIL)")
    except dns.exception.Timeout:
        return _Answer(error="no answer in time")
    except (dns.name.NameTooLong, dns.name.LabelTooLong, dns.name.EmptyLabel) as exc:
        return _Answer(error=f"not a DNS name ({exc})")
    except dns.exception.DNSException as exc:  # YXDOMAIN, a malformed answer
        return _Answer(error=f"{type(exc).__name__}: {exc}")
    if answer.rrset is None:
        return _Answer()
    return _Answer(tuple(sorted(_text(rdata) for rdata in answer.rrset)))


def _text(rdata: dns.rdata.Rdata) -> str:
    """A record's data as people write it: names without the root dot, MX with priority."""
    if isinstance(rdata, MX):
        return f"{rdata.preference} {rdata.exchange.to_text(omit_final_dot=True)}"
    if isinstance(rdata, NS):
        return rdata.target.to_text(omit_final_dot=True)
    return rdata.to_text()

"""Domain watch: which newly seen host names imitate a protected brand.

Attackers register ``acme-okta.com`` minutes before texting; certificate logs and domain
feeds show the name first. This module is the pure part of the watch: it normalises each
name (case, ``*.`` wildcards, trailing dots, IDN → ASCII), judges the full host name with
the look-alike index, reports each host once, and returns :class:`WatchHit` values. It does
no I/O and reads no clock: the adapters around it (:mod:`smishguard.sources`, the CLI) read
the feeds, stamp ``seen_at`` and write the hits.

A name read from a certificate carries the certificate's other names
(:class:`~smishguard.model.CertifiedName`). A certificate authority checks that whoever asks
for a certificate controls every name on it, so a look-alike certified together with the
brand's own domain (``microsoftazure.us`` beside ``microsoft.com``) is the brand's own
defensive registration, and is left out (:meth:`Watch.judge`). Likewise a weak imitation
certified together with a plain look-alike of the same brand (``acme-team.com`` beside
``acme-okta.com``) has the look-alike's holder, and is raised to suspicious.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any, Final, Protocol

import idna

from smishguard.domains.kits import KIT_COPIES, KIT_SCORE, KitCopies
from smishguard.domains.labels import MAX_HOST
from smishguard.model import CertifiedName, CtName, Imitation, ImitationKind

# Long enough for the names of a busy day of CT logs, small enough to stay in tens of MB.
DEFAULT_MEMORY: Final = 250_000


# Host names as seen in certificates and DNS feeds: at least two labels, at most 253
# characters. Labels below the top level are 1-63 letters, digits, hyphens and underscores in
# any order, because real names break the hostname rules there (_dmarc.x.com,
# -container.x.com) and the index should still see them; the top-level label is a proper one
# (2-63 letters, digits and inner hyphens). The repetitions are possessive: a label never
# gives letters back, so each name is read once, left to right. Every name of a feed passes
# here: this takes a quarter less time than with backtracking compiled, a tenth less in
# Python, where a split-and-isalnum check would take 1.7x the time.
_HOST: Final = re.compile(r"(?:[a-z0-9_-]{1,63}+\.)++(?!-)[a-z0-9-]{2,63}+(?<!-)")


def is_host_name(name: str) -> bool:
    """Whether a lower-case ASCII name is a host name by the rules above."""
    return len(name) <= MAX_HOST and _HOST.fullmatch(name) is not None


def normalize_name(raw: str) -> str | None:
    """The host as the index wants it (lower-case ASCII, no wildcard or trailing dot), or
    None when it is not a host name.

    ``*.Acme-Okta.COM.`` → ``acme-okta.com``; ``аcme.com`` (Cyrillic а) →
    ``xn--cme-5cd.com``; ``10.0.0.1``, ``localhost``, ``a..b`` and ``a.-com`` → None.
    """
    name = raw.strip().lower().rstrip(".")
    while name.startswith("*."):
        name = name[2:]
    if not name.isascii():
        try:
            name = idna.encode(name, uts46=True).decode("ascii")
        except UnicodeError:  # idna.IDNAError is one
            return None
    # An all-digit last label (an IPv4 address) ends in a digit: most names skip the split.
    if not is_host_name(name) or (name[-1].isdigit() and name.rpartition(".")[2].isdigit()):
        return None
    return name


# CDNs whose older certificates named several customers' domains (Cloudflare's shared ones
# name sniNNNN.cloudflaressl.com): such a certificate has no one holder.
SHARED_CERTIFICATE_DOMAINS: Final = ("cloudflaressl.com",)
# A look-alike this plain (the policy's default phishing threshold) on a certificate raises
# the weak imitations of the same brand on it to a kit copy's score: suspicious.
PLAIN_LOOKALIKE: Final = 0.7
# The other names of a certificate a hit carries to the service (the API takes no more).
MAX_CERTIFIED_WITH: Final = 1_000


class ImitationMatcher(Protocol):
    """What the watch needs of the look-alike index (smishguard.domains.lookalike)."""

    def match(self, host: str, leads: bool = False) -> Imitation | None: ...

    def is_own_domain(self, brand: str, domain: str) -> bool:
        """Whether ``domain`` is one of the brand's own domains, exactly as listed."""
        ...


@dataclass(frozen=True, slots=True)
class WatchHit:
    """A newly seen host that imitates a protected brand: what a service stores and alerts on.

    ``source`` names the feed (a file, a CT log URL, a CertStream URL); ``seen_at`` is when
    an adapter saw it on a live feed (None for files); ``ct_log`` and ``ct_index`` the
    certificate-transparency entry the name came from (:class:`~smishguard.model.CtName`),
    also when several logs are followed; ``certified_with`` the other names on its
    certificate (a campaign's certificate often names its other domains). All five are
    optional in the JSON.
    """

    domain: str
    brand: str
    kind: ImitationKind
    score: float
    reason: str
    source: str = ""
    seen_at: datetime | None = None
    ct_log: str = ""
    ct_index: int | None = None
    certified_with: tuple[str, ...] = ()

    @classmethod
    def from_imitation(cls, imitation: Imitation, source: str = "",
                       entry: tuple[str, int] | None = None,
                       certified_with: tuple[str, ...] = ()) -> WatchHit:
        return cls(domain=imitation.domain, brand=imitation.brand, kind=imitation.kind,
                   score=imitation.score, reason=imitation.reason, source=source,
                   ct_log=entry[0] if entry else "", ct_index=entry[1] if entry else None,
                   certified_with=certified_with)

    @property
    def ct_entry(self) -> tuple[str, int] | None:
        """(log URL, entry index) of the certificate the name came from, or None."""
        return None if self.ct_index is None else (self.ct_log, self.ct_index)

    def to_dict(self) -> dict[str, Any]:
        """{"domain", "brand", "kind", "score", "reason"} plus "source", "seen_at", "ct_log",
        "ct_index" and "certified_with" when set; ``seen_at`` is ISO 8601."""
        body: dict[str, Any] = {
            "domain": self.domain,
            "brand": self.brand,
            "kind": self.kind.value,
            "score": round(self.score, 4),
            "reason": self.reason,
        }
        if self.source:
            body["source"] = self.source
        if self.seen_at is not None:
            body["seen_at"] = self.seen_at.isoformat()
        if self.ct_log:
            body["ct_log"] = self.ct_log
        if self.ct_index is not None:
            body["ct_index"] = self.ct_index
        if self.certified_with:
            body["certified_with"] = list(self.certified_with)
        return body

    def to_json(self) -> str:
        """One line of JSON (the ``watch --json`` output)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, body: Mapping[str, Any]) -> WatchHit:
        """Read back what :meth:`to_dict` wrote (a stored alert); ValueError when malformed."""
        try:
            seen = body.get("seen_at")
            index = body.get("ct_index")
            if index is not None and (not isinstance(index, int) or isinstance(index, bool)):
                raise TypeError("ct_index is not a whole number")
            others = body.get("certified_with", [])
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                raise TypeError("certified_with is not a list of names")
            return cls(
                domain=str(body["domain"]),
                brand=str(body["brand"]),
                kind=ImitationKind(body["kind"]),
                score=float(body["score"]),
                reason=str(body["reason"]),
                source=str(body.get("source", "")),
                seen_at=datetime.fromisoformat(seen) if seen is not None else None,
                ct_log=str(body.get("ct_log", "")),
                ct_index=index,
                certified_with=tuple(others),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a watch hit: {exc}") from exc


@dataclass(frozen=True, slots=True)
class WatchSummary:
    """Counts after (or during) a watch run."""

    names: int = 0  # names read from the source
    invalid: int = 0  # not host names after normalisation
    repeated: int = 0  # already judged (within the memory of the watch)
    hits: int = 0
    kit_copies: int = 0  # hits reported as a kit's copies (among ``hits``)
    # imitations left out because their certificate also names the brand's own domain
    own_certified: int = 0
    # weak imitations raised because their certificate also names a plain look-alike
    raised_by_certificate: int = 0


class Watch:
    """Judges a stream of names, each host once, against a look-alike matcher.

    Imitations scoring below ``min_score`` are not reported (the CLI uses the policy's
    ``suspicious`` threshold: a brand's bare name on a country ending is weak evidence).
    The memory of hosts already judged is a bounded LRU of ``memory`` entries, so an
    endless feed runs in bounded memory; a host forgotten and seen again is judged (and, if
    it imitates a brand, reported) again.

    With ``kit_copies`` (3 by default; 0 turns it off), a brand's name put in front of that
    many new domains named alike is a kit's (:mod:`~smishguard.domains.kits`): those hosts
    are reported when the kit shows itself, the earlier ones then too, later ones as they
    come. A name read from a CT log (:class:`~smishguard.model.CtName`) gives its hit the
    log and entry, an earlier copy's hit its own.
    """

    def __init__(self, matcher: ImitationMatcher, *, source: str = "",
                 memory: int = DEFAULT_MEMORY, min_score: float = 0.0,
                 kit_copies: int = KIT_COPIES) -> None:  # fmt: skip
        if memory < 1:
            raise ValueError("the watch memory must hold at least one name")
        if kit_copies < 0:
            raise ValueError("kit copies must be 0 (off) or more")
        self.matcher = matcher
        self.min_score = min_score
        self.source = source
        self.memory = memory
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._names = self._invalid = self._repeated = self._hits = self._kit_hits = 0
        self._own_certified = self._raised = 0
        self._kits = KitCopies(kit_copies) if kit_copies else None
        # Hosts a kit's forming makes reportable besides the name that formed it.
        self._earlier: list[WatchHit] = []
        # What came with the hosts a kit may still report, for their hits: the CT entry and
        # the other names on the certificate (only names read from certificates).
        self._waiting: OrderedDict[str, tuple[tuple[str, int] | None, tuple[str, ...]]] = (
            OrderedDict())

    @property
    def summary(self) -> WatchSummary:
        return WatchSummary(self._names, self._invalid, self._repeated, self._hits,
                            self._kit_hits, self._own_certified, self._raised)

    def judge(self, raw: str) -> WatchHit | None:
        """The hit for this name, or None (not a host, already judged, or no imitation)."""
        self._names += 1
        host = normalize_name(raw)
        if host is None:
            self._invalid += 1
            return None
        seen = self._seen
        if host in seen:
            seen.move_to_end(host)
            self._repeated += 1
            return None
        seen[host] = None
        if len(seen) > self.memory:
            seen.popitem(last=False)
        imitation = self.matcher.match(host, self._kits is not None)
        if imitation is None:
            return None
        certified_with: tuple[str, ...] = ()
        if isinstance(raw, CertifiedName):
            certified_with = others_on_certificate(raw.certificate, host)
            reading, imitation = read_certificate(imitation, certified_with, self.matcher)
            if reading is CertificateReading.OWN:
                self._own_certified += 1
                return None
            if reading is CertificateReading.RAISED:
                self._raised += 1
        entry = (raw.log, raw.entry) if isinstance(raw, CtName) else None
        if imitation.kind is ImitationKind.SUBDOMAIN and self._kits is not None:
            if imitation.score <= 0:
                return self._kit_copy(imitation, entry, certified_with)
            self._earlier_copies(self._kits.add(imitation))  # a copy counts: earlier leads
        if imitation.score < self.min_score:
            return None
        self._hits += 1
        return WatchHit.from_imitation(imitation, self.source, entry, certified_with)

    def _remember(self, host: str, entry: tuple[str, int] | None,
                  certified_with: tuple[str, ...]) -> None:
        """Keep what came with a host until a kit reports it (bounded as the hosts are)."""
        waiting = self._waiting
        waiting[host] = (entry, certified_with)
        if len(waiting) > self.memory:
            waiting.popitem(last=False)

    def _kit_copy(self, lead: Imitation, entry: tuple[str, int] | None,
                  certified_with: tuple[str, ...]) -> WatchHit | None:
        """The hit for a lead once it is a kit's copy; the group's earlier hosts wait in
        ``_earlier`` for :meth:`run` (or :meth:`drain`)."""
        assert self._kits is not None
        found = self._kits.add(lead)
        if not found:
            if entry is not None or certified_with:  # a kit may report it later
                self._remember(lead.domain, entry, certified_with)
            return None
        self._earlier_copies(found[:-1])
        if found[-1].score < self.min_score:
            return None
        self._hits += 1
        self._kit_hits += 1
        return WatchHit.from_imitation(found[-1], self.source, entry, certified_with)

    def _earlier_copies(self, found: list[Imitation]) -> None:
        """Queue a kit's copies found before this name (their hosts came earlier)."""
        for imitation in found:
            entry, certified_with = self._waiting.pop(imitation.domain, (None, ()))
            if imitation.score >= self.min_score:
                self._hits += 1
                self._kit_hits += 1
                self._earlier.append(WatchHit.from_imitation(imitation, self.source, entry,
                                                             certified_with))

    def drain(self) -> list[WatchHit]:
        """The hosts a kit's forming made reportable since the last call, in the order seen
        (a caller of :meth:`judge` reports these before the hit ``judge`` returned)."""
        earlier, self._earlier = self._earlier, []
        return earlier

    def run(self, names: Iterable[str]) -> Iterator[WatchHit]:
        """The hits among ``names``, in order, as they come (works on endless streams); a
        kit's earlier copies come when the kit shows itself."""
        for raw in names:
            hit = self.judge(raw)
            if self._earlier:
                yield from self.drain()
            if hit is not None:
                yield hit


class CertificateReading(Enum):
    """What a name's certificate says of its imitation (:func:`read_certificate`)."""

    AS_IS = "as is"
    OWN = "the brand's own"  # certified with one of the brand's own domains
    RAISED = "raised"  # certified with a plain look-alike of the same brand


def others_on_certificate(certificate: Iterable[str], host: str) -> tuple[str, ...]:
    """The other host names on ``host``'s certificate, normalised, each once (its own
    wildcard and repeats left out)."""
    others = (normalize_name(name) for name in certificate)
    return tuple(dict.fromkeys(name for name in others if name is not None and name != host))


def read_certificate(imitation: Imitation, certified_with: Iterable[str],
                     matcher: ImitationMatcher) -> tuple[CertificateReading, Imitation]:
    """What the other names on an imitation's certificate say of it. A certificate authority
    checks that whoever asks for a certificate controls every name on it, so:

    * one of the brand's own domains there, as the policy lists it or as its wildcard
      (``microsoft.com`` beside ``microsoftazure.us``), makes the name the brand's own
      defensive registration: OWN. Only the listed domain will do, not a host under it: one
      who took over a brand's forgotten subdomain may be certified for it, never for the
      domain;
    * a plain look-alike of the same brand there (``acme-okta.com``, :data:`PLAIN_LOOKALIKE`
      or more) gives a weaker imitation (``acme-team.com``) its holder: RAISED to a kit
      copy's score, suspicious, its reason naming the look-alike.

    ``certified_with`` are the other names, normalised (:func:`others_on_certificate`;
    ``*.acme.com`` is ``acme.com``). A CDN's certificate shared by its customers
    (:data:`SHARED_CERTIFICATE_DOMAINS`) proves nothing: AS_IS, as without a certificate."""
    names = tuple(certified_with)
    if not names or any(name == shared or name.endswith("." + shared)
                        for name in names for shared in SHARED_CERTIFICATE_DOMAINS):
        return CertificateReading.AS_IS, imitation
    brand = imitation.brand
    if any(matcher.is_own_domain(brand, name) for name in names):
        return CertificateReading.OWN, imitation
    if imitation.score >= KIT_SCORE:
        return CertificateReading.AS_IS, imitation
    for name in names:
        plain = matcher.match(name)
        if plain is not None and plain.brand == brand and plain.score >= PLAIN_LOOKALIKE:
            reason = (f"{imitation.reason}; certified together with {plain.domain}, which "
                      f"imitates {brand}")
            return CertificateReading.RAISED, replace(imitation, score=KIT_SCORE,
                                                      reason=reason)
    return CertificateReading.AS_IS, imitation


def watch(names: Iterable[str], matcher: ImitationMatcher, source: str = "") -> list[WatchHit]:
    """The hits among a finite collection of names (the simple call)."""
    return list(Watch(matcher, source=source).run(names))

"""What the clusterer knows of one report or watch hit: its :class:`Fingerprint`.

A fingerprint keeps the keys that connect attacks, already abstracted with the tenant's own
policy, and nothing more: the sites its links point to (registrable domain; the customer's
own name on free hosts; the exact link on shorteners and messaging hosts, never the shared
host alone), domain templates with the tenant's brand abstracted (``{brand}-okta.com``),
URL path patterns, the sender (as a hash and a masked hint, never the full number) and a
MinHash signature of the text template. The service stores it (:meth:`Fingerprint.to_json`)
and rebuilds the index from the stored fingerprints at start, without re-reading texts.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np

from smishguard.campaigns.templates import Abstractor, path_pattern, shingles
from smishguard.errors import InvalidInput
from smishguard.model import Decision, Imitation, Label, Report, Url
from smishguard.policy import Policy
from smishguard.text.sender import SenderKind, classify_sender, mask_sender
from smishguard.urls import extract_urls, is_shortener_host
from smishguard.urls.sites import site_name

__all__ = [
    "LINK_HOSTS",
    "NUM_PERM",
    "Fingerprint",
    "Fingerprinter",
    "ItemKind",
    "WatchHit",
]

NUM_PERM = 64  # MinHash permutations: ±0.06 on a Jaccard estimate, 256 bytes a signature
_SEED = 1  # fixed: signatures stored today must compare with signatures made next year
_SCHEME = "affine32"  # datasketch's 32-bit hash values: four bytes each
_FORMAT = 1  # version of the JSON form

# Hosts where the *path* names the attacker's content and the host is everyone's: a shared
# host alone must never connect two reports, the exact link may.
# fmt: off
LINK_HOSTS: frozenset[str] = frozenset((
    "t.me", "telegram.me", "telegram.dog", "wa.me", "api.whatsapp.com", "chat.whatsapp.com",
    "forms.gle", "docs.google.com", "sites.google.com", "drive.google.com",
    "storage.googleapis.com", "firebasestorage.googleapis.com", "script.google.com",
    "1drv.ms", "onedrive.live.com", "dropbox.com", "www.dropbox.com", "dl.dropboxusercontent.com",
    "forms.office.com", "forms.microsoft.com", "sharepoint.com", "ipfs.io", "linktr.ee",
))
# fmt: on


class ItemKind(StrEnum):
    """What was fingerprinted."""

    REPORT = "report"
    WATCH_HIT = "watch_hit"


@dataclass(frozen=True, slots=True)
class WatchHit:
    """A look-alike domain the watch found for a tenant, and when."""

    id: str
    tenant_id: str
    seen_at: datetime
    imitation: Imitation


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The clustering keys of one report or watch hit, abstracted with its tenant's policy."""

    item_id: str
    tenant_id: str
    seen_at: datetime
    kind: ItemKind = ItemKind.REPORT
    is_clusterable: bool = True  # phishing or suspicious, not dismissed by an analyst
    sites: tuple[str, ...] = ()  # acme-okta.com, acme-sso.pages.dev, x.weebly.com; in order
    links: tuple[str, ...] = ()  # exact links on shared hosts: bit.ly/3AbC, t.me/joinchat/x
    domain_templates: tuple[str, ...] = ()  # {brand}-okta.com
    domain_stems: tuple[str, ...] = ()  # {brand}okta
    path_patterns: tuple[str, ...] = ()  # /{brand}/login/{num}.php
    sender_kind: SenderKind = SenderKind.NONE
    sender_key: str = ""  # SHA-256 of the normalised sender: compares without showing it
    sender_hint: str = ""  # masked: +•••••••••44, ACME-IT
    text_template: str = ""  # "{brand} it: your password has expired log in at {link}"
    # MinHash of the template's word pairs (uint32 little-endian); b"" for too short a text
    signature: bytes = field(default=b"", repr=False)
    brand_terms: tuple[str, ...] = ()  # the tenant's brand terms abstracted in this item
    brands: tuple[str, ...] = ()  # their display names (the tenant's own)
    _hashvalues: Any = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        values = np.frombuffer(self.signature, dtype="<u4") if self.signature else None
        object.__setattr__(self, "_hashvalues", values)

    @property
    def hashvalues(self) -> np.ndarray[Any, np.dtype[np.uint32]] | None:
        """The signature as an array (shared with ``signature``, not copied)."""
        return self._hashvalues  # type: ignore[no-any-return]

    def minhash(self) -> Any:
        """The signature as a datasketch MinHash (None without one)."""
        if self._hashvalues is None:
            return None
        MinHash = _minhash_class()  # noqa: N806
        return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME,
                       hashvalues=self._hashvalues.copy(), permutations=_permutations())

    def to_json(self) -> str:
        """A compact JSON object; :meth:`from_json` reads it back equal."""
        return json.dumps(
            {
                "v": _FORMAT,
                "id": self.item_id,
                "tenant": self.tenant_id,
                "at": self.seen_at.isoformat(),
                "kind": self.kind.value,
                "clusterable": self.is_clusterable,
                "sites": list(self.sites),
                "links": list(self.links),
                "templates": list(self.domain_templates),
                "stems": list(self.domain_stems),
                "paths": list(self.path_patterns),
                "sender_kind": self.sender_kind.value,
                "sender_key": self.sender_key,
                "sender_hint": self.sender_hint,
                "text": self.text_template,
                "sig": base64.b64encode(self.signature).decode("ascii"),
                "brand_terms": list(self.brand_terms),
                "brands": list(self.brands),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Fingerprint:
        """Read :meth:`to_json`'s output; InvalidInput when it is not one."""
        try:
            raw = json.loads(text)
            if raw.get("v") != _FORMAT:
                raise InvalidInput(f"fingerprint format {raw.get('v')!r} is not {_FORMAT}")
            signature = base64.b64decode(raw["sig"], validate=True)
            if signature and len(signature) != 4 * NUM_PERM:
                raise InvalidInput(f"fingerprint signature has {len(signature)} bytes")
            seen_at = datetime.fromisoformat(raw["at"])
            return cls(
                item_id=_text(raw["id"]),
                tenant_id=_text(raw["tenant"]),
                seen_at=seen_at,
                kind=ItemKind(raw["kind"]),
                is_clusterable=bool(raw["clusterable"]),
                sites=_texts(raw["sites"]),
                links=_texts(raw["links"]),
                domain_templates=_texts(raw["templates"]),
                domain_stems=_texts(raw["stems"]),
                path_patterns=_texts(raw["paths"]),
                sender_kind=SenderKind(raw["sender_kind"]),
                sender_key=_text(raw["sender_key"]),
                sender_hint=_text(raw["sender_hint"]),
                text_template=_text(raw["text"]),
                signature=signature,
                brand_terms=_texts(raw["brand_terms"]),
                brands=_texts(raw["brands"]),
            )
        except InvalidInput:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InvalidInput(f"not a stored fingerprint: {exc}") from exc


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    if not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class _Site:
    name: str  # the label the attacker chose: "acme-okta"
    suffix: str  # what follows it: "com", "pages.dev", "weebly.com"

    @property
    def site(self) -> str:
        return f"{self.name}.{self.suffix}"


class Fingerprinter:
    """Fingerprints of one tenant's reports and watch hits (build once per policy, reuse).

    ``min_words``: a text with fewer real words than this (``{link}``, ``hi {name} {link}``)
    gets no text signature: everything short looks alike.
    """

    def __init__(self, policy: Policy, *, min_words: int = 4) -> None:
        self.policy = policy
        self.min_words = min_words
        self._abstractor = Abstractor(policy.brands)
        self._brand_names = {
            term: brand.name
            for brand in reversed(policy.brands)  # the first brand wins a shared term
            for term in Abstractor((brand,)).brand_terms
        }

    def report(self, report: Report) -> Fingerprint:
        """The fingerprint of a report; not clusterable when the scanner found it clean or an
        analyst dismissed it (benign texts must never glue campaigns together)."""
        urls = extract_urls(report.text)
        template = self._abstractor.text(report.text, urls)
        keys = self._link_keys(urls)
        signature = b""
        if template.word_count >= self.min_words:
            signature = _signature(template.tokens)
        kind = classify_sender(report.sender)
        terms = tuple(dict.fromkeys((*template.brand_terms, *keys.terms)))
        return Fingerprint(
            item_id=report.id,
            tenant_id=report.tenant_id,
            seen_at=report.received_at,
            kind=ItemKind.REPORT,
            is_clusterable=_is_clusterable(report),
            sites=keys.sites,
            links=keys.links,
            domain_templates=keys.templates,
            domain_stems=keys.stems,
            path_patterns=keys.paths,
            sender_kind=kind,
            sender_key=_sender_key(report.sender, kind),
            sender_hint=mask_sender(report.sender),
            text_template=template.text,
            signature=signature,
            brand_terms=terms,
            brands=self._names(terms),
        )

    def watch_hit(self, hit: WatchHit) -> Fingerprint:
        """The fingerprint of a look-alike domain the watch found for this tenant."""
        urls = extract_urls(f"https://{hit.imitation.domain}/")
        extra = (hit.imitation.matched.lower(),) if hit.imitation.matched else ()
        keys = self._link_keys(urls, extra_terms=extra)
        terms = tuple(dict.fromkeys(keys.terms))
        return Fingerprint(
            item_id=hit.id,
            tenant_id=hit.tenant_id,
            seen_at=hit.seen_at,
            kind=ItemKind.WATCH_HIT,
            sites=keys.sites,
            domain_templates=keys.templates,
            domain_stems=keys.stems,
            brand_terms=terms,
            brands=tuple(dict.fromkeys((*self._names(terms), hit.imitation.brand))),
        )

    def _names(self, terms: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self._brand_names[t] for t in terms if t in self._brand_names))

    def _link_keys(self, urls: Iterable[Url], extra_terms: tuple[str, ...] = ()) -> _LinkKeys:
        sites: dict[str, None] = {}
        links: dict[str, None] = {}
        templates: dict[str, None] = {}
        stems: dict[str, None] = {}
        paths: dict[str, None] = {}
        terms: dict[str, None] = {}
        label_terms = self._abstractor.brand_terms
        for url in urls:
            if _is_link_host(url):
                bare = url.path.split("?", 1)[0].split("#", 1)[0].rstrip("/")
                if len(bare) >= 4:  # "/x" is no link of its own
                    links.setdefault(f"{url.host.removeprefix('www.')}{bare}", None)
                continue
            site = _site_of(url)
            if site is None or self.policy.owner_of(url.registrable_domain) is not None:
                continue  # the tenant's or a known brand's own site is no evidence
            sites.setdefault(site.site, None)
            template = self._abstractor.domain(site.name, site.suffix, extra_terms)
            if template is not None:
                templates.setdefault(template.template, None)
                stems.setdefault(template.stem, None)
                terms.setdefault(template.brand_term, None)
            pattern = path_pattern(url.path, label_terms)
            if pattern:
                paths.setdefault(pattern, None)
        return _LinkKeys(tuple(sites), tuple(links), tuple(templates), tuple(stems),
                         tuple(paths), tuple(t for t in terms if t))


@dataclass(frozen=True, slots=True)
class _LinkKeys:
    sites: tuple[str, ...]
    links: tuple[str, ...]
    templates: tuple[str, ...]
    stems: tuple[str, ...]
    paths: tuple[str, ...]
    terms: tuple[str, ...]


def _is_clusterable(report: Report) -> bool:
    if report.decision is Decision.PHISHING:
        return True
    if report.decision is Decision.NOT_PHISHING:
        return False
    return report.verdict.label is not Label.CLEAN


def _is_link_host(url: Url) -> bool:
    host = url.host.removeprefix("www.")
    return (
        url.is_shortener
        or is_shortener_host(host)
        or host in LINK_HOSTS
        or url.registrable_domain in LINK_HOSTS
    )


def _site_of(url: Url) -> _Site | None:
    """The name the attacker chose and where (:func:`~smishguard.urls.sites.site_name`: the
    registrable domain, the customer's name on a free host the Public Suffix List does not
    know, ``x.weebly.com``), or the IP literal."""
    if url.is_ip:
        return _Site(url.host, "ip")
    site = site_name(url)
    if not site:
        return None
    name, _, suffix = site.partition(".")
    return _Site(name, suffix)


def _sender_key(sender: str | None, kind: SenderKind) -> str:
    """A hash of the sender written one way: numbers by their last ten digits (+1 555… and
    555… are the same phone), e-mail addresses and sender ids in lower case."""
    if sender is None or kind is SenderKind.NONE:
        return ""
    text = sender.strip().lower()
    if kind in (SenderKind.MOBILE, SenderKind.SHORT_CODE):
        text = "".join(c for c in text if c.isdigit())[-10:]
    elif kind is SenderKind.ALPHANUMERIC:
        text = "".join(c for c in text if c.isalnum())
    return hashlib.sha256(f"{kind.value}:{text}".encode()).hexdigest()[:24]


@cache
def _minhash_class() -> Any:
    """datasketch's MinHash, imported on first use: the package imports scipy, which costs
    seconds at the start of every command that never makes a signature."""
    from datasketch import MinHash  # type: ignore[import-untyped]

    return MinHash


@cache
def _permutations() -> Any:
    """The seed's permutation parameters, made once (they cost more than a signature)."""
    return _minhash_class()(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _signature(tokens: tuple[str, ...]) -> bytes:
    minhash = _minhash_class()(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME,
                               permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in shingles(tokens)])
    return bytes(minhash.hashvalues.astype("<u4").tobytes())

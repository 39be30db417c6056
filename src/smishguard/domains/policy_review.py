"""How the look-alike engine reads a policy, and the mistakes that leave a brand unprotected.

A policy of a thousand brands is written by a program or by several people, and the engine
reads it without complaint: a brand's name that another brand already has, a domain listed
as owned that is really a shared host (``github.io``: every look-alike under it would pass
as the brand's own), a brand whose every name is too short to be read. :func:`review_policy`
says, for each brand, which names the engine reads and how freely (:class:`Strength`), which
of its domains' names it leaves out and why, and lists what looks wrong as
:class:`Finding` s: errors (detection is off where anyone can get a name), warnings (a
brand is not protected as its policy suggests) and notes (how a weak brand is read).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from smishguard.domains.brandnames import (
    MIN_NAME,
    BrandName,
    NameTable,
    Strength,
    brand_names,
    two_letter_names,
)
from smishguard.domains.products import with_products
from smishguard.domains.spelled import SpelledDomains
from smishguard.domains.suffixes import SuffixTable, is_restricted_suffix
from smishguard.domains.words import Words
from smishguard.policy import Brand, Policy


class Level(StrEnum):
    ERROR = "error"  # detection is off for names anyone can get
    WARNING = "warning"  # a brand is less protected than its policy suggests
    NOTE = "note"  # how a brand is read, for its owner to know


class Code(StrEnum):
    SHARED_HOST_DOMAIN = "shared-host-domain"
    SHARED_HOST_NOT_LOOKALIKE = "shared-host-not-lookalike"
    FREE_HOSTS_UNDER_DOMAIN = "free-hosts-under-domain"
    PUBLIC_SUFFIX_DOMAIN = "public-suffix-domain"
    NAME_TAKEN = "name-taken"
    NO_NAME = "no-name"
    WEAK_NAMES_ONLY = "weak-names-only"
    DOMAIN_LISTED_TWICE = "domain-listed-twice"


@dataclass(frozen=True, slots=True)
class Finding:
    level: Level
    code: Code
    brand: str  # the brand's name, or "" for a policy-wide finding
    message: str


@dataclass(frozen=True, slots=True)
class NameReading:
    """One name the engine reads for a brand, and how freely."""

    name: str  # as written in a label: "t-mobile", "acme"
    source: str  # "name" (the brand's name or an alias) or "domain" (a domain's first label)
    strength: str  # "distinctive", "4 letters", "everyday word", "3 letters", "2 letters"
    reading: str  # how it is matched, in a sentence


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A name of the brand the engine does not read, and why."""

    name: str
    why: str


@dataclass(frozen=True, slots=True)
class BrandReading:
    brand: str
    domains: tuple[str, ...]
    names: tuple[NameReading, ...]
    spelled_out: tuple[str, ...]  # domains read only written out whole (skat.dk.x.com)
    left_out: tuple[LeftOut, ...]


@dataclass(frozen=True, slots=True)
class PolicyReview:
    brands: tuple[BrandReading, ...]
    keywords: int
    findings: tuple[Finding, ...]

    def count(self, level: Level) -> int:
        return sum(1 for finding in self.findings if finding.level is level)

    def names_by_strength(self) -> dict[str, int]:
        """How many names the engine reads, by strength (weakest last)."""
        counts = dict.fromkeys(STRENGTHS, 0)
        for brand in self.brands:
            for name in brand.names:
                counts[name.strength] += 1
        return counts


# How freely a name is read, strongest first: its strength's label, and the 2-letter names'.
STRENGTHS: Final = ("distinctive", "4 letters", "everyday word", "3 letters", "2 letters")
_STRENGTH_LABELS: Final = {Strength.STRONG: STRENGTHS[0], Strength.SHORT: STRENGTHS[1],
                           Strength.WORD: STRENGTHS[2], Strength.TINY: STRENGTHS[3]}
_TWO_LETTERS: Final = STRENGTHS[-1]
_BESIDE_KEYWORD: Final = "beside a sign-in or payment keyword ({0}-login.com)"


def describe(name: BrandName) -> str:
    """How the engine matches ``name`` (the rules of :mod:`smishguard.domains.lookalike`)."""
    flat = name.flat
    if name.strength == Strength.STRONG:
        typos = ("two letters swapped or one doubled" if len(flat) == 5
                 else "one typo, two beside a keyword" if name.max_typos == 2 else "one typo")
        return (f"beside keywords, inside longer names, in look-alike letters, and with {typos}"
                f" ({flat}-verify.com, {flat}helpdesk.com)")
    if name.strength == Strength.SHORT:
        return (f"beside keywords and in look-alike letters; as a typo only with two letters "
                f"swapped or one doubled ({flat}-login.com, {flat}support.com)")
    if name.strength == Strength.WORD:
        misspelled = ("; its misspellings count as a distinctive name's"
                      if name.typo_strength > Strength.WORD else "; never as a typo")
        return (f"an everyday word: only as a whole word {_BESIDE_KEYWORD.format(flat)}, "
                f"never inside a longer word{misspelled}")
    return (f"only as a whole word {_BESIDE_KEYWORD.format(flat)}, never inside a longer word "
            f"nor as a typo: alone it may be anyone's initials")


_TWO_LETTER_READING: Final = (
    "only beside a serial number or sign-in words on free hosts ({0}-205827.weeblysite.com)"
)


def review_policy(policy: Policy, words: Words, suffixes: SuffixTable) -> PolicyReview:
    """Each brand's names as the engine reads them, and what looks wrong in ``policy``."""
    brands = with_products(policy.brands)
    names = brand_names(brands, words)
    table = NameTable(names)
    pairs = two_letter_names(brands)
    spelled = SpelledDomains(brands, frozenset(table.exact), 1)
    spelled_by_brand: dict[int, list[str]] = {}
    for found in spelled.heads.values():
        for _, name in found:
            spelled_by_brand.setdefault(id(name.brand), []).append(name.text)
    own_by_brand: dict[int, list[BrandName]] = {}
    for name in names:
        own_by_brand.setdefault(id(name.brand), []).append(name)
    findings: list[Finding] = []
    readings: list[BrandReading] = []
    for brand in brands:
        kept = own_by_brand.get(id(brand), [])
        kept_pairs = [n for n in pairs.values() if n.brand is brand]
        taken = {label: other for label in brand.labels
                 if (other := _taken_by(label, brand, table))}
        for label, other in taken.items():
            findings.append(Finding(
                Level.WARNING, Code.NAME_TAKEN, brand.name,
                f"{brand.name}: its name '{label}' reads as {other}'s, listed before it: "
                f"look-alikes of it are reported as {other}'s",
            ))  # fmt: skip
        spelled_out = tuple(spelled_by_brand.get(id(brand), ()))
        findings += _unread(brand, kept, kept_pairs, spelled_out, bool(taken))
        readings.append(BrandReading(
            brand.name, brand.domains,
            tuple(_reading(n) for n in kept)
            + tuple(NameReading(n.text, _source(n), _TWO_LETTERS,
                                _TWO_LETTER_READING.format(n.text)) for n in kept_pairs),
            spelled_out, _left_out(brand, kept, kept_pairs, spelled_out, taken),
        ))  # fmt: skip
    findings += _domain_findings(policy, suffixes)
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.NOTE: 2}
    findings.sort(key=lambda f: order[f.level])  # stable: policy order within a level
    return PolicyReview(tuple(readings), len(policy.keywords), tuple(findings))


def _source(name: BrandName) -> str:
    return "name" if name.is_alias else "domain"


def _reading(name: BrandName) -> NameReading:
    return NameReading(name.text, _source(name), _STRENGTH_LABELS[name.strength], describe(name))


def _taken_by(label: str, brand: Brand, table: NameTable) -> str:
    """The earlier brand that ``label`` reads as (the same name, or the same name in
    look-alike letters), or ''."""
    flat = label.replace("-", "")
    if len(flat) < MIN_NAME:
        return ""
    found = table.exact.get(flat)
    if found is None:
        return ""  # a label no name is made of (an xn-- label)
    if found.brand is not brand:
        return found.brand.name
    folded = table.by_skeleton.get(found.skeleton)
    if folded is not None and folded.brand is not brand:
        return folded.brand.name
    return ""


def _unread(brand: Brand, kept: list[BrandName], pairs: list[BrandName],
            spelled_out: tuple[str, ...], taken: bool) -> list[Finding]:
    """A brand with no name to be found by, or with weak names only."""
    if not kept and not pairs:
        where = (f"only its domain written out whole in someone else's ({spelled_out[0]}"
                 f".example.top) is found" if spelled_out else "no look-alike of it is found")
        return [Finding(
            Level.WARNING, Code.NO_NAME, brand.name,
            f"{brand.name}: no name of 3 letters or more that is its own"
            f"{' (the others are taken)' if taken else ''}: {where}; give it an alias",
        )]  # fmt: skip
    if all(n.typo_strength <= Strength.WORD for n in kept):
        shown = ", ".join(f"'{n.text}'" for n in (*kept, *pairs))
        return [Finding(
            Level.NOTE, Code.WEAK_NAMES_ONLY, brand.name,
            f"{brand.name}: every name ({shown}) is an everyday word or under 4 letters: "
            f"found {_BESIDE_KEYWORD.format((kept or pairs)[0].flat)}, never as a typo; "
            f"a distinctive alias would be read more freely",
        )]  # fmt: skip
    return []


def _left_out(brand: Brand, kept: list[BrandName], pairs: list[BrandName],
              spelled_out: tuple[str, ...], taken: dict[str, str]) -> tuple[LeftOut, ...]:
    read = {n.text for n in (*kept, *pairs)} | set(taken)
    out: dict[str, str] = {}
    for label in brand.labels:
        if label in read:
            continue
        if label.startswith("xn--"):
            out.setdefault(label, "a Unicode name: not read; give its Latin spelling as an alias")
        elif len(label.replace("-", "")) < 2:
            out.setdefault(label, "a single letter: never read")
    for domain in brand.domains:
        label = domain.split(".")[0]
        if label in read or label in out or label in brand.labels:
            continue
        if domain in spelled_out:
            why = f"short or cut from a longer name: read only as {domain} written out whole"
        else:
            why = "short or cut from a longer name: alone it would match too much"
        out[label] = why
    return tuple(LeftOut(name, why) for name, why in out.items())


def shared_host_errors(policy: Policy, suffixes: SuffixTable) -> list[Finding]:
    """The errors alone, cheaply (no name tables): own domains and reviewed namesakes that are
    shared hosts, under which every look-alike would pass. Commands that load a policy warn
    of them; the service refuses a tenant's policy with one."""
    found: list[Finding] = []
    for brand in policy.brands:
        for domain in dict.fromkeys(brand.domains):
            if _is_shared_host(domain, suffixes):
                found.append(Finding(
                    Level.ERROR, Code.SHARED_HOST_DOMAIN, brand.name,
                    f"{brand.name}: {domain} is a shared host, where anyone gets a name: every "
                    f"look-alike under it would pass as {brand.name}'s own; list the brand's "
                    f"own site there ({brand.name.split()[0].lower()}.{domain}) instead",
                ))  # fmt: skip
    for domain in policy.not_lookalikes:
        if _is_shared_host(domain, suffixes):
            found.append(Finding(
                Level.ERROR, Code.SHARED_HOST_NOT_LOOKALIKE, "",
                f"not_lookalikes: {domain} is a shared host, where anyone gets a name: no "
                f"look-alike under it is ever reported; list the one site you reviewed "
                f"(name.{domain}) instead",
            ))  # fmt: skip
    return found


def _domain_findings(policy: Policy, suffixes: SuffixTable) -> list[Finding]:
    """Own domains that are public suffixes or have shared hosts under them, and domains
    listed by two brands (the shared hosts themselves: :func:`shared_host_errors`)."""
    found = shared_host_errors(policy, suffixes)
    free_parents = suffixes.free_host_parents()
    first_owner: dict[str, str] = {}
    for brand in policy.brands:
        for domain in brand.domains:
            owner = first_owner.setdefault(domain, brand.name)
            if owner != brand.name:
                found.append(Finding(
                    Level.NOTE, Code.DOMAIN_LISTED_TWICE, brand.name,
                    f"{brand.name}: {domain} is listed by {owner} too, and counts as "
                    f"{owner}'s (listed first)",
                ))  # fmt: skip
            elif not _is_shared_host(domain, suffixes):
                found += _owned_domain(brand, domain, suffixes, free_parents)
    return found


def _owned_domain(owner: Brand, domain: str, suffixes: SuffixTable,
                  free_parents: frozenset[str]) -> list[Finding]:
    labels = domain.split(".")
    if is_restricted_suffix(labels, 0):
        return []  # gov.uk: only a government registers there, its services under it too
    brand = owner.name
    icann, _ = suffixes.depths(labels)
    if icann >= len(labels) and labels[0] not in owner.labels:  # nhs.uk is the NHS's own
        return [Finding(
            Level.WARNING, Code.PUBLIC_SUFFIX_DOMAIN, brand,
            f"{brand}: {domain} is a public suffix: every domain registered under it "
            f"counts as {brand}'s own; keep it only if nobody else can register there",
        )]  # fmt: skip
    if domain in free_parents:
        return [Finding(
            Level.WARNING, Code.FREE_HOSTS_UNDER_DOMAIN, brand,
            f"{brand}: {domain} has shared hosts under it, where others get names: their "
            f"names count as {brand}'s own",
        )]  # fmt: skip
    return []


def _is_shared_host(domain: str, suffixes: SuffixTable) -> bool:
    """A free host's own domain (github.io, pages.dev, sharepoint.com): a private rule of the
    Public Suffix List, or one of the free hosts the engine knows besides."""
    labels = domain.split(".")
    _, private = suffixes.depths(labels)
    return private == len(labels)

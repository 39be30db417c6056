"""What a host written in a text is: its normal forms, PSL split, and whether it is a link.

Both functions are pure and memoised in bounded caches: IDNA and the PSL lookup cost more than
the scan itself, chat repeats the same ``ok.lor`` and campaigns the same few hosts. Callers
pass at most ``MAX_WRITTEN_HOST`` characters, which also bounds the memory the caches hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from smishguard.domains.registrable import HostParts, split_host
from smishguard.urls.bare_names import (
    Cue,
    address_counts_as_link,
    counts_as_link,
    might_count_as_link,
)
from smishguard.urls.hosts import HostName, normalise_host
from smishguard.urls.shorteners import is_shortener_host
from smishguard.urls.syntax import (
    LEADING_JUNK,
    SPELLED_DOT_WORDS,
    is_bracketed,
    split_labels,
)

CACHE_SIZE: Final = 4096
MAX_WRITTEN_HOST: Final = 1024  # longer cannot be a host, even once re-fanged
MAX_DROPPED_LABELS: Final = 3  # "acme.com.Call me": retry without up to 3 trailing labels
NO_PARTS: Final = HostParts(subdomain="", name="", suffix="")


@dataclass(frozen=True, slots=True)
class HostFacts:
    host: HostName
    parts: HostParts  # NO_PARTS for IP addresses
    is_shortener: bool


class BareVerdict(NamedTuple):
    """A bare host judged a link: which part of the written host, and what it is."""

    skip: int  # characters of leading junk ("--acme.com") before the host
    length: int  # characters of the host as written, after ``skip``
    facts: HostFacts
    is_defanged: bool
    is_whole: bool  # False when trailing labels were dropped ("acme.com" of "acme.com.Call")


@lru_cache(maxsize=CACHE_SIZE)
def analyse_host(written: str) -> HostFacts | None:
    """Normal forms, PSL split and shortener flag of a re-fanged host; None if not a host."""
    host = normalise_host(written)
    if host is None:
        return None
    if host.is_ip:
        return HostFacts(host, NO_PARTS, is_shortener=False)
    return HostFacts(host, split_host(host.ascii), is_shortener_host(host.ascii))


@lru_cache(maxsize=CACHE_SIZE)
def judge_bare_host(written: str, tail_cue: Cue) -> tuple[BareVerdict | None, int]:
    """Whether a host written without a scheme is a link, and the length of its last label.

    ``tail_cue`` is what follows the host: ``MARKED`` for a port, ``PATH`` for a path,
    ``NONE`` for nothing. When the whole name is not a link, up to ``MAX_DROPPED_LABELS``
    trailing labels are dropped in turn, for a sentence glued on: ``acme.com.Call me``.
    """
    stripped = written.lstrip(LEADING_JUNK)  # "--acme.com": the dashes are the sentence's
    labels, separators = split_labels(stripped)
    last_label = len(labels[-1])
    if not labels[0] or len(stripped) > MAX_WRITTEN_HOST:
        return None, last_label
    is_www = labels[0].lower().rstrip("0123456789") == "www"
    length = len(stripped)
    for count in range(len(labels), max(2, len(labels) - MAX_DROPPED_LABELS) - 1, -1):
        whole = count == len(labels)
        if not whole:
            length -= len(labels[count]) + (len(separators[count - 1]) if separators else 1)
        kept = separators[: count - 1]  # empty when every separator is a plain '.'
        if is_www or (whole and tail_cue is Cue.MARKED) or any(map(is_bracketed, kept)):
            cue = Cue.MARKED
        elif whole and tail_cue is Cue.PATH:
            cue = Cue.PATH
        elif any(s.strip() in SPELLED_DOT_WORDS for s in kept):
            cue = Cue.SPELLED
        else:
            cue = Cue.NONE
        name = ".".join(labels[:count])
        facts = _facts_if_link(name, cue)
        if facts is None or (facts.host.is_ip and not whole):
            continue
        defanged = any(s != "." for s in kept)
        skip = len(written) - len(stripped)
        return BareVerdict(skip, length, facts, defanged, whole), last_label
    return None, last_label


def _facts_if_link(name: str, cue: Cue) -> HostFacts | None:
    if not might_count_as_link(name, cue):
        return None
    facts = analyse_host(name)
    if facts is None:
        return None
    if facts.host.is_ip:
        return facts if address_counts_as_link(name, cue) else None
    if counts_as_link(name, facts.parts, cue, is_shortener=facts.is_shortener):
        return facts
    return None

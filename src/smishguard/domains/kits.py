"""A kit's copies in a stream of new names: one brand put in front of many look-alike domains.

A phishing kit is deployed on a run of throwaway domains, each with the brand's name in
front: ``darb.qmobilitcma.com``, ``darb.qmobilicco.com``, ``darb.qmobiliizty.com`` (Darb,
Abu Dhabi's road tolls), or ``steam.workshopmake.com``, ``steam.workshopaward.com``. One such
host alone is weak evidence: vendors run hosts named for their customers the same way
(``spotify.demdex.net``, ``latam.visma.com``), so the look-alike index reports a short or
everyday-word name in front of someone else's domain only where phishing sites live
(:mod:`~smishguard.domains.context`) and returns the rest as *leads* (score 0).

What a vendor never does is register a new domain for each host, each named alike. So
:class:`KitCopies` remembers the leads of a stream by (brand, the first letters of the
registered name) and, once one brand sits in front of ``copies`` different registered
domains whose names start with the same letters, reports them all, and every later copy as
it comes: the kit has shown itself. The copies already reported where phishing sites live
(``darb.qmobilizz.top``) count among the domains. Pure and bounded: the groups are an LRU
of ``memory`` entries, each holding at most ``MAX_WAITING`` hosts until it forms.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from smishguard.model import Imitation

# Different registered domains with one brand in front and one stem that make a kit: two
# could be a vendor's pair of domains (x-eu.com, x-us.com); three new ones are a kit.
KIT_COPIES: Final = 3
# The registered name's first letters that its copies share (qmobi- of qmobilitcma,
# qmobilicco): kits vary the tail to dodge blocklists, keep the head that reads. A name of
# five letters shares all but its last (rtarb, rtare, rtarm); a shorter one is no stem.
STEM: Final = 5
KIT_SCORE: Final = 0.5  # suspicious: each copy alone is weak evidence, the run is not
KIT_MEMORY: Final = 65_536  # (brand, stem) groups remembered: leads are rare (~1 % of names)
MAX_WAITING: Final = 32  # hosts a group holds before it forms (the rest: reported on forming)


class _Group:
    """The leads of one (brand, stem) until ``copies`` registered domains are seen."""

    __slots__ = ("domains", "formed", "waiting")

    def __init__(self) -> None:
        self.domains: dict[str, None] = {}  # registered domains, in the order seen
        self.waiting: list[Imitation] = []
        self.formed = False


class KitCopies:
    """Raises the leads that are copies of one kit (see the module's docstring)."""

    __slots__ = ("_copies", "_groups", "_memory")

    def __init__(self, copies: int = KIT_COPIES, memory: int = KIT_MEMORY) -> None:
        if copies < 2:
            raise ValueError("a kit needs at least 2 copies")
        if memory < 1:
            raise ValueError("the kit memory must hold at least one group")
        self._copies = copies
        self._memory = memory
        self._groups: OrderedDict[tuple[str, str], _Group] = OrderedDict()

    def add(self, found: Imitation) -> list[Imitation]:
        """The leads ``found`` makes reportable. A lead (score 0): none while its group is
        short of a kit; the group's leads so far (this one last) when it becomes one; this one
        afterwards. A host already reported (a copy where phishing sites live,
        ``darb.qmobilizz.top``) counts as a copy, and is never returned itself."""
        stem = kit_stem(found)
        if stem is None:
            return []
        registered = found.registered
        key = (found.brand, stem)
        groups = self._groups
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group()
            if len(groups) > self._memory:
                groups.popitem(last=False)
        else:
            groups.move_to_end(key)
        lead = found.score <= 0
        if group.formed:
            return [kit_copy(found, stem, list(group.domains))] if lead else []
        group.domains[registered] = None
        waiting = group.waiting
        if lead and len(waiting) < MAX_WAITING:
            waiting.append(found)
        if len(group.domains) < self._copies:
            return []
        group.formed = True
        group.waiting = []
        domains = list(group.domains)
        raised = [kit_copy(w, stem, domains) for w in waiting]
        if lead and (not waiting or waiting[-1] is not found):  # the group was full
            raised.append(kit_copy(found, stem, domains))
        return raised


def kit_stem(found: Imitation) -> str | None:
    """The first letters that ``found``'s copies would share: of the name of the registered
    domain it is put in front of (``qmobi`` for ``darb.qmobilitcma.com``); None for a
    registered domain itself, or one whose name is too short to share a head by design."""
    registered = found.registered
    name = registered.partition(".")[0]
    if len(name) < STEM or found.domain == registered:
        return None
    return name[: min(STEM, len(name) - 1)]


def kit_copy(lead: Imitation, stem: str, domains: Sequence[str]) -> Imitation:
    """``lead`` reported as one of a kit's copies, the kit's registered ``domains`` (in the
    order seen) named in its reason."""
    shown = ", ".join(domains[:3])
    more = len(domains) - 3
    others = f"{shown} and {more} more" if more > 0 else shown
    reason = (f"{lead.reason}; one of a kit's copies: '{lead.matched}' is put in front of "
              f"new domains whose names start '{stem}' ({others})")
    return replace(lead, score=KIT_SCORE, reason=reason)

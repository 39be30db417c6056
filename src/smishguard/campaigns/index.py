"""Reports and watch hits clustered into campaigns, one at a time, as they arrive.

:class:`CampaignIndex` keeps, for every clustering key (site, exact link, sender, domain
template and stem, path pattern), the live campaigns that have it, an LSH index of the
campaigns' text signatures (:mod:`~smishguard.campaigns.bands`), and each tenant's reports
of the last minutes.
:meth:`CampaignIndex.add` collects the evidence linking a new fingerprint to each candidate
campaign (see :mod:`smishguard.campaigns.evidence`); the fingerprint joins every campaign
whose evidence reaches the join score, merging them when there are several, or opens a new
one. Campaigns are a union-find forest, so a merge costs nothing for their members; the
merged campaign keeps the oldest campaign's id.

Cost per add does not grow with history: key lookups are dict lookups over short lists
(campaigns past the horizon are dropped from a list when it is read), text candidates come
from LSH buckets, and a campaign stores a text signature only when it is not a
near-duplicate of one it already has.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from smishguard.campaigns.bands import BandIndex
from smishguard.campaigns.evidence import (
    STRONG_KINDS,
    WEIGHTS,
    Assignment,
    ClusterSettings,
    Evidence,
    EvidenceKind,
    IndexStats,
    campaign_id_for,
    fingerprint_keys,
)
from smishguard.campaigns.fingerprints import NUM_PERM, Fingerprint, ItemKind
from smishguard.errors import InvalidInput

__all__ = ["Assignment", "CampaignIndex", "IndexStats", "campaign_id_for"]

_TEMPLATE = EvidenceKind.DOMAIN_TEMPLATE


@dataclass(slots=True)
class _Candidate:
    evidence: dict[EvidenceKind, Evidence]

    @property
    def score(self) -> float:
        return sum(e.weight for e in self.evidence.values())


class CampaignIndex:
    """The incremental clusterer. Not thread-safe: one writer (the service serialises adds)."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        s = self.settings
        self._horizon = s.horizon.total_seconds()
        self._strong_horizon = s.strong_horizon.total_seconds()
        self._burst = s.burst_window.total_seconds()
        # Union-find over campaign nodes; only a root's fields below are meaningful.
        self._parent: list[int] = []
        self._size: list[int] = []
        self._oldest: list[int] = []  # the oldest node merged into this root: its id is kept
        self._first: list[float] = []
        self._last: list[float] = []
        self._tenants: list[set[str]] = []
        self._scheme_sites: dict[int, dict[str, int]] = {}  # root → template key → sites
        self._members: list[list[str]] = []
        self._label: list[str] = []  # each node's own campaign id
        self._node_of_label: dict[str, int] = {}
        self._item_node: dict[str, int] = {}
        self._postings: dict[str, list[int]] = {}
        self._lsh = BandIndex(NUM_PERM)
        self._signatures = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._signature_node: list[int] = []
        self._recent: dict[str, deque[tuple[float, int]]] = {}

    # ----------------------------------------------------------------- public API

    def __len__(self) -> int:
        return len(self._item_node)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._item_node

    def add(self, fp: Fingerprint) -> Assignment:
        """Cluster one fingerprint: join, merge or open a campaign, and say why.

        Adding an item already in the index changes nothing and answers where it is.
        InvalidInput when its time has no time zone (it would mean a different instant on
        every machine)."""
        _check_time(fp)
        if fp.item_id in self._item_node:
            root = self._find(self._item_node[fp.item_id])
            return self._assignment(fp.item_id, root)
        if not fp.is_clusterable:
            return Assignment(fp.item_id, None)
        at = fp.seen_at.timestamp()
        hashvalues = fp.hashvalues
        candidates, text_similarity = self._candidates(fp, at, hashvalues)
        joined = sorted(
            (r for r, c in candidates.items() if c.score >= self.settings.join_score - 1e-9),
            key=lambda r: self._oldest[r],
        )
        if not joined:
            root = self._new_node(campaign_id_for(fp.item_id), at)
            self._place(fp, root, at, hashvalues, 0.0)
            return self._assignment(fp.item_id, root, is_new=True)
        evidence: dict[EvidenceKind, Evidence] = {}
        for r in joined:
            for kind, item in candidates[r].evidence.items():
                if kind not in evidence or item.weight > evidence[kind].weight:
                    evidence[kind] = item
        merged = tuple(self._label[self._oldest[r]] for r in joined[1:])
        root = joined[0]
        best_text = max(text_similarity.get(r, 0.0) for r in joined)
        for other in joined[1:]:
            root = self._union(root, other)
        self._place(fp, root, at, hashvalues, best_text)
        ordered = tuple(sorted(evidence.values(), key=lambda e: (-e.weight, e.kind.value)))
        return self._assignment(fp.item_id, root, merged=merged, evidence=ordered)

    @classmethod
    def rebuild(
        cls, fingerprints: Iterable[Fingerprint], settings: ClusterSettings | None = None
    ) -> tuple[CampaignIndex, tuple[Assignment, ...]]:
        """Cluster stored fingerprints from scratch, in time order (then id)."""
        index = cls(settings)
        ordered = sorted(fingerprints, key=lambda f: (f.seen_at.timestamp(), f.item_id))
        return index, tuple(index.add(fp) for fp in ordered)

    @classmethod
    def restore(
        cls,
        items: Iterable[tuple[Fingerprint, str | None]],
        settings: ClusterSettings | None = None,
    ) -> CampaignIndex:
        """Rebuild the index from stored fingerprints *and the campaigns they were stored
        with*, without re-deciding anything (analysts' merges stay as they are). Items whose
        campaign is None are skipped; their order does not matter."""
        index = cls(settings)
        latest: dict[str, float] = {}
        for fp, campaign_id in items:
            if campaign_id is None or fp.item_id in index._item_node:
                continue
            _check_time(fp)
            at = fp.seen_at.timestamp()
            node = index._node_of_label.get(campaign_id)
            root = index._new_node(campaign_id, at) if node is None else index._find(node)
            index._place(fp, root, at, fp.hashvalues, index._best_text(fp, root))
            latest[fp.tenant_id] = max(at, latest.get(fp.tenant_id, at))
        for tenant, recent in index._recent.items():
            keep = sorted(e for e in recent if e[0] >= latest.get(tenant, 0.0) - index._burst)
            index._recent[tenant] = deque(keep)
        return index

    def campaign_of(self, item_id: str) -> str | None:
        """The campaign an item is in now (after any merges), None if it is in none."""
        node = self._item_node.get(item_id)
        return None if node is None else self._label[self._oldest[self._find(node)]]

    def current_id(self, campaign_id: str) -> str | None:
        """The id a campaign goes by now: itself, or the campaign it was merged into."""
        node = self._node_of_label.get(campaign_id)
        return None if node is None else self._label[self._oldest[self._find(node)]]

    def members(self, campaign_id: str) -> tuple[str, ...]:
        """The item ids of a campaign (or of the campaign it was merged into), in the order
        they were added; () for an unknown id."""
        node = self._node_of_label.get(campaign_id)
        return () if node is None else tuple(self._members[self._find(node)])

    def tenant_count(self, campaign_id: str) -> int:
        node = self._node_of_label.get(campaign_id)
        return 0 if node is None else len(self._tenants[self._find(node)])

    def campaigns(self) -> Iterator[str]:
        """The ids of the current campaigns (roots), oldest first."""
        for node in range(len(self._parent)):
            if self._parent[node] == node:
                yield self._label[self._oldest[node]]

    def stats(self) -> IndexStats:
        roots = sum(1 for n, p in enumerate(self._parent) if n == p)
        return IndexStats(len(self._item_node), roots, len(self._postings),
                          len(self._signature_node))

    # ----------------------------------------------------------------- evidence

    def _candidates(
        self, fp: Fingerprint, at: float, hashvalues: Any
    ) -> tuple[dict[int, _Candidate], dict[int, float]]:
        found: dict[int, _Candidate] = {}

        def credit(root: int, kind: EvidenceKind, reason: str, weight: float = 0.0) -> None:
            span = self._strong_horizon if kind in STRONG_KINDS else self._horizon
            if at < self._first[root] - span or at > self._last[root] + span:
                return
            candidate = found.setdefault(root, _Candidate({}))
            if kind not in candidate.evidence:
                candidate.evidence[kind] = Evidence(kind, weight or WEIGHTS[kind], reason)

        schemes = self._scheme_sites
        for kind, key, reason in fingerprint_keys(fp):
            roots = self._live_roots(key, at)
            if kind not in STRONG_KINDS and len(roots) > self.settings.common_key_campaigns:
                continue  # common: "/login", "USPS"
            for root in roots:
                sites = schemes.get(root, {}).get(key, 0) if kind is _TEMPLATE else 0
                if sites >= self.settings.scheme_sites:
                    # One pattern behind several sites of a campaign is its naming scheme
                    # (bulk registrations: home-208153, home-203574 …, or {brand}-okta at
                    # tenant after tenant): a new site in it is the same kit.
                    credit(root, kind, f"{reason}, the naming scheme of {sites} of its sites",
                           WEIGHTS[EvidenceKind.SITE])
                else:
                    credit(root, kind, reason)
        similarity: dict[int, float] = {}
        if hashvalues is not None:
            similarity = self._text_matches(fp, hashvalues)
            for root, value in similarity.items():
                if value >= self.settings.text_join:
                    credit(root, EvidenceKind.TEXT, f"same text template ({value:.0%} alike)")
                elif value >= self.settings.text_support:
                    credit(root, EvidenceKind.TEXT_SIMILAR,
                           f"similar text template ({value:.0%} alike)")
        for candidate in found.values():
            # The stem is the template without its ending: one piece of evidence, not two.
            if EvidenceKind.DOMAIN_TEMPLATE in candidate.evidence:
                candidate.evidence.pop(EvidenceKind.DOMAIN_STEM, None)
        if fp.kind is ItemKind.REPORT:
            recent = self._recent.get(fp.tenant_id)
            if recent:
                counts: dict[int, int] = {}
                for when, node in recent:
                    if abs(at - when) <= self._burst:
                        root = self._find(node)
                        counts[root] = counts.get(root, 0) + 1
                minutes = round(self._burst / 60)
                for root, count in counts.items():
                    credit(root, EvidenceKind.BURST,
                           f"{count} other report(s) at this organization within {minutes} min")
        return found, similarity

    def _text_matches(self, fp: Fingerprint, hashvalues: Any) -> dict[int, float]:
        """Best estimated Jaccard per live campaign among the LSH candidates."""
        keys = self._lsh.query(hashvalues)
        if not keys:
            return {}
        rows = np.fromiter(keys, dtype=np.int64, count=len(keys))
        similarity = (self._signatures[rows] == hashvalues).mean(axis=1)
        best: dict[int, float] = {}
        at = fp.seen_at.timestamp()
        for row, value in zip(rows.tolist(), similarity.tolist(), strict=True):
            root = self._find(self._signature_node[row])
            if at > self._last[root] + self._horizon:
                # Past the text horizon for good (items arrive roughly in time order): out
                # of the LSH, so a template used for years does not fill its buckets.
                self._lsh.remove(row, self._signatures[row])
                continue
            if value > best.get(root, -1.0):
                best[root] = value
        return best

    def _best_text(self, fp: Fingerprint, root: int) -> float:
        """Best text similarity of ``fp`` to a signature the campaign already keeps."""
        if fp.hashvalues is None:
            return 0.0
        return self._text_matches(fp, fp.hashvalues).get(root, 0.0)

    def _live_roots(self, key: str, at: float) -> list[int]:
        """The campaigns holding a key, as current roots, those past every horizon dropped
        (the list is rewritten, so it stays as short as the live campaigns)."""
        posting = self._postings.get(key)
        if not posting:
            return []
        roots: list[int] = []
        for node in posting:
            root = self._find(node)
            if root not in roots and at <= self._last[root] + self._strong_horizon:
                roots.append(root)
        if roots != posting:
            self._postings[key] = roots
        return roots

    # ----------------------------------------------------------------- bookkeeping

    def _new_node(self, campaign_id: str, at: float) -> int:
        node = len(self._parent)
        self._parent.append(node)
        self._size.append(0)
        self._oldest.append(node)
        self._first.append(at)
        self._last.append(at)
        self._tenants.append(set())
        self._members.append([])
        self._label.append(campaign_id)
        self._node_of_label[campaign_id] = node
        return node

    def _find(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    def _union(self, a: int, b: int) -> int:
        a, b = self._find(a), self._find(b)
        if a == b:
            return a
        if self._size[a] < self._size[b]:
            a, b = b, a
        self._parent[b] = a
        self._size[a] += self._size[b]
        self._oldest[a] = min(self._oldest[a], self._oldest[b])
        self._first[a] = min(self._first[a], self._first[b])
        self._last[a] = max(self._last[a], self._last[b])
        self._tenants[a] |= self._tenants[b]
        self._members[a].extend(self._members[b])
        self._tenants[b] = set()
        self._members[b] = []
        if b in self._scheme_sites:
            into = self._scheme_sites.setdefault(a, {})
            for key, count in self._scheme_sites.pop(b).items():
                into[key] = into.get(key, 0) + count
        return a

    def _place(self, fp: Fingerprint, root: int, at: float, hashvalues: Any,
               best_text: float) -> None:
        """Record an item in a campaign: membership, keys, text signature, burst window."""
        self._item_node[fp.item_id] = root
        self._size[root] += 1
        self._first[root] = min(self._first[root], at)
        self._last[root] = max(self._last[root], at)
        self._tenants[root].add(fp.tenant_id)
        self._members[root].append(fp.item_id)
        if fp.domain_templates and any(
            root not in self._live_roots(f"s:{site}", at) for site in fp.sites
        ):
            counts = self._scheme_sites.setdefault(root, {})
            for template in fp.domain_templates:
                counts[f"t:{template}"] = counts.get(f"t:{template}", 0) + 1
        cap = self.settings.common_key_campaigns
        for kind, key, _ in fingerprint_keys(fp):
            posting = self._postings.setdefault(key, [])
            if root not in posting and (kind in STRONG_KINDS or len(posting) <= cap):
                posting.append(root)
        if hashvalues is not None and best_text < self.settings.text_duplicate:
            self._store_signature(hashvalues, root, fp)
        if fp.kind is ItemKind.REPORT:
            recent = self._recent.setdefault(fp.tenant_id, deque())
            recent.append((at, root))
            while recent and recent[0][0] < at - self._burst:
                recent.popleft()

    def _store_signature(self, hashvalues: Any, root: int, fp: Fingerprint) -> None:
        row = len(self._signature_node)
        if row == len(self._signatures):
            grown = np.zeros((2 * row, NUM_PERM), dtype=np.uint32)
            grown[:row] = self._signatures
            self._signatures = grown
        self._signatures[row] = hashvalues
        self._signature_node.append(root)
        self._lsh.insert(row, hashvalues)

    def _assignment(self, item_id: str, root: int, *, is_new: bool = False,
                    merged: tuple[str, ...] = (),
                    evidence: tuple[Evidence, ...] = ()) -> Assignment:
        return Assignment(item_id, self._label[self._oldest[root]], is_new, merged, evidence,
                          self._size[root], len(self._tenants[root]))


def _check_time(fp: Fingerprint) -> None:
    if fp.seen_at.tzinfo is None or fp.seen_at.utcoffset() is None:
        raise InvalidInput(f"item {fp.item_id!r}: seen_at must carry a time zone")

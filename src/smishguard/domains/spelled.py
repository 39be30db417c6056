"""A brand's own domain written out in someone else's host, when its name is no brand name.

A domain's name under five letters (``skat.dk``, ``post.ch``, ``mail.ru``, ``sco.gov.pk``) is
not one of the brand's names (:attr:`smishguard.policy.Brand.labels`): alone it would match
too much (``post``, ``mail``). Written out whole, with its ending, in front of or inside
someone else's domain (``log-ind.skat.dk.x.com``, ``post-ch.x.world``,
``mail-sco-gov-pk.netlify.app``, ``ca.gov-zae.cfd``) it names the brand's address all the
same, as ``paypal.com.x.net`` does PayPal's.
"""

from __future__ import annotations

from typing import Final

from smishguard.domains.brandnames import BrandName, Strength
from smishguard.domains.homoglyphs import skeleton
from smishguard.policy import Brand

MIN_LETTERS: Final = 5  # the domain's letters, its ending's too: ca.gov yes, t.me no


class SpelledDomains:
    """The brands' domains whose name is no brand name, by that name (``skat``), each with
    the labels after it (``("dk",)``) and a :class:`BrandName` that shows the domain."""

    __slots__ = ("_memo_size", "_opens", "heads")

    def __init__(self, brands: tuple[Brand, ...], names: frozenset[str], memo_size: int) -> None:
        self._opens: dict[str, bool] = {}  # may_open by label (many hosts share a label)
        self._memo_size = memo_size  # cleared when full
        heads: dict[str, list[tuple[tuple[str, ...], BrandName]]] = {}
        for brand in brands:
            for domain in brand.domains:
                parts = domain.split(".")
                flat = "".join(parts)
                if parts[0] in names or len(parts[0]) < 2 or len(flat) < MIN_LETTERS:
                    continue
                if not all(part.isalnum() for part in parts):
                    continue  # a hyphen in a part: a brand name reads it (t-mobile)
                name = BrandName(brand, domain, flat, skeleton(flat), Strength.TINY,
                                 is_alias=False)  # fmt: skip
                heads.setdefault(parts[0], []).append((tuple(parts[1:]), name))
        self.heads: Final = {head: tuple(found) for head, found in heads.items()}

    def may_open(self, label: str) -> bool:
        """Whether a subdomain label is such a domain's name, or opens or ends with one as a
        hyphen-separated word: the cheap gate of :meth:`find`."""
        known = self._opens.get(label)
        if known is not None:
            return known
        heads = self.heads
        cut = label.find("-")
        opens = label in heads or (
            cut > 0 and (label[:cut] in heads or label[label.rfind("-") + 1 :] in heads)
        )
        if len(self._opens) >= self._memo_size:
            self._opens.clear()
        self._opens[label] = opens
        return opens

    def find(self, words: list[str]) -> BrandName | None:
        """The first such domain written out as consecutive words of ``words`` (a host's
        labels split at dots and hyphens: ``skat``, ``dk``), or None."""
        heads = self.heads
        size = len(words)
        for i, word in enumerate(words):
            found = heads.get(word)
            if found is None:
                continue
            for rest, name in found:
                end = i + 1 + len(rest)
                if end <= size and tuple(words[i + 1 : end]) == rest:
                    return name
        return None

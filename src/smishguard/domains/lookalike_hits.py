"""What the look-alike index found, before it becomes an Imitation: hits and their scores."""

from __future__ import annotations

from dataclasses import dataclass

from smishguard.domains.brandnames import BrandName, Strength
from smishguard.domains.explain import explain
from smishguard.domains.typos import describe_edit, distance
from smishguard.model import Imitation, ImitationKind


def _by_strength(strong: float, short: float, word: float, tiny: float) -> dict[Strength, float]:
    return {
        Strength.STRONG: strong,
        Strength.SHORT: short,
        Strength.WORD: word,
        Strength.TINY: tiny,
    }


class Scores:
    """Confidence by kind and by how distinctive the brand name is (see lookalike's docstring)."""

    KEYWORD = _by_strength(0.92, 0.88, 0.75, 0.7)
    FILLER = _by_strength(0.85, 0.8, 0.0, 0.0)  # paypal-com.info: spells the domain out
    # coinbase-cancel-withdrawal.com: a brand beside words that are not keywords. Below the
    # "suspicious" threshold alone (google-analytics.com is the same shape), evidence with
    # the rest of a message.
    BESIDE = _by_strength(0.38, 0.35, 0.0, 0.0)
    HOMOGLYPH = _by_strength(0.9, 0.85, 0.8, 0.0)
    UNICODE = _by_strength(0.95, 0.9, 0.85, 0.0)
    HOMOGLYPH_KEYWORD = _by_strength(0.95, 0.9, 0.8, 0.75)
    TYPO = _by_strength(0.75, 0.7, 0.0, 0.0)
    TYPO_KEYWORD = _by_strength(0.9, 0.85, 0.0, 0.0)
    SPELLED = _by_strength(0.88, 0.85, 0.75, 0.75)  # acme.com.verify-id.xyz
    SUB_KEYWORD = _by_strength(0.85, 0.8, 0.7, 0.65)  # acme-login.evil.net
    FREE_HOST = _by_strength(0.8, 0.7, 0.0, 0.0)  # acme.vercel.app
    TLD_SWAP = _by_strength(0.6, 0.55, 0.35, 0.35)  # paypal.xyz, usps.group
    TLD_ESTABLISHED = _by_strength(0.35, 0.35, 0.3, 0.3)  # acme.net, google.de
    ALIAS = _by_strength(0.5, 0.45, 0.3, 0.3)
    ALIAS_ESTABLISHED = _by_strength(0.3, 0.3, 0.25, 0.25)


@dataclass(frozen=True, slots=True)
class Hit:
    """One way a host imitates one brand name."""

    score: float
    kind: ImitationKind
    name: BrandName
    matched: str
    keyword: str = ""
    edit: str = ""  # typo category, or "free-host"

    def imitation(self, host: str, registrable: str, suffix: str) -> Imitation:
        brand = self.name.brand
        on_registrable = self.kind is ImitationKind.SUBDOMAIN and self.edit != "free-host"
        where = registrable if on_registrable else suffix
        reason = explain(
            self.kind, host, brand, self.name.text, self.matched, self.keyword, self.edit, where
        )
        return Imitation(
            domain=host,
            brand=brand.name,
            kind=self.kind,
            score=round(self.score, 3),
            matched=self.matched,
            keyword=self.keyword,
            reason=reason,
        )


def typo_hit(name: BrandName, candidate: str, keyword: str) -> Hit | None:
    """A typo of ``name`` found in ``candidate`` (beside ``keyword``), if the rules allow it.

    Typos are counted on the letters as written: look-alike letters (i/l, rn/m) are not free
    edits here, or gmail would be one edit from tmall.
    """
    flat = name.flat
    if candidate[0] != flat[0]:
        return None  # people rarely mistype the first letter; other names start so
    if any(c.isdigit() for c in candidate) and not any(c.isdigit() for c in flat):
        return None  # digits added are versions and mirrors (xvideos2), not typos
    edits = distance(candidate, flat)
    if edits == 0 or edits > name.max_typos or (edits == 2 and not keyword):
        return None  # two edits alone reach too many real names (salesfire, sourcefire)
    edit = describe_edit(candidate, flat)
    if edit == "addition" and candidate[-1] == "s":
        return None  # a plural is usually a site of its own (livescores, stripchats)
    if edit not in ("transposition", "repetition"):
        if len(flat) < 6 or candidate[:2] != flat[:2]:
            return None  # the distinctive head of a name (al-icdn, ms-edge) stays put
        if candidate[-1] != flat[-1] and edit != "addition":
            return None  # endings vary for real (posti, kohlr, xvideo): the last letter stays
    penalty = 0.05 * (edits - 1)
    if keyword:
        return Hit(
            Scores.TYPO_KEYWORD[name.strength] - penalty,
            ImitationKind.TYPO_KEYWORD,
            name,
            candidate,
            keyword=keyword,
            edit=edit,
        )
    return Hit(Scores.TYPO[name.strength] - penalty, ImitationKind.TYPO, name, candidate, edit=edit)

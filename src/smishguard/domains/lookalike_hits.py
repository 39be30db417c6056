"""What the look-alike index found, before it becomes an Imitation: hits and their scores."""

from __future__ import annotations

from typing import ClassVar, Final

from smishguard.domains.brandnames import TAGGED_NAME, BrandName, NameTable, Strength
from smishguard.domains.context import PLACE, POINTED, SERIAL
from smishguard.domains.explain import LOOK_ALIKE, TAGGED, explain
from smishguard.domains.homoglyphs import folds_twice, glyph_distance, reads_as, skeleton
from smishguard.domains.keywords import Keywords
from smishguard.domains.labels import (
    FILLER_WORDS,
    TLD_WORDS,
    Reading,
    as_shown,
    on_boundaries,
    read_label,
)
from smishguard.domains.typos import collapse_runs, describe_edit, distance, stretched_by
from smishguard.domains.words import Words
from smishguard.model import Imitation, ImitationKind

ByStrength = dict[Strength, float]


def _by_strength(strong: float, short: float, word: float, tiny: float) -> ByStrength:
    return {
        Strength.STRONG: strong,
        Strength.SHORT: short,
        Strength.WORD: word,
        Strength.TINY: tiny,
    }


class Scores:
    """Confidence by kind and by how distinctive the brand name is (see lookalike's docstring)."""

    KEYWORD: ClassVar[ByStrength] = _by_strength(0.92, 0.88, 0.75, 0.7)
    # paypal-com.info: spells the domain out
    FILLER: ClassVar[ByStrength] = _by_strength(0.85, 0.8, 0.0, 0.0)
    # coinbase-cancel-withdrawal.com: a brand beside words that are not keywords. Below the
    # "suspicious" threshold alone (google-analytics.com is the same shape), evidence with
    # the rest of a message.
    BESIDE: ClassVar[ByStrength] = _by_strength(0.38, 0.35, 0.0, 0.0)
    # The same, and the brand beside a serial (att-208461), on a free host, a risky ending,
    # or beside a sign-in word elsewhere in the host (domains.context): just suspicious.
    CONTEXT: ClassVar[ByStrength] = _by_strength(0.5, 0.45, 0.42, 0.42)
    # A distinctive name glued into a longer word (uniswaptraderz) in such a place.
    # A short or tiny name at the head of a one-word label counts too (dhlqvx.top), never a
    # word name (boxhill).
    GLUED: ClassVar[ByStrength] = _by_strength(0.45, 0.42, 0.0, 0.42)
    # The brand as the label in front of an unrelated domain, in such a place (dpd.qzvrk.cfd).
    SUB_CONTEXT: ClassVar[ByStrength] = _by_strength(0.6, 0.55, 0.45, 0.45)
    # A word or tiny name run together with a pointed keyword (dhlservice, telegramsignin).
    GLUED_KEYWORD: ClassVar[ByStrength] = _by_strength(0.0, 0.6, 0.6, 0.55)
    HOMOGLYPH: ClassVar[ByStrength] = _by_strength(0.9, 0.85, 0.8, 0.0)
    # A distinctive name in look-alike letters beside other words (rnicrosoft-exchange,
    # tlktokshop): nobody writes their own name so.
    HOMOGLYPH_BESIDE: ClassVar[ByStrength] = _by_strength(0.6, 0.0, 0.0, 0.0)
    # A 3-letter name counts only in another script's letters among Latin ones (аtt).
    UNICODE: ClassVar[ByStrength] = _by_strength(0.95, 0.9, 0.85, 0.8)
    HOMOGLYPH_KEYWORD: ClassVar[ByStrength] = _by_strength(0.95, 0.9, 0.8, 0.75)
    TYPO: ClassVar[ByStrength] = _by_strength(0.75, 0.7, 0.0, 0.0)
    # A long name made plural beside tags or with a copy number (telegrams-mw, whatsapps2).
    PLURAL_TAGGED: ClassVar[float] = 0.42
    # A distinctive name with a tag glued on, beside a keyword (app-vzf-whatsappcc).
    TAG_GLUED_BESIDE_KEYWORD: ClassVar[float] = 0.42
    # An everyday word of 8 letters or more with a tag glued on, as a label (telegramzn).
    WORD_TAGGED: ClassVar[float] = 0.42
    WORD_TAGGED_PLACE: ClassVar[float] = 0.45  # ... where phishing sites live (telegramxq.top)
    # A long distinctive name mistyped, a short tag run on (whatsapwacs.com): anywhere.
    TYPO_TAGGED: ClassVar[float] = 0.45
    TYPO_KEYWORD: ClassVar[ByStrength] = _by_strength(0.9, 0.85, 0.0, 0.0)
    SPELLED: ClassVar[ByStrength] = _by_strength(0.88, 0.85, 0.75, 0.75)  # acme.com.verify-id.xyz
    SUB_KEYWORD: ClassVar[ByStrength] = _by_strength(0.85, 0.8, 0.7, 0.65)  # acme-login.evil.net
    FREE_HOST: ClassVar[ByStrength] = _by_strength(0.8, 0.7, 0.0, 0.0)  # acme.vercel.app
    TLD_SWAP: ClassVar[ByStrength] = _by_strength(0.6, 0.55, 0.35, 0.35)  # paypal.xyz, usps.lat
    TLD_ESTABLISHED: ClassVar[ByStrength] = _by_strength(0.35, 0.35, 0.3, 0.3)  # acme.net
    ALIAS: ClassVar[ByStrength] = _by_strength(0.5, 0.45, 0.3, 0.3)
    ALIAS_ESTABLISHED: ClassVar[ByStrength] = _by_strength(0.3, 0.3, 0.25, 0.25)


_SLIPS: Final = frozenset((ImitationKind.TYPO, ImitationKind.TYPO_KEYWORD))


def slipped_by_folds(hit: Hit) -> bool:
    """Whether a typo found on skeletons is no typo as written: the name folds a pair that
    another fold made (``galicia`` is ``gallda``), so a label one slip from the skeleton
    (``legaldaily``'s ``galda``) may be several from the name (3 from ``galicia``)."""
    if hit.kind not in _SLIPS or not folds_twice(hit.name.flat):
        return False
    written = hit.matched.replace("-", "")
    return glyph_distance(written, hit.name.flat) > distance(skeleton(written), hit.name.skeleton)


def slip_as_written(hit: Hit, label: str) -> Hit:
    """A slip found in a Unicode label (``xn--``), quoted in the label's own letters and
    said to hold look-alike characters (``twiłlio`` is twilio with a letter doubled and
    look-alike characters), rather than as its ASCII reading (``twillio``)."""
    read = read_label(label) if hit.kind in _SLIPS else None
    if read is None or not read[5]:
        return hit
    written = as_shown(hit.matched, read[0], read[4])
    if written == hit.matched:
        return hit  # the look-alike letters are elsewhere in the label (a keyword's)
    edit = hit.edit if hit.edit.endswith(LOOK_ALIKE) else hit.edit + LOOK_ALIKE
    return Hit(hit.score, hit.kind, hit.name, written, hit.keyword, edit, hit.boost, hit.needs)


def in_subdomain(score: float, sub: bool) -> float:
    """Weak evidence a little weaker in a subdomain label, yet still suspicious (0.4)."""
    return max(0.4, score - 0.05) if sub and score > 0 else score


class Hit:
    """One way a host imitates one brand name (read-only: memos share hits).

    A plain class with its own ``__init__`` rather than a frozen dataclass: compiled (mypyc),
    a frozen dataclass is still built by the interpreted ``__init__`` that dataclasses writes,
    one ``object.__setattr__`` a field (about 12,000 instructions a hit against 240).
    ``Final`` keeps the fields read-only for the type checker.
    """

    __slots__ = ("boost", "edit", "keyword", "kind", "matched", "name", "needs", "score")

    def __init__(
        self, score: float, kind: ImitationKind, name: BrandName, matched: str, keyword: str = "",
        edit: str = "", boost: float = 0.0, needs: int = 0,
    ) -> None:  # fmt: skip
        self.score: Final = score
        self.kind: Final = kind
        self.name: Final = name
        self.matched: Final = matched
        self.keyword: Final = keyword
        self.edit: Final = edit  # typo category, or "free-host"
        # The score in a phishing-like place (domains.context), when higher: weak evidence
        # that the index raises only on free hosts, risky endings, beside serials or sign-in
        # words.
        self.boost: Final = boost
        self.needs: Final = needs  # the context level (domains.context) the boost needs

    def __repr__(self) -> str:
        return (
            f"Hit({self.score!r}, {self.kind}, {self.name.flat!r}, {self.matched!r}, "
            f"keyword={self.keyword!r}, edit={self.edit!r}, boost={self.boost!r}, "
            f"needs={self.needs!r})"
        )

    def raised(self) -> Hit:
        """This hit scored at its boost (it is in the place the boost needs)."""
        return Hit(self.boost, self.kind, self.name, self.matched, self.keyword, self.edit,
                   self.boost, self.needs)  # fmt: skip

    def rescored(self, score: float) -> Hit:
        """This hit scored ``score`` where its place does not raise it (its boost kept)."""
        return Hit(score, self.kind, self.name, self.matched, self.keyword, self.edit,
                   max(self.boost, score), self.needs)  # fmt: skip

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
            registered=registrable,
        )


def typo_score(strength: Strength, edits: int, keyword: str) -> float:
    """A typo's score: by the name's strength, with or without a keyword, less 0.05 an edit
    after the first."""
    return (Scores.TYPO_KEYWORD if keyword else Scores.TYPO)[strength] - 0.05 * (edits - 1)


def typo_hit(name: BrandName, candidate: str, keyword: str, loose: bool = False) -> Hit | None:
    """A typo of ``name`` found in ``candidate`` (beside ``keyword``), if the rules allow it.

    Typos are counted on the letters as written: look-alike letters (i/l, rn/m) are not free
    edits here, or gmail would be one edit from tmall; but a long distinctive name written
    with look-alike letters and one slip (``teiegrma``, :func:`_folded_slip`) is its typo, the
    look-alike counted as a second edit. With ``loose`` (the host is on a free
    host or a risky ending), a distinctive name of 5 letters or more may also change its
    second or last letter, take a digit for a letter (ledg3r) or, under 8 letters, take one
    more letter at the end with no keyword beside (trezorx); such a hit scores 0 and is
    raised to its score only in that place (``boost``, :mod:`~smishguard.domains.context`).
    """
    flat = name.flat
    shown = candidate
    strict = True
    look_alike = False
    edits = distance(candidate, flat) if candidate[0] == flat[0] else _FAR
    if edits == 0:
        return None
    if edits > name.max_typos or (edits == 2 and not keyword):
        folded = _folded_slip(name, candidate)
        if folded is None:
            return None  # two edits alone reach too many real names (salesfire, sourcefire)
        candidate, flat, edits, look_alike = folded, name.skeleton, 2, True
    if any(c.isdigit() for c in candidate) and not any(c.isdigit() for c in flat):
        strict = False  # digits added are versions and mirrors (xvideos2), not typos
    edit = describe_edit(candidate, flat)
    # Two letters of an initialism of four swapped (at most one vowel: usps, smbc, cnet) is
    # mostly another initialism (ussp, smcb, cnte): only where phishing sites live, or beside
    # a keyword. A word's (amce for acme) is no other word.
    acronym_swap = (edit == "transposition" and len(flat) <= 4 and not keyword
                    and sum(c in "aeiou" for c in flat) <= 1)
    if acronym_swap or (not keyword and _same_sound(candidate, flat)):
        strict = False
    if edit == "omission" and len(flat) <= _OMISSION_SHORT and not keyword:
        strict = False  # a short name with a letter left out is mostly another name (klara,
        # telkom, docer for Klarna, Telekom, Docker)
    if edit == "addition" and candidate[-1] in "s0123456789":
        return None  # a plural or a version is usually a site of its own (livescores)
    if edit not in ("transposition", "repetition"):
        if len(flat) < 6 or candidate[:2] != flat[:2]:
            strict = False  # the distinctive head of a name (al-icdn, ms-edge) stays put
        elif candidate[-1] != flat[-1] and edit != "addition":
            strict = False  # endings vary for real (posti, kohlr, xvideo): the last letter stays
        elif (edit == "addition" and candidate[:-1] == flat and not keyword
              and (len(flat) < 8 or name.strength == Strength.WORD)):
            strict = False  # so do a short name's or a word's with a letter added (tiktokv,
            # trezorx, singulart)
    if not strict and not (loose and (name.typo_strength == Strength.STRONG or acronym_swap)):
        return None
    if look_alike:
        edit += LOOK_ALIKE
    kind = ImitationKind.TYPO_KEYWORD if keyword else ImitationKind.TYPO
    score = typo_score(name.typo_strength, edits, keyword)
    if not strict:
        return Hit(0.0, kind, name, shown, keyword=keyword, edit=edit, boost=score - 0.1,
                   needs=PLACE)  # fmt: skip
    return Hit(score, kind, name, shown, keyword=keyword, edit=edit)


_FAR: Final = 99  # edits of a candidate whose first letter is not the name's: never a typo
# A name of this many letters or fewer with a letter left out counts only where phishing
# sites live or beside a keyword.
_OMISSION_SHORT: Final = 7
# Letters of one sound, which languages spell a word with in turn: c and k (spectrum and
# Spektrum), b and v (libre and livre).
_SAME_SOUND: Final = (frozenset("ck"), frozenset("bv"))


def _same_sound(candidate: str, flat: str) -> bool:
    """Whether ``candidate`` is ``flat`` with one letter written as another of the same sound
    (:data:`_SAME_SOUND`), as other languages spell a word (``spektrum``, ``telecom`` for
    Telekom, ``mercadolivre``, Mercado Libre's name in Portuguese), so it counts only where
    phishing sites live or beside a keyword."""
    if len(candidate) != len(flat):
        return False
    changed = [frozenset((a, b)) for a, b in zip(candidate, flat, strict=True) if a != b]
    return len(changed) == 1 and changed[0] in _SAME_SOUND


def _folded_slip(name: BrandName, candidate: str) -> str | None:
    """``candidate`` with its look-alike letters read as the letters they imitate, when so it
    is one slip from ``name``, a distinctive name (or an everyday word) of 8 letters or more:
    ``teiegrma`` for telegram, ``c0inbaes`` for coinbase. Shorter names stay out: folded,
    ``netfilm`` is a slip from netflix (an i and an l swapped fold alike) and ``aivcdn`` one
    from alicdn."""
    if name.typo_strength != Strength.STRONG or len(name.flat) < 8:
        return None
    folded = skeleton(candidate)
    if folded == candidate or folded[0] != name.skeleton[0]:
        return None
    return folded if distance(folded, name.skeleton) == 1 else None


def find_typo(
    read: Reading, names: NameTable, words: Words, keywords: Keywords, loose: bool = False
) -> Hit | None:
    """The best typo of a brand name in a label: the whole label, a token beside keywords
    and words that spell a host out (``www-twiilio``, ``twiilio-com``), or the label without
    its leading or trailing keywords (``twiiliosso``); ``loose`` as in
    :func:`typo_hit` (then the cheap gate on the first and last letters is skipped)."""
    text, tokens, flat, orig, _, _ = read
    # Each candidate is gated (cheap set lookups) before the keywords beside it are read.
    best: Hit | None = None
    if tokens is not None and len(tokens) > 1:
        best = _typo_in(flat, orig, "", names, words, loose, best)
        originals = [t for t in text.split("-") if t]
        for j, token in enumerate(tokens):
            written = originals[j]
            if not (_may_be_typo(written, names, loose) or _may_be_stretched(written, names)
                    or _may_be_folded_typo(token, written, names, loose)):  # c0inbse
                continue
            keyword: str | None = ""
            tag = ""
            for k, other in enumerate(tokens):
                if k != j:
                    word = keywords.read(other)
                    if word is None:
                        if other in FILLER_WORDS or (k < j and is_slipped_filler(other)):
                            continue  # www-coinbse, coinbasse-com: the host spelled out;
                            # wwv-robloxx: www mistyped, as kits write it
                        if len(other) <= 2 and len(token) >= 6:
                            continue  # to-telegarm, whtasapp-kp, allergro-86: a tag too short
                            # to be a name
                        if (not tag and len(other) <= 4 and len(token) >= TAGGED_NAME - 1
                                and originals[k].isalpha() and not words.is_word(originals[k])):
                            tag = originals[k]  # ncli-whatsepp: a tag, if a long name's slip
                            continue
                        break
                    keyword = keyword or word
            else:
                if tag:
                    tagged = _tagged(_typo_in(token, originals[j], "", names, words, False, None),
                                     originals[j], tag)  # fmt: skip
                    if tagged is not None and (best is None or _stronger(tagged, best)):
                        best = tagged
                    continue
                best = _typo_in(token, originals[j], keyword or "", names, words, loose, best)
                continue
            if loose:
                best = _beside_typo(token, originals[j], names, words, best)
        return best
    best = _typo_in(flat, orig, "", names, words, loose, best)
    if len(orig) > 6:
        for core, keyword in keywords.peel(orig):
            if _may_be_typo(core, names, loose):
                best = _typo_in(skeleton(core), core, keyword, names, words, loose, best)
    if best is None and len(orig) > TAGGED_NAME:
        best = _typo_tagged(orig, names, words, keywords)
    return best


# A long distinctive name mistyped with a short tag run on or beside it (whatsapwacs,
# ncli-whatsepp): a kit's numbered copies. Tags this long, and the slips that keep the name's
# letters in their order (not an added or changed letter: springserve, economictimes).
_TAG_SIZES: Final = (2, 3, 4)
_TAGGED_EDITS: Final = frozenset(("omission", "vowel-swap", "transposition"))


def _tagged(hit: Hit | None, written: str, tag: str) -> Hit | None:
    """``hit`` with ``tag`` beside it, when it is a slip of a long distinctive name that a
    tag may follow (a letter left out, a vowel changed or two letters swapped, the name not
    whole in ``written``): 0.45 anywhere; else None."""
    if (hit is None or hit.score <= 0 or hit.edit not in _TAGGED_EDITS
            or len(hit.name.flat) < TAGGED_NAME or hit.name.typo_strength != Strength.STRONG
            or hit.name.flat in written):  # fmt: skip
        return None
    return Hit(Scores.TYPO_TAGGED, hit.kind, hit.name, hit.matched, keyword=tag,
               edit=hit.edit + TAGGED)  # fmt: skip


def _typo_tagged(orig: str, names: NameTable, words: Words, keywords: Keywords) -> Hit | None:
    """A chosen label of letters that is a typo of a distinctive name of 8 letters or more,
    the name not written whole in it, with a tag of 2-4 letters that is no word run on after
    it (``whatsapwacs``: whatsapp with a letter left out, then ``wacs``); suspicious anywhere.
    Not when the label reads as English words and keywords (``coursearc``, ``mediatakeout``)."""
    heads, head, length = names.tagged_heads, orig[:2], len(orig)
    for size in _TAG_SIZES:
        if (head, orig[length - size - 1], length - size) not in heads:
            continue  # the cheap gate first: most labels stop here
        if not orig.isalpha():
            return None
        core, tag = orig[:-size], orig[-size:]
        if words.is_word(tag):
            continue
        hit = _tagged(_typo_in(skeleton(core), core, "", names, words, False, None), orig, tag)
        if hit is not None:
            return None if keywords.read_words(orig, words) is not None else hit
    return None


def is_slipped_filler(part: str) -> bool:
    """Whether ``part`` (a skeleton, in front of a name) is www or https mistyped: w and v
    only (``wvwv``, ``vww``: vv reads as w), or two slips from https with its ``tp`` or ``tt``
    (``hhtpps``, ``iihttps``, ``httpp``), perhaps with www after it (``httpsswww``)."""
    if 3 <= len(part) <= 5 and part.count("w") >= 2 and not part.replace("w", "").replace("v", ""):
        return True
    if part.endswith("www"):
        part = part[:-3]
    return 4 <= len(part) <= 8 and ("tp" in part or "tt" in part) and distance(part, "https") <= 2


def _may_be_typo(core_orig: str, names: NameTable, loose: bool) -> bool:
    """Whether any name allows a typo that could be ``core_orig`` (NameTable's gates)."""
    size = len(core_orig)
    if size < 4:
        return False
    heads = names.typo_heads
    start = core_orig[:2]
    if (start, core_orig[-1], size) in heads or (start, "+" + core_orig[-2], size) in heads:
        return True
    if not loose:
        return False  # no name this could be a typo of, by the typo_hit rules
    size_key = str(size)
    wide = names.loose_heads
    return (start, size_key) in wide or (core_orig[0], core_orig[-1], size_key) in wide


def _may_be_folded_typo(core: str, core_orig: str, names: NameTable, loose: bool) -> bool:
    """Whether ``core``, the skeleton of ``core_orig``, passes the gates that the letters as
    written did not (``c0inbaes``, :func:`_folded_slip`): only a label of 7 letters or more
    whose folds changed its length or the letters the gates read can."""
    size = len(core)
    if size < 7 or core == core_orig:
        return False
    if (size == len(core_orig) and core[0] == core_orig[0] and core[1] == core_orig[1]
            and core[size - 1] == core_orig[size - 1] and core[size - 2] == core_orig[size - 2]):
        return False  # the gates read the same letters
    return _may_be_typo(core, names, loose)


def _typo_in(
    core: str, core_orig: str, keyword: str, names: NameTable, words: Words, loose: bool,
    best: Hit | None,
) -> Hit | None:  # fmt: skip
    """``best``, or a stronger typo hit on ``core`` (a skeleton; ``core_orig`` as written)."""
    best = _stretched(core_orig, keyword, names, best)
    if loose and len(core_orig) >= 9 and core_orig[-1] == "s":
        best = _plural(core, core_orig, keyword, names, words, best)
    if not _may_be_typo(core_orig, names, loose) and not _may_be_folded_typo(
            core, core_orig, names, loose):
        return best
    if core in names.by_skeleton or words.is_word(core_orig):
        return best
    # The first letter is never the mistyped one, so it is never deleted.
    keys = [core[:i] + core[i + 1 :] for i in range(1, len(core))]
    keys.append(core)
    # Sorted: the first of equally strong typos wins, the same one in every run (set order
    # changes with the process's string hashing).
    for key in sorted(names.delete_keys.intersection(keys)):
        for name in names.deletes[key]:
            hit = typo_hit(name, core_orig, keyword, loose)
            if hit is not None and (best is None or _stronger(hit, best)):
                best = hit
    return best


def _plural(
    core: str, core_orig: str, keyword: str, names: NameTable, words: Words, best: Hit | None
) -> Hit | None:
    """``best``, or where phishing sites live a long distinctive name, or its typo, made
    plural (``telegrams.fit``, ``telegrcams.club``): weak evidence, as a plural is mostly a
    site of its own elsewhere (``livescores``)."""
    stem = core[:-1]
    name = names.by_skeleton.get(stem)
    edit = "plural"
    if name is None:
        edit = "plural-typo"
        typo = _typo_in(stem, core_orig[:-1], keyword, names, words, False, None)
        if typo is None or typo.score <= 0:
            return best
        name = typo.name
    if not _takes_plural(name):
        return best
    kind = ImitationKind.TYPO_KEYWORD if keyword else ImitationKind.TYPO
    hit = Hit(0.0, kind, name, core_orig, keyword=keyword, edit=edit,
              boost=typo_score(name.typo_strength, 1, keyword) - 0.1, needs=PLACE)  # fmt: skip
    return hit if best is None or _stronger(hit, best) else best


def _takes_plural(name: BrandName) -> bool:
    """Whether a plural of ``name`` is read as it: a name of 8 letters or more that takes
    typos and does not end in s (``telegrams``; not ``xnxxs`` nor ``vans``)."""
    return len(name.flat) >= 8 and name.typo_strength == Strength.STRONG and name.flat[-1] != "s"


def _stretched(core_orig: str, keyword: str, names: NameTable, best: Hit | None) -> Hit | None:
    """``best``, or a name that takes typos stretched by two or three repeated letters
    (``paaypaal``, ``telegraamm``, ``innstagramm``): two edits the deletion index refuses
    alone, but repetitions keep every letter of the name in its place. One repetition is an
    ordinary typo; popular names stretched so are parodies (a google with sixty o's)."""
    if not _may_be_stretched(core_orig, names):
        return best
    name = names.stretched.get(collapse_runs(core_orig))
    if name is None:
        return best
    extra = stretched_by(core_orig, name.flat)
    if not 2 <= extra <= 3:
        return best
    kind = ImitationKind.TYPO_KEYWORD if keyword else ImitationKind.TYPO
    hit = Hit(typo_score(name.typo_strength, extra, keyword), kind, name, core_orig,
              keyword=keyword, edit="repetition")  # fmt: skip
    return hit if best is None or _stronger(hit, best) else best


def _may_be_stretched(core_orig: str, names: NameTable) -> bool:
    """Whether a name stretched by repeated letters could be ``core_orig``: a set lookup."""
    return len(core_orig) > 6 and (
        (core_orig[:2], core_orig[-1], len(core_orig)) in names.stretched_ends
    )


def _beside_typo(
    core: str, core_orig: str, names: NameTable, words: Words, best: Hit | None
) -> Hit | None:
    """``best``, or a typo of a distinctive name beside words that are not keywords
    (``en-trezoor``, ``support-ledgmr-com``): weak evidence, raised only where phishing sites
    live (the caller's ``loose``), as a distinctive name beside such words."""
    hit = _typo_in(core, core_orig, "", names, words, False, None)
    if hit is None or hit.score <= 0 or hit.name.typo_strength != Strength.STRONG:
        return best
    weak = Hit(0.0, hit.kind, hit.name, hit.matched, keyword=hit.keyword, edit=hit.edit,
               boost=Scores.CONTEXT[Strength.STRONG], needs=PLACE)  # fmt: skip
    return weak if best is None or _stronger(weak, best) else best


def _stronger(hit: Hit, best: Hit) -> bool:
    return hit.score > best.score or (hit.score == best.score and hit.boost > best.boost)


def beside_hit(
    name: BrandName, tokens: list[str] | None, start: int, end: int, orig: str, sub: bool,
    words: Words, signed_in: str = "",
) -> Hit | None:  # fmt: skip
    """A brand beside words that are not keywords (``coinbase-cancel-withdrawal``), beside
    serials (``att-208461``) or glued into a longer word (``uniswaptraderz``). ``signed_in``:
    the sign-in word run on right before the name, if any (``login`` of ``loginmlcrosoft365``).

    Weak evidence: real names have these shapes too (``google-analytics.com``), so the
    score stays below "suspicious" unless the host is in a phishing-like place
    (:mod:`~smishguard.domains.context`), and is 0 (no imitation) for the shapes that are
    mostly versions and regions (``paypal-2.com``) or for weak names.
    """
    strength = name.strength
    own = tokens is not None and on_boundaries(tokens, start, end)
    if name.flat not in orig:
        # look-alike letters: a distinctive name (or an everyday word of 8 letters or more,
        # as for typos) so spelled is its look-alike, as a token of its own or at the head
        # of a longer one; spread over tokens (l-cloud) only where phishing sites live
        strength = name.typo_strength
        if strength < Strength.STRONG:
            return None
        if not own:
            return _look_alike_glued(name, tokens, start, end, orig, words, signed_in)
        assert tokens is not None
        written = written_tokens(tokens, orig)  # rn -> m, cl -> d change lengths
        k = token_starting_at(tokens, start)
        if k < 0 or written is tokens:  # not matched to its letters: shown whole, no tags
            shown, others = orig, None
        else:
            shown, others = written[k], written[:k] + written[k + 1 :]
            if not reads_as(shown, name.flat):
                return None  # a look-alike of a look-alike
        if others is not None and all(w.isdigit() or len(w) <= 3 for w in others):
            # beside numbers or tags only (mlcrosoft-365, teiegram-qi, lcloud-fmi): the
            # look-alike is the name, read as written
            return Hit(Scores.HOMOGLYPH[strength] - 0.1, ImitationKind.HOMOGLYPH, name, shown)
        if k >= 0 and tokens[k] == name.skeleton:  # beside words (rnicrosoft-exchange)
            return Hit(Scores.HOMOGLYPH_BESIDE[strength], ImitationKind.HOMOGLYPH, name, shown)
        boost = in_subdomain(Scores.CONTEXT[strength], sub)
        return Hit(0.0, ImitationKind.HOMOGLYPH, name, shown, edit="beside", boost=boost,
                   needs=PLACE)  # fmt: skip
    if not own:
        # glued: the brand's domain run together (uspscom-…) or a distinctive name
        # inside a longer token; never a weak name, never a known word (steamboat), nor
        # inside one (burbankwelcomed)
        token = _token_at(tokens, start, end, orig)
        if token is None:
            return None
        plural = _plural_beside_tags(name, tokens, token)
        if plural is not None or words.is_word(token):
            return plural
        at = token.find(name.flat)
        if at >= 0 and words.in_longer_word(token, at, at + len(name.flat), 4, longer=2):
            return None  # inside a longer word (welcomed, pineapple; not shawl|ogin)
        # its domain run together (ledgercom, attnet) counts as its domain spelled out, even
        # where the ending is an English word (net)
        spelled = token[len(name.flat) :] in TLD_WORDS and token.startswith(name.flat)
        glued = name.typo_strength
        if glued < Strength.STRONG and not spelled and not _glued_head(name.flat, token, words):
            return None  # a short name glues only to the head of junk (uspsqwzye, uspscom)
        if len(name.flat) <= _INNER_SHORT and _strictly_inside(token, at, len(name.flat)):
            return None  # inside a longer token: another word's letters (comedy, pagoda)
        boost = in_subdomain((Scores.CONTEXT if spelled else Scores.GLUED)[glued], sub)
        # a kit's serial number glued to a distinctive name (283776coinbase, tiktok4345)
        # counts as a serial does anywhere; fewer digits after a name are mostly versions
        # (microsoft365)
        numbered = strength == Strength.STRONG and _numbered(token, name.flat)
        return Hit(0.0, ImitationKind.KEYWORD, name, name.text, keyword=token, edit="beside",
                   boost=boost, needs=SERIAL if numbered else PLACE)  # fmt: skip
    assert tokens is not None
    written = written_tokens(tokens, orig)
    others = [w for w, t in zip(written, tokens, strict=True) if t != name.skeleton]
    if not others:
        return None
    junk = all(len(t) < 3 or any(c.isdigit() for c in t) for t in others)
    base = 0.0 if junk or sub else Scores.BESIDE[strength]
    boost = in_subdomain(Scores.CONTEXT[strength], sub)
    keyword = next((w for w in others if not any(c.isdigit() for c in w)), others[0])
    # Words beside a distinctive name, in the chosen label or a subdomain, need a sign-in
    # word somewhere in the host (active-paypal.accounts-admin-bureau.com); serials in the chosen
    # label and weak names a serial number or a phishing-like place.
    distinctive = strength >= Strength.SHORT
    needs = POINTED if distinctive and (base > 0 or sub) else SERIAL
    return Hit(base, ImitationKind.KEYWORD, name, name.text, keyword=keyword, edit="beside",
               boost=boost, needs=needs)  # fmt: skip


# A distinctive name of this many letters or fewer glued into a longer token counts only at
# its head or its end: strictly inside, it is mostly letters of other words (comedy holds
# ComEd, pagoda agoda, voriconazole Orico).
_INNER_SHORT: Final = 5


def _strictly_inside(token: str, at: int, size: int) -> bool:
    """Whether the name of ``size`` letters at ``at`` of ``token`` (-1: not whole in it)
    neither opens nor ends it (its domain written out after it, ``…gmailcom``, ends it too)."""
    end = at + size
    return at != 0 and end < len(token) and token[end:] not in TLD_WORDS


def written_tokens(tokens: list[str], orig: str) -> list[str]:
    """The tokens (skeletons) as written in ``orig``, the label without its hyphens: folding
    may shorten a token (``icloud`` is ``ldoud``: cl reads as d), so each is matched to the
    letters whose skeleton it is; ``tokens`` itself where that fails."""
    written: list[str] = []
    pos = 0
    if sum(len(token) for token in tokens) == len(orig):  # nothing folded: the same lengths
        for token in tokens:
            written.append(orig[pos : pos + len(token)])
            pos += len(token)
        return written
    for token in tokens:
        stop = pos + len(token)
        while stop <= len(orig) and skeleton(orig[pos:stop]) != token:
            if stop >= pos + 2 * len(token):
                return tokens
            stop += 1
        if stop > len(orig):
            return tokens
        written.append(orig[pos:stop])
        pos = stop
    return written if pos == len(orig) else tokens


def written_span(orig: str, flat: str, start: int, end: int) -> str | None:
    """The letters of ``orig`` (a label as written, without hyphens) whose skeleton is
    ``flat[start:end]``, ``flat`` being ``orig``'s skeleton: folding may shorten letters
    (``lcloud`` is ``ldoud``, ``phantorn`` is ``phantom``), so the positions differ; None when
    no such letters are found."""
    head, want = flat[:start], flat[start:end]
    for a in range(start, min(len(orig), 2 * start) + 1):
        if skeleton(orig[:a]) != head:
            continue
        for b in range(a + len(want), min(len(orig), a + 2 * len(want)) + 1):
            if skeleton(orig[a:b]) == want:
                return orig[a:b]
    return None


def _look_alike_glued(
    name: BrandName, tokens: list[str] | None, start: int, end: int, orig: str, words: Words,
    signed_in: str,
) -> Hit | None:  # fmt: skip
    """A distinctive name in look-alike letters at the head of a token, or right after a
    sign-in word run on before it (``signed_in``: ``loginmlcrosoftonline365``,
    ``companyloginmlcrosoftonlineservices``), with three letters or more glued after it
    (``tlktokshop``, ``fideiltyprgwc``), read as the look-alike. Not inside other words
    (``visitscotland`` holds scotia's look-alike).

    Not when a folded letter ends the name (``openalex``, ``deepin`` would be OpenAI and
    DeepL), nor for a name whose folds change its length (``cisco`` folds to ``dsco``, which
    ``dscore`` opens with), nor a word or a name with a letter or two more (``baldur``).
    """
    token = _token_at(tokens, start, end, orig)
    if token is None or len(token) < end - start + 3 or words.is_word(token):
        return None
    if not signed_in and (start != 0 if tokens is None else token_starting_at(tokens, start) < 0):
        return None
    span = orig[start:end]
    flat = name.flat
    if span[-1] != flat[-1] or len(name.skeleton) != len(flat) or not reads_as(span, flat):
        return None
    return Hit(Scores.HOMOGLYPH_BESIDE[Strength.STRONG], ImitationKind.HOMOGLYPH, name, span,
               keyword=signed_in)  # fmt: skip


def token_starting_at(tokens: list[str], at: int) -> int:
    """The index of the token that starts at ``at`` of the joined tokens, or -1."""
    pos = 0
    for k, token in enumerate(tokens):
        if pos == at:
            return k
        pos += len(token)
    return -1


def _numbered(token: str, flat: str) -> bool:
    """Whether ``token`` is the name ``flat`` and a serial of 4 digits or more, either side."""
    serial = token[: len(token) - len(flat)]
    if len(serial) >= 4 and serial.isdigit() and token.endswith(flat):
        return True
    serial = token[len(flat) :]
    return len(serial) >= 4 and serial.isdigit() and token.startswith(flat)


def _plural_beside_tags(name: BrandName, tokens: list[str] | None, token: str) -> Hit | None:
    """A name of 8 letters or more that takes typos, made plural beside tags only
    (``telegrams-mw``, ``m-facebooks``) or with a copy number (``whatsapps2``): the way kits
    number their copies. Anywhere, as brands write no plural of their name beside a region
    (a plural alone is mostly a site of its own, ``livescores``: see :func:`_plural`)."""
    flat = name.flat
    if not _takes_plural(name) or not token.startswith(flat + "s"):
        return None
    copy = token[len(flat) + 1 :]
    if copy:
        tagged = len(copy) <= 3 and copy.isdigit()
    else:
        # the plural is the one token that is no tag (tokens are skeletons: colnbases)
        tagged = tokens is not None and len(tokens) > 1 and sum(
            1 for t in tokens if len(t) > 3 and not any(c.isdigit() for c in t)
        ) == 1
    if not tagged:
        return None
    return Hit(Scores.PLURAL_TAGGED, ImitationKind.TYPO, name, flat + "s", edit="plural")


def _token_at(tokens: list[str] | None, start: int, end: int, orig: str) -> str | None:
    """The token (as written) that holds [start, end) of the joined tokens, with the
    brand's start at its own start or its end at its own end; None when it spans two."""
    if tokens is None:
        return orig if len(orig) >= end else None
    pos = 0
    for token in tokens:
        nxt = pos + len(token)
        if pos <= start and end <= nxt:
            return orig[pos:nxt] if len(orig) >= nxt else token
        pos = nxt
    return None


def glued_head_hit(names: NameTable, orig: str, words: Words) -> Hit | None:
    """A 3-letter name at the head of a one-word label that is not a word (``dhlqvx``):
    weak evidence raised only where phishing sites live (the caller checks the place too).
    A name that is a word itself (sky, ups, one) heads made-up names for real (``skyexch``,
    ``upstox``, ``onegg``): there only with a kit's serial of three digits (``sky744``)."""
    name = names.tiny.get(orig[:3])
    if name is None or len(orig) < 5 or not _glued_head(name.flat, orig, words):
        return None
    if words.is_word(name.flat) and sum(c.isdigit() for c in orig) < 3:
        return None
    return Hit(0.0, ImitationKind.KEYWORD, name, name.text, keyword=orig, edit="beside",
               boost=Scores.GLUED[Strength.TINY], needs=PLACE)  # fmt: skip


def glued_words_hit(
    names: NameTable, token: str, words: Words, keywords: Keywords
) -> Hit | None:  # fmt: skip
    """On a free host, a 3-letter name that is no English word at either end of a tenant's
    token, the rest English words or keywords, perhaps with a kit's number (``futurehomeatt``,
    ``homemailatt-108467``, ``attmessage``, ``currently78att``), or between such words when
    the token does not read as words across it (``servicesattupdate``; not ``combat|tone``),
    nor a word holds it: weak evidence raised only
    there (the caller checks the place). Not a word (``combat``), nor the name inside a word
    of 5 letters or more that ends or opens the token (``attachedpierce``,
    ``splinterlaughed``), nor a word with its last letter doubled (``wombatt``), nor a domain
    written out (``acmefoodsdhl-com``: the caller skips a token before a top-level word)."""
    letters = token.translate(_NO_DIGITS) if not token.isalpha() else token
    size = len(letters)
    if size < 7 or not letters.isalpha() or words.is_word(letters):
        return None
    is_word = words.is_word
    tail = names.tiny.get(letters[-3:])
    if tail is not None and not (is_word(letters[:-1])
                                 or any(is_word(letters[i:]) for i in range(size - 4))):
        found = _beside_words(tail, letters[:-3], token, words, keywords)
        if found is not None:
            return found
    head = names.tiny.get(letters[:3])
    if head is not None and not any(is_word(letters[:i]) for i in range(5, size)):
        found = _beside_words(head, letters[3:], token, words, keywords)
        if found is not None:
            return found
    middle = size >= 9 and keywords.read_words(letters, words) is None  # befogs|coaching
    for at in range(3, size - 5) if middle else ():  # between words (servicesattupdate)
        inner = names.tiny.get(letters[at : at + 3])
        if (inner is not None and not is_word(inner.flat)
                and keywords.read_words(letters[:at], words) is not None
                and not words.holds(letters, at, at + 3, 4)):  # fmt: skip
            found = _beside_words(inner, letters[at + 3 :], token, words, keywords)
            if found is not None:
                return found
    return None


def _beside_words(
    name: BrandName, rest: str, token: str, words: Words, keywords: Keywords
) -> Hit | None:  # fmt: skip
    """:func:`glued_words_hit` for one end: ``name`` no word, ``rest`` words or keywords."""
    if words.is_word(name.flat) or keywords.read_words(rest, words) is None:
        return None
    return Hit(0.0, ImitationKind.KEYWORD, name, name.text, keyword=token, edit="beside",
               boost=Scores.GLUED[Strength.TINY], needs=PLACE)  # fmt: skip


_NO_DIGITS: Final = str.maketrans("", "", "0123456789")


def _glued_head(flat: str, token: str, words: Words) -> bool:
    """``token`` is the name glued to junk or to "com" (uspsqwzye, uspscom), not a word, nor
    the name beside a word (metahub, olxtoto: real sites name themselves so), nor the head of
    a longer word that opens the token (scorecardresearch, bamboohr: sco and bam are no
    names there)."""
    if not token.startswith(flat) or words.is_word(token):
        return False
    rest = token[len(flat) :]
    if rest.startswith("com"):
        return True
    if words.is_word(rest):
        return False
    return not any(words.is_word(token[:end]) for end in range(len(flat) + 2, len(token)))

"""How one brand name found in one label is judged, and which of two hits wins.

The look-alike index (:mod:`~smishguard.domains.lookalike`) finds brand names in the chosen
label and the subdomain scan (:mod:`~smishguard.domains.subdomains`) in the labels in front of
it; both judge what they found with the same :class:`NameRules`: the name as the whole label
(another suffix, look-alike characters, a hyphen added) or inside it beside keywords, fillers
or other words. The rules are documented in the index's module docstring.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from smishguard.domains.brandnames import BrandName, GluedNames, NameTable, Strength
from smishguard.domains.context import PLACE, is_risky_tld
from smishguard.domains.homoglyphs import borrows_letters, reads_as, skeleton
from smishguard.domains.keywords import Keywords
from smishguard.domains.labels import (
    HOST_FILLERS,
    IN_FRONT,
    OWN_SITE_WORDS,
    TLD_WORDS,
    Reading,
    as_shown,
    on_boundaries,
)
from smishguard.domains.lookalike_hits import (
    Hit,
    Scores,
    beside_hit,
    in_subdomain,
    is_slipped_filler,
    token_starting_at,
    written_span,
    written_tokens,
)
from smishguard.domains.suffixes import INFRA_STEMS
from smishguard.domains.words import Words
from smishguard.model import ImitationKind
from smishguard.policy import Brand

# The endings a kit runs a brand's domain together with, in one token (coinbasecom): not
# two letters, which end words (binges, skates).
_GLUED_ENDINGS: Final = frozenset(("com", "net", "org"))
# Tags glued to a name that name products and services, not a kit's copies (characterai,
# intercomcdn).
_PRODUCT_TAGS: Final = frozenset(("ai", *(stem for stem in INFRA_STEMS if len(stem) <= 3)))
_K = ImitationKind
_OWN_SITE_WORDS: Final = frozenset(skeleton(word) for word in OWN_SITE_WORDS)
# A subdomain label that is a brand's domain without its dot (paypalcom): the subdomain scan
# reads it only right in front of the chosen label (deeper, it is a CDN's CNAME).
RUN_TOGETHER: Final = "run-together"
_S = Strength


class NameRules:
    """The tables a name is judged with, built once per policy by the index."""

    __slots__ = ("keywords", "names", "own_endings", "owned", "pretexts", "words")

    def __init__(
        self, names: NameTable, keywords: Keywords, owned: Mapping[str, Brand], words: Words
    ) -> None:
        self.names = names
        self.keywords = keywords
        self.owned = owned
        self.words = words
        # Brands that are also keywords (okta, office, azure) are the pretext when another
        # brand stands beside them: acme.okta-login.co imitates Acme, not Okta.
        self.pretexts = frozenset(
            n for n in names.by_skeleton.values() if n.skeleton in keywords.originals
        )
        # Each name with the top-level label of one of its brand's domains (darb.ae for
        # darb.itc.gov.ae): the endings a kit may write after the name as the brand's own.
        self.own_endings = frozenset(
            f"{n.flat}.{domain.rsplit('.', 1)[-1]}"
            for n in names.by_skeleton.values()
            for domain in n.brand.domains
        )

    def better(self, best: Hit | None, hit: Hit | None) -> Hit | None:
        """The stronger of two hits; a pretext brand (okta) yields to any other brand."""
        if hit is None:
            return best
        if best is None:
            return hit
        if best.score <= 0 or hit.score <= 0:  # pending its context: any real hit wins
            if best.score > 0 or hit.score > 0:
                return best if best.score > 0 else hit
            return hit if hit.boost > best.boost else best
        if (best.name in self.pretexts) != (hit.name in self.pretexts):
            return best if hit.name in self.pretexts else hit
        return hit if hit.score > best.score else best

    def whole(
        self, name: BrandName, label: str, read: Reading, free: bool, tld: str
    ) -> Hit | None:
        """``name`` is the whole chosen label, perhaps in look-alike characters."""
        text, _, _, orig, shown, uni = read
        strength = name.strength
        if not uni and orig == name.flat:
            if text == name.text:  # as read: an underscore is a hyphen (trust_wallet)
                if free:
                    if strength < _S.SHORT:
                        return None
                    score = Scores.FREE_HOST[strength]
                    return Hit(score, _K.SUBDOMAIN, name, label, edit="free-host")
                kind = _K.ALIAS if name.is_alias else _K.TLD_SWAP
                # Elsewhere than the cheap endings phishing uses (.xyz, .top, .cc) the name is
                # mostly the brand's own (google.de, amazon.jobs, spotify.dev) or a namesake.
                if not is_risky_tld(tld):
                    table = Scores.ALIAS_ESTABLISHED if name.is_alias else Scores.TLD_ESTABLISHED
                else:
                    table = Scores.ALIAS if name.is_alias else Scores.TLD_SWAP
                return Hit(table[strength], kind, name, label)
            if name.typo_strength < _S.SHORT or text.count("-") <= name.text.count("-"):
                return None  # a hyphen added (pay-pal); one dropped is often another site
            return Hit(Scores.TYPO[name.typo_strength], _K.TYPO, name, label, edit="hyphenation")
        # Letters no Latin alphabet writes words with settle what the name alone cannot: a
        # word name is the word (café is French), a 3-letter name anyone's initials, unless
        # spelled in another script's look-alikes among Latin letters (аtt, Cyrillic а).
        borrowed = uni and borrows_letters(shown)
        if strength == _S.TINY and not (borrowed and _mixes_latin(shown)):
            return None
        if strength == _S.WORD and not borrowed and self.words.is_word(orig):
            return None
        if not reads_as(orig, name.flat):
            return None  # a look-alike of a look-alike (dtl is not citi)
        table = Scores.UNICODE if uni else Scores.HOMOGLYPH
        return Hit(table[strength], _K.HOMOGLYPH, name, shown)

    def inside(
        self, name: BrandName, flat: str, start: int, end: int, tokens: list[str] | None,
        orig: str, uni: bool, sub: bool, shown: str = "",
    ) -> Hit | None:  # fmt: skip
        """``name`` at [start, end) of a label's skeleton ``flat``, with other letters beside
        it; ``sub`` when the label is a subdomain label rather than the chosen one; ``shown``
        the label as people see it, when it is Unicode (its letters, in the reason)."""
        strength = name.strength
        delimited = tokens is not None and on_boundaries(tokens, start, end)
        if not delimited and tokens is not None and strength >= _S.SHORT:
            # a distinctive name run together with sign-in words in one token among others
            # (paypallogin-2024): read as written apart (paypal-login-2024)
            apart = self._keywords_glued_apart(tokens, start, end)
            if apart is not None:
                return self.inside(name, flat, start, end, apart, orig, uni, sub, shown)
        if (not delimited and tokens is not None and name.typo_strength >= _S.SHORT
                and len(orig) == len(flat)):  # fmt: skip
            split = self._split_by_hyphen(name, tokens, start, end, orig)
            if split is not None:
                return split
        if sub and tokens is None and start == 0 and orig[end:] in TLD_WORDS:
            # its domain run together in front of someone else's (paypalcom.x.net)
            domain = f"{name.flat}.{orig[end:]}"
            if strength >= _S.SHORT or domain in self.owned:
                return Hit(Scores.SPELLED[strength] - 0.03, _K.SUBDOMAIN, name, domain,
                           edit=RUN_TOGETHER)  # fmt: skip
        if strength <= _S.WORD and not delimited:
            # Weak evidence: its domain run together as a token (attcom-206482), or an
            # everyday word of 8 letters or more glued into a longer word, as a distinctive
            # name is (fidelitysummary.click), but not beside digits, which are mostly
            # versions and mirrors (bookmark4you); or such a word made plural as a token
            # (telegrams-mw), which beside tags only is a kit's copy
            long_word = name.typo_strength == _S.STRONG
            glued_word = tokens is None and long_word and orig.isalpha()
            plural = tokens is not None and long_word and name.flat + "s" in tokens
            if not (glued_word or plural) and (
                tokens is None or not _spells_domain(name.flat, tokens, start)
            ):
                return None
            return beside_hit(name, tokens, start, end, orig, sub, self.words)
        keyword = filler = ""
        pointed = strength > _S.WORD  # weak names need a pointed keyword (login, not office)
        after = flat[end:]
        if delimited or (tokens is None and len(orig) == len(flat)):
            # digits fold one to one (1 as l): the serial ends flat as it ends orig
            serial = len(orig) - len(orig.rstrip("0123456789"))
            if 0 < serial <= 2 and len(after) > serial + 1 and orig[-serial - 1].isalpha():
                after = after[:-serial]  # a kit's copy number (acme-login2, acme-us3)
        for in_front, part in ((False, after), (True, flat[:start])):
            if not part:
                continue
            word = self.keywords.read(part)
            if word is not None:
                keyword = keyword or word
                pointed = pointed or self.keywords.is_pointed(part)
                continue
            spelled = self.keywords.read_fillers(part) if delimited else None
            if (spelled is None and sub and delimited and not in_front
                    and f"{name.flat}.{part}" in self.own_endings):
                spelled = part  # the ending of one of its own domains (olx-pl for olx.pl)
            if spelled is None and delimited and not in_front and tokens is not None:
                tld, rest = _domain_then_more(tokens, end)
                if tld:
                    word = self.keywords.read(rest)
                    if word is not None:  # acme-com-login: its domain, then a keyword
                        filler = filler or tld
                        keyword = keyword or word
                        pointed = pointed or self.keywords.is_pointed(rest)
                        continue
                    if sub and start == 0 and strength >= _S.SHORT:
                        # acme-com-57193.x.net: its domain spelled out, then a tag or words
                        return Hit(Scores.SPELLED[strength] - 0.15, _K.SUBDOMAIN, name,
                                   f"{name.text}.{tld}")  # fmt: skip
            if spelled in IN_FRONT and (not in_front or (sub and not keyword)):
                # a language or scheme only in front (zh-acme, https-acme); in a subdomain
                # label, only beside a keyword (en-acme-login.x.com reads as acme-login.x.com)
                spelled = None
            if spelled is None and part == "www" and start == 3:
                spelled = "www"  # wwwacme: www.acme without its dot
            if spelled is None and in_front and delimited and not sub and is_slipped_filler(part):
                spelled = "www"  # wvwv-acme, hhtpps-acme: mistyped, as written by kits
            if spelled is None:
                if tokens is None and strength >= _S.SHORT:
                    hit = self._among_words(name, orig, start, end, len(flat), sub)
                    if hit is not None:
                        return hit
                if name.is_nickname and self._words_only(name, tokens, orig):
                    return None  # a nickname among words is the word (whats-new, insta-story)
                # a sign-in word run on right before the name (loginmlcrosoft365)
                signed_in = self.keywords.ending_in(orig[:start]) if (
                    start >= 4 and len(orig) == len(flat)) else ""  # fmt: skip
                hit = beside_hit(name, tokens, start, end, orig, sub, self.words, signed_in)
                if (hit is not None and hit.score < Scores.TAG_GLUED_BESIDE_KEYWORD
                        and strength == _S.STRONG and not sub and tokens is not None
                        and self._tag_glued_beside_keyword(tokens, start, end)):  # fmt: skip
                    hit = hit.rescored(Scores.TAG_GLUED_BESIDE_KEYWORD)
                return hit
            filler = filler or spelled
        if keyword and not filler and not sub and strength > _S.WORD and all(
            part in _OWN_SITE_WORDS for part in (after, flat[:start]) if part
        ):
            pointed = False  # acme-corp, acmemobile: how companies name their own sites
        if filler in HOST_FILLERS and not keyword and not sub:
            # www-acme.com, zh-acme.com: the host name with a hyphen for its first dot
            if strength >= _S.SHORT:
                return Hit(Scores.FILLER[strength], _K.KEYWORD, name, name.text, keyword=filler)
            # a word or tiny name so (www-chase) only where phishing lives
            return Hit(0.0, _K.KEYWORD, name, name.text, keyword=filler, edit="beside",
                       boost=Scores.CONTEXT[strength], needs=PLACE)  # fmt: skip
        spells = filler in TLD_WORDS or (
            sub and filler and f"{name.flat}.{filler}" in self.own_endings)
        if not spells and not (keyword and pointed):
            if keyword and not filler:  # box-office, target-online: only where phishing lives
                boost = in_subdomain(Scores.CONTEXT[strength], sub)
                # a distinctive name beside own-site words (acme-corp) scores as beside words;
                # BESIDE is 0 for word and tiny names (box-office)
                base = 0.0 if sub else Scores.BESIDE[strength]
                return Hit(base, _K.KEYWORD, name, name.text, keyword=keyword, edit="beside",
                           boost=boost, needs=PLACE)  # fmt: skip
            return None  # www-box-office: nothing pointed (www-acme as a subdomain label is
            # the whole label's: SubdomainScan)
        if spells and (sub or not keyword):
            if strength < _S.SHORT and not (sub and f"{name.flat}.{filler}" in self.owned):
                return None
            if sub:
                spelled = f"{name.text}.{filler}"
                return Hit(Scores.SPELLED[strength], _K.SUBDOMAIN, name, spelled, keyword=keyword)
            return Hit(Scores.FILLER[strength], _K.KEYWORD, name, name.text, keyword=filler)
        if sub:
            return Hit(Scores.SUB_KEYWORD[strength], _K.SUBDOMAIN, name, name.text, keyword=keyword)
        if uni or name.flat not in orig:
            # as written: folded letters (lcloud, phantorn) are longer than their skeleton
            span = (orig[start:end] if len(orig) == len(flat)
                    else written_span(orig, flat, start, end))
            if span is not None and not reads_as(span, name.flat):
                return None  # a look-alike of a look-alike (dtl-login is not citi)
            written = span or orig
            if uni and shown:  # the Unicode letters themselves: 'pаypal', not 'paypal'
                written = as_shown(written, orig, shown.replace("-", ""))
            score = Scores.HOMOGLYPH_KEYWORD[strength]
            return Hit(score, _K.HOMOGLYPH, name, written, keyword=keyword)
        return Hit(Scores.KEYWORD[strength], _K.KEYWORD, name, name.text, keyword=keyword)

    def _words_only(self, name: BrandName, tokens: list[str] | None, orig: str) -> bool:
        """Whether every token of a label but ``name``'s is, as written, an English word and
        none a pointed keyword (``whats-new``; not ``insta-verify-now``)."""
        if tokens is None:
            return False
        others = [(t, w) for t, w in zip(tokens, written_tokens(tokens, orig), strict=True)
                  if t != name.skeleton]  # fmt: skip
        return bool(others) and all(
            self.words.is_word(w) and not self.keywords.is_pointed(t) for t, w in others
        )

    def _keywords_glued_apart(
        self, tokens: list[str], start: int, end: int
    ) -> list[str] | None:
        """``tokens`` with the one that holds [start, end) of their join split there, when the
        rest of that token is pointed keywords (``paypallogin`` of ``paypallogin-2024``; not
        ``microsoftonline-p``), else None."""
        pos = 0
        for k, token in enumerate(tokens):
            nxt = pos + len(token)
            if pos <= start and end <= nxt:
                parts = [token[: start - pos], token[start - pos : end - pos], token[end - pos :]]
                for i in (0, 2):
                    if i == 2 and parts[2] in _GLUED_ENDINGS and not parts[0]:
                        continue  # its domain run together (coinbasecom): read as written out
                    if parts[i] and (self.keywords.read(parts[i]) is None
                                     or not self.keywords.is_pointed(parts[i])):  # fmt: skip
                        return None
                return tokens[:k] + [part for part in parts if part] + tokens[k + 1 :]
            pos = nxt
        return None

    def _kit_tag(self, token: str, tag: str) -> bool:
        """Whether ``tag``, glued on at the end of ``token``, is a kit's tag for its copies:
        letters that are no word, in a token that is no word (``whatsappcc``, not ``telegrams``
        nor ``whatsappone``)."""
        return tag.isalpha() and not self.words.is_word(tag) and not self.words.is_word(token)

    def _tag_glued_beside_keyword(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether the name at [start, end) opens a token with a tag of one to three letters
        glued on that is no word nor a top-level word (``whatsappcc``), and another token is a
        keyword (``app-vzf-whatsappcc``): the shape of a kit's numbered copies."""
        k = token_starting_at(tokens, start)
        if k < 0:
            return False
        token = tokens[k]
        tag = token[end - start :]
        if not 0 < len(tag) <= 3 or tag in TLD_WORDS or not self._kit_tag(token, tag):
            return False
        return any(self.keywords.read(t) is not None for i, t in enumerate(tokens) if i != k)

    def _split_by_hyphen(
        self, name: BrandName, tokens: list[str], start: int, end: int, orig: str
    ) -> Hit | None:
        """``name`` split by a hyphen, two letters or more on each side, with junk run on after
        it (``fideli-tyaxuje``, ``ali-express333``): a kit's way past blocklists that look for
        the name as written; weak evidence, raised where phishing sites live. ``orig`` has the
        tokens' lengths."""
        k = token_starting_at(tokens, start)
        if k < 0 or k + 1 == len(tokens):
            return None
        cut = start + len(tokens[k])
        after = cut + len(tokens[k + 1])
        if cut - start < 2 or end - cut < 2 or end >= after:
            return None
        if self.words.is_word(orig[end:after]):
            return None  # run on into a word (pay-palace): not junk
        shown = f"{orig[start:cut]}-{orig[cut:end]}"
        return Hit(0.0, _K.TYPO, name, shown, edit="hyphenation",
                   boost=Scores.GLUED[name.typo_strength], needs=PLACE)  # fmt: skip

    def _among_words(
        self, name: BrandName, orig: str, start: int, end: int, size: int, sub: bool
    ) -> Hit | None:
        """A distinctive or short name run together with English words and a pointed keyword,
        as written (``acmelivehelp``, ``acmeissuesupport``; ``sub``: in a subdomain label,
        ``acmesupportcenter.x.com``): the glued form of ``acme-live-help``, which the
        sign-in word makes suspicious anywhere; without one (``acmeproexchange``) it stays
        weak evidence."""
        if len(orig) != size or orig[start:end] != name.flat:
            return None  # look-alike letters beside unknown words: not read as words
        keyword = ""
        for part in (orig[:start], orig[end:]):
            if part:
                pointed = self.keywords.read_words(part, self.words)
                if pointed is None:
                    return None
                keyword = keyword or pointed
        if not keyword:
            return None
        score = in_subdomain(Scores.CONTEXT[name.strength], sub)
        return Hit(score, _K.KEYWORD, name, name.text, keyword=keyword, edit="beside")

    def glued(self, orig: str, short: bool = False) -> Hit | None:
        """A word or 3-letter name run together with keywords only, in a one-word label
        (``dhlservice``, ``passworddhl``, ``telegramsignin``): an imitation beside a pointed
        keyword, weak evidence raised where phishing sites live beside everyday ones
        (``orangemy``); a name of 6 letters or more run together with English words and a
        sign-in word (``ledgerhelpcontact``) is suspicious as the one word of a label.
        ``short``: a 4-letter name too, for a token of a longer label (``metasupport`` of
        ``metasupport-qzvrk``), where the words are not read."""
        table = self.names.glued_short if short else self.names.glued
        ends = table.ends
        head, tail = orig[:3] + "<" in ends, ">" + orig[-3:] in ends
        if not (head or tail):
            return None
        best: Hit | None = None
        for size in table.sizes:
            if size > len(orig) - 2:
                break
            if head:
                best = self.better(best, self._glued(orig[:size], orig[size:], table, short))
            if tail:
                best = self.better(best, self._glued(orig[-size:], orig[:-size], table, short))
        if best is None and head and not short:
            best = self._word_tagged(orig, table)
        return best

    def _word_tagged(self, orig: str, table: GluedNames) -> Hit | None:
        """An everyday word of 8 letters or more with a tag of 2 or 3 letters glued on that
        is no word, as the whole label (``telegramzn.com``, ``telegramtvb.com``): a kit's
        copies of an app's site, each with its own tag; not a product's suffix
        (``characterai``), a CDN's stem (``intercomcdn``), nor a word (``telegrammes``)."""
        for size in (2, 3):
            name, tag = table.exact.get(orig[:-size]), orig[-size:]
            if (name is not None and name.strength == _S.WORD
                    and name.typo_strength == _S.STRONG and tag not in _PRODUCT_TAGS
                    and self._kit_tag(orig, tag)):  # fmt: skip
                return Hit(Scores.WORD_TAGGED, _K.KEYWORD, name, name.text, keyword=tag,
                           edit="beside", boost=Scores.WORD_TAGGED_PLACE,
                           needs=PLACE)  # fmt: skip
        return None

    def _glued(self, part: str, rest: str, table: GluedNames, token: bool) -> Hit | None:
        name = table.exact.get(part)
        if name is None:
            return None
        folded = skeleton(rest) if rest[:2] in self.keywords.starts else ""
        keyword = self.keywords.read(folded) if folded else None
        if keyword is None:
            return None if token else self._glued_among_words(name, rest)
        # Only one keyword that is no everyday word (login, sso, servicedesk; not lucky,
        # track, nor a run of them) makes one word of a weak name an imitation anywhere
        # (luckyorange, mailtrack, trackmytime); beside a word of 8 letters or more, any
        # pointed keyword does (telegramlogin).
        if (
            len(rest) >= 3
            and self.keywords.originals.get(folded) == rest
            and self.keywords.is_pointed(folded)
            and (not self.words.is_word(rest) or name.typo_strength == _S.STRONG)
        ):
            return Hit(Scores.GLUED_KEYWORD[name.strength], _K.KEYWORD, name, name.text,
                       keyword=keyword)  # fmt: skip
        # Keywords only, or one that is an everyday word, read as words do (ledgerwebhelp)
        among = None if token else self._glued_among_words(name, rest)
        if among is not None:
            return among
        return Hit(0.0, _K.KEYWORD, name, name.text, keyword=keyword, edit="beside",
                   boost=Scores.CONTEXT[name.strength], needs=PLACE)  # fmt: skip


    def _glued_among_words(self, name: BrandName, rest: str) -> Hit | None:
        """A name of 6 letters or more run together with English words and a sign-in word
        (``ledgerhelpcontact``): suspicious anywhere, as :meth:`_among_words` reads a
        distinctive name so."""
        if len(name.flat) < 6 or len(rest) < 6:
            return None
        pointed = self.keywords.read_words(rest, self.words, 4)
        if not pointed:
            return None
        return Hit(Scores.CONTEXT[name.strength], _K.KEYWORD, name, name.text, keyword=pointed,
                   edit="beside")  # fmt: skip


def _spells_domain(flat: str, tokens: list[str], start: int) -> bool:
    """Whether the token starting at ``start`` is ``flat`` and a TLD word (attcom, uspsnet)."""
    k = token_starting_at(tokens, start)
    return k >= 0 and tokens[k].startswith(flat) and tokens[k][len(flat) :] in TLD_WORDS


def _domain_then_more(tokens: list[str], end: int) -> tuple[str, str]:
    """(top-level word, the tokens after it run together) when the token at ``end`` of the
    joined tokens is a top-level word with more after it (``acme-com-login``: com, login),
    else ("", "")."""
    k = token_starting_at(tokens, end)
    if k < 0 or k + 1 == len(tokens) or tokens[k] not in TLD_WORDS:
        return "", ""
    return tokens[k], "".join(tokens[k + 1 :])


def _mixes_latin(shown: str) -> bool:
    """Whether a label as people see it has a plain Latin letter (``аtt``: the ``tt``) beside
    its others, rather than all of one other script (``аха``, Russian for "aha")."""
    return any("a" <= char <= "z" for char in shown)

"""Which protected brand, if any, a host name imitates, and how: in microseconds.

:class:`LookalikeIndex` is built once from a :class:`~smishguard.policy.Policy` and answers
:meth:`LookalikeIndex.match` for one host at a time; the SMS scanner calls it per link and the
domain watch per certificate-transparency name (≥ 100,000 names/s on one core at 1,000 brands).

How a name is read
    The host is lower-cased, ``*.`` and a trailing dot dropped, ``xn--`` labels decoded and read
    as the ASCII they imitate (Unicode confusables), and every label folded to its look-alike
    *skeleton* (:mod:`~smishguard.domains.homoglyphs`). The label an attacker chose is the one
    left of the public suffix, or left of a free host (``acme.vercel.app``). Hosts longer than
    253 characters are rejected at once.

Where brands are looked for, all lookups being O(1) in the number of brands
    * the chosen label: whole (another suffix, look-alikes, hyphens), containing a brand name
      (one Aho-Corasick pass over every brand name) with the rest made of policy keywords
      (``acme-okta``, ``acmehelpdesk``, ``okta-acme``), or one or two typing mistakes away
      from a brand name, alone or beside keywords (a SymSpell deletion index); a short or
      strong name as a token beside other words (``binance-retiros``) is weak evidence;
    * the subdomain labels: a brand's domain spelled out (``acme.com.verify-id.xyz``,
      ``www-acme-com.evil.net``), a brand beside keywords, or a brand label in front of a
      chosen label made only of keywords (``acme.okta-login.co``). Not on CDN names, where a
      customer's hostname is part of the label by design (``www.apple.com.edgekey.net``).

The rules for short and everyday-word brands (the part that keeps false positives down)
    Each brand name gets a :class:`~smishguard.domains.brandnames.Strength`:

    * names under 3 letters (``fb``, ``g``) are never matched;
    * **tiny** (3 letters: att, ups, ing, dhl) and **word** (an everyday English word: box,
      chase, target, orange, apple) names match only as a whole hyphen- or dot-delimited token
      *and* next to a pointed keyword (``box-login.com``, ``login.att-help.com``,
      ``ups-tracking.com``; not the everyday ones such as office, online, my, app:
      ``box-office.com`` is a box office), or as the exact chosen label on another suffix
      (``box.net``, low score), or spelling out their own domain in a subdomain
      (``att.com.verify.xyz``). No typos, and no matches inside a longer word, so
      ``toolbox.com``, ``inbox.com``, ``boxing.com``, ``matter.com``, ``ingles.com`` stay
      clean. Word names of 4 letters or more may also match alone in look-alike characters
      when the result is not itself a word (``app1e.com``);
    * **short** names (4 letters, not a word: acme, citi, evri) also match inside a longer
      label next to keywords (``acmeokta.com``), alone in look-alike characters, and with two
      letters swapped or one doubled (``amce.com``, ``acmee.com``), never other typos;
    * **strong** names (5 letters or more, not an everyday word) match with one typo
      (omission, repetition, transposition, insertion, replacement, vowel swap, bit flip,
      hyphen added, dot added, letter added at the end), and from 9 letters with two typos
      when a keyword stands beside them (``twiilio``, ``paypa1``, ``micros0ft``); names of 5
      letters take only swaps and doubled letters.

    Typos are the mistakes people make and not the variations real sites use, as measured on
    the popular-domain lists: the first letter never changes (``tmall`` is not ``gmail``), nor
    the second, except by a swap or a doubled first letter; the last letter changes only by
    a swap or an added letter, and an added ``s`` is a plural (``livescores``); digits are
    never typos (``xvideos2``) but ``0 1 5`` are look-alikes; a candidate that is itself an
    English word or name (``venom`` for venmo, ``came`` for acme) is never a typo.

    A brand's own domains and their subdomains are never flagged, nor are the domains of any
    other protected brand (as :meth:`Policy.owner_of`), nor a shared host's own apex
    (``vercel.app``). On a shared host the tenant's name is the chosen label.

Weak evidence, raised only where phishing sites live (:mod:`~smishguard.domains.context`)
    A distinctive brand beside words that are not keywords (``coinbase-hub``), beside a serial
    (``att-104617``), glued into a longer word (``uniswapexchangez``) or to ``com``
    (``uspscom``), a short or 3-letter name glued to the head of junk that is not a word
    (``uspsyluou``, ``dhlosn``; not ``metahub``), the brand as the label in front of an
    unrelated domain (``trezor.qhosm.cc``), a typo or look-alike characters beside words that
    are not keywords (``en-trezzor``, ``w-1nterac``), and typos outside the rules above (a
    changed second or last letter, ``ledg3r``) have the shapes of many real names. They
    become suspicious (0.42-0.6) only on a free host, a cheap ending (.top, .xyz, .cc, not
    .com, country endings or cloud endpoints), beside a serial number, or for words beside a
    distinctive brand, beside a sign-in word anywhere in the host; elsewhere they score 0.38
    (brand beside other words) or are not reported.

Scores
    keyword on a strong brand 0.92, look-alike characters 0.9 (0.95 with a keyword or in
    Unicode), typo + keyword 0.9, typo alone 0.7-0.75, subdomain 0.85-0.88, free host 0.8,
    another suffix 0.6 on the cheap endings (``paypal.xyz``) but 0.35 elsewhere (``google.de``,
    ``amazon.jobs``, ``acme.net``: below the "suspicious" threshold, as those are mostly the
    brand's own or a namesake), weak evidence as above; lower for short, word and tiny names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from smishguard.domains.brandnames import BrandName, NameTable, Strength, brand_names
from smishguard.domains.context import PLACE, POINTED, RISKY_TLDS, context_level, is_risky_tld
from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.keywords import Keywords
from smishguard.domains.labels import (
    MAX_HOST,
    TLD_WORDS,
    Reading,
    on_boundaries,
    read_label,
    to_ascii_host,
)
from smishguard.domains.lookalike_hits import (
    Hit,
    Scores,
    beside_hit,
    find_typo,
    glued_head_hit,
)
from smishguard.domains.suffixes import SuffixTable, is_infrastructure, suffix_table
from smishguard.domains.words import Words, english_words
from smishguard.model import Imitation, ImitationKind
from smishguard.policy import Brand, Policy

_MAX_SUBDOMAIN_LABELS = 8
# Entries per memo before it is emptied: ~100 bytes each, and a feed's names cluster (one
# certificate lists many hosts of one domain), so a wholesale reset loses little.
MEMO_SIZE = 1 << 16
_K = ImitationKind
_S = Strength
# The brand names in a subdomain label, in the order found: the hit of a name inside the
# label (it depends on the label alone), or None for the whole label, which is judged with
# the labels around it (_sub_whole).
_SubLabel = tuple[tuple[BrandName, Hit | None], ...]
_NOTHING: _SubLabel = ()


class LookalikeIndex:
    """Everything needed to judge a host, precomputed from a policy."""

    __slots__ = (
        "_chosen", "_keywords", "_names", "_owned", "_policy", "_pretexts", "_subs", "_suffixes",
        "_words",
    )  # fmt: skip

    def __init__(self, policy: Policy, words: Words, suffixes: SuffixTable) -> None:
        self._policy = policy
        self._words = words
        self._suffixes = suffixes
        self._names = NameTable(brand_names(policy.brands, words))
        self._keywords = Keywords.of(policy.keywords)
        self._owned: dict[str, Brand] = {}
        for brand in policy.brands:
            for domain in brand.domains:
                self._owned.setdefault(domain, brand)
        # Brands that are also keywords (okta, office, azure) are the pretext when another
        # brand stands beside them: acme.okta-login.co imitates Acme, not Okta.
        self._pretexts = frozenset(
            n for n in self._names.by_skeleton.values() if n.skeleton in self._keywords.originals
        )
        # Bounded memos of pure per-label work (many hosts share a chosen label, and
        # subdomain labels repeat): the chosen label's hit by (on a free host, risky ending),
        # and what a subdomain label holds. They never change an answer.
        self._chosen: tuple[dict[str, Hit | None], ...] = ({}, {}, {}, {})
        self._subs: dict[str, _SubLabel] = {}

    def __reduce__(self) -> tuple[type[LookalikeIndex], tuple[Policy, Words, SuffixTable]]:
        return LookalikeIndex, (self._policy, self._words, self._suffixes)  # memos stay here

    @classmethod
    def from_policy(cls, policy: Policy) -> LookalikeIndex:
        """Build the index for a policy (tens of milliseconds for 1,000 brands)."""
        return cls(policy, english_words(), suffix_table())

    @property
    def policy(self) -> Policy:
        return self._policy

    def match(self, host: str) -> Imitation | None:
        """The brand ``host`` imitates and how, or None (also for owned and invalid names)."""
        if not host or len(host) > MAX_HOST or self._names.automaton is None:
            return None
        if not host.isascii():
            host = to_ascii_host(host)
            if not host or len(host) > MAX_HOST:
                return None
        host = host.lower()
        if host[:2] == "*.":
            host = host[2:]
        if host[-1:] == ".":
            host = host[:-1]
        labels = host.split(".")
        n = len(labels)
        if n < 2 or "" in labels:
            return None
        icann, private = self._suffixes.depths(labels)
        if private == n:
            return None  # a shared host's own apex (vercel.app, sharepoint.com)
        free = private > 0
        at = n - private - 1 if free else n - icann - 1
        if at < 0:
            return None
        label = labels[at]
        memo = self._chosen[(2 if free else 0) + (1 if labels[-1] in RISKY_TLDS else 0)]
        if label in memo:
            best = memo[label]
        else:
            read = read_label(label)
            best = None if read is None else self._scan_name(label, read, free, labels[-1])
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[label] = best
        if at > 0 and (best is None or best.score < 0.88 or best.name in self._pretexts):
            best = self._better(best, self._scan_subdomains(labels, at))
        if best is None or self._is_owned(labels):
            return None
        # Weak evidence counts where phishing sites live (free hosts, risky endings, serials).
        if best.boost > best.score:
            if context_level(labels, at, free, self._keywords.pointed_words) >= best.needs:
                best = replace(best, score=best.boost)
            elif best.score <= 0:
                return None
        # On CDN names a customer's hostname sits in the labels by design (checked last: rare).
        if (free or at > 0) and is_infrastructure(labels, n - icann - 1):
            return None
        return best.imitation(host, ".".join(labels[at:]), ".".join(labels[at + 1 :]))

    def match_many(self, hosts: Iterable[str]) -> list[Imitation | None]:
        """:meth:`match` for each host, in order."""
        match = self.match
        return [match(h) for h in hosts]

    # -- the chosen label -------------------------------------------------------------------

    def _scan_name(self, label: str, read: Reading, free: bool, tld: str) -> Hit | None:
        _, tokens, flat, orig, _, uni = read
        names = self._names
        best: Hit | None = None
        contains_name = False
        # One token: weak names can only be the whole label, so only distinctive ones are
        # searched inside it (fewer hits to reject).
        automaton = names.automaton if tokens is not None else names.distinctive
        for end, name in automaton.iter(flat):  # type: ignore[union-attr]
            start = end + 1 - len(name.skeleton)
            if start == 0 and end + 1 == len(flat):
                hit = self._whole(name, label, read, free, tld)
            else:
                hit = self._inside(name, flat, start, end + 1, tokens, orig, uni, sub=False)
            best = self._better(best, hit)
            if not contains_name and name.strength >= _S.SHORT and tokens is not None:
                contains_name = on_boundaries(tokens, start, end + 1)
        if tokens is None and automaton is not names.automaton:
            weak = names.weak.get(flat)
            if weak is not None:
                best = self._better(best, self._whole(weak, label, read, free, tld))
        if best is None and tokens is None and (free or is_risky_tld(tld)):
            best = glued_head_hit(names, orig, self._words)
        # A label that holds a brand name as a token is not also a typo of it (s-microsoft).
        if (best is None or best.score <= 0) and not contains_name:
            loose = free or is_risky_tld(tld)
            best = self._better(best, find_typo(read, names, self._words, self._keywords, loose))
        return best

    def _better(self, best: Hit | None, hit: Hit | None) -> Hit | None:
        """The stronger of two hits; a pretext brand (okta) yields to any other brand."""
        if hit is None:
            return best
        if best is None:
            return hit
        if best.score <= 0 or hit.score <= 0:  # pending its context: any real hit wins
            if best.score > 0 or hit.score > 0:
                return best if best.score > 0 else hit
            return hit if hit.boost > best.boost else best
        if (best.name in self._pretexts) != (hit.name in self._pretexts):
            return best if hit.name in self._pretexts else hit
        return hit if hit.score > best.score else best

    def _whole(
        self, name: BrandName, label: str, read: Reading, free: bool, tld: str
    ) -> Hit | None:
        _, _, _, orig, shown, uni = read
        strength = name.strength
        if not uni and orig == name.flat:
            if label == name.text:
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
            if strength < _S.SHORT or label.count("-") <= name.text.count("-"):
                return None  # a hyphen added (pay-pal); one dropped is often another site
            return Hit(Scores.TYPO[strength], _K.TYPO, name, label, edit="hyphenation")
        if strength == _S.TINY or (strength == _S.WORD and self._words.is_word(orig)):
            return None
        table = Scores.UNICODE if uni else Scores.HOMOGLYPH
        return Hit(table[strength], _K.HOMOGLYPH, name, shown)

    def _inside(
        self, name: BrandName, flat: str, start: int, end: int, tokens: list[str] | None,
        orig: str, uni: bool, sub: bool,
    ) -> Hit | None:  # fmt: skip
        strength = name.strength
        delimited = tokens is not None and on_boundaries(tokens, start, end)
        if strength <= _S.WORD and not delimited:
            return None
        keyword = filler = ""
        pointed = strength > _S.WORD  # weak names need a pointed keyword (login, not office)
        for part in (flat[end:], flat[:start]):
            if not part:
                continue
            word = self._keywords.read(part)
            if word is not None:
                keyword = keyword or word
                pointed = pointed or self._keywords.is_pointed(part)
                continue
            spelled = self._keywords.read_fillers(part) if delimited else None
            if spelled is None:
                return beside_hit(name, tokens, start, end, orig, sub, self._words)
            filler = filler or spelled
        if filler not in TLD_WORDS and not (keyword and pointed):
            return None  # www-acme alone, box-office, target-online: nothing pointed
        if filler in TLD_WORDS and (sub or not keyword):
            if strength < _S.SHORT and not (sub and f"{name.flat}.{filler}" in self._owned):
                return None
            if sub:
                spelled = f"{name.text}.{filler}"
                return Hit(Scores.SPELLED[strength], _K.SUBDOMAIN, name, spelled, keyword=keyword)
            return Hit(Scores.FILLER[strength], _K.KEYWORD, name, name.text, keyword=filler)
        if sub:
            return Hit(Scores.SUB_KEYWORD[strength], _K.SUBDOMAIN, name, name.text, keyword=keyword)
        if uni or name.flat not in orig:
            shown = orig[start:end] if len(orig) == len(flat) else orig
            score = Scores.HOMOGLYPH_KEYWORD[strength]
            return Hit(score, _K.HOMOGLYPH, name, shown, keyword=keyword)
        return Hit(Scores.KEYWORD[strength], _K.KEYWORD, name, name.text, keyword=keyword)

    # -- the subdomain labels ---------------------------------------------------------------

    def _scan_subdomains(self, labels: list[str], at: int) -> Hit | None:
        names = self._names
        best: Hit | None = None
        # A dot put inside the name (twil.io.com, pay.pal.com): the last two labels read as one.
        if labels[at - 1] in names.dot_heads and labels[at - 1] not in names.plain_labels:
            dotted = names.exact.get(labels[at - 1] + labels[at])
            if dotted is not None and dotted.strength >= _S.SHORT:
                shown = f"{labels[at - 1]}.{labels[at]}"
                best = Hit(Scores.TYPO[dotted.strength], _K.TYPO, dotted, shown, edit="dot")
        subs = self._subs
        for i in range(at - 1, max(-1, at - 1 - _MAX_SUBDOMAIN_LABELS), -1):
            label = labels[i]
            found = subs.get(label)
            if found is None:
                found = self._read_sub(label)
                if len(subs) >= MEMO_SIZE:
                    subs.clear()
                subs[label] = found
            for name, inside in found:
                hit = self._sub_whole(name, labels, i, at) if inside is None else inside
                best = self._better(best, hit)
        return best

    def _read_sub(self, label: str) -> _SubLabel:
        """The brand names in a subdomain label and, for those inside it, their hits."""
        names = self._names
        if len(label) < 3 or label in names.plain_labels:
            return _NOTHING
        read = read_label(label)
        if read is None:
            return _NOTHING
        _, tokens, flat, orig, _, uni = read
        found: list[tuple[BrandName, Hit | None]] = []
        automaton = names.automaton if tokens is not None else names.distinctive
        for end, name in automaton.iter(flat):  # type: ignore[union-attr]
            start = end + 1 - len(name.skeleton)
            if start == 0 and end + 1 == len(flat):
                found.append((name, None))
            else:
                hit = self._inside(name, flat, start, end + 1, tokens, orig, uni, sub=True)
                if hit is not None:
                    found.append((name, hit))
        if tokens is None and automaton is not names.automaton:
            weak = names.weak.get(flat)
            if weak is not None:
                found.append((weak, None))
        return tuple(found) if found else _NOTHING

    def _sub_whole(self, name: BrandName, labels: list[str], i: int, at: int) -> Hit | None:
        strength = name.strength
        after = labels[i + 1]
        head = after.split("-", 1)[0]
        if head in TLD_WORDS:
            spelled = f"{name.text}.{head}"
            if strength < _S.SHORT and spelled not in self._owned:
                return None
            # Far from the chosen label it is a CDN's CNAME (x.com.ssl.d1.sc.omtrdc.net).
            gap = at - i - 2 if head == after else at - i - 1
            if gap > 1:
                return None
            rest = skeleton(after[len(head) + 1 :].replace("-", ""))
            keyword = (self._keywords.read(rest) or "") if rest else ""
            score = Scores.SPELLED[strength] - (0.15 if gap > 0 else 0.0)
            return Hit(score, _K.SUBDOMAIN, name, spelled, keyword=keyword)
        name_read = read_label(labels[at]) if i == at - 1 else None
        if name_read is not None:
            beside = self._keywords.read(name_read[2])
            if beside is not None:
                score = Scores.KEYWORD[strength] - 0.02
                return Hit(score, _K.KEYWORD, name, name.text, keyword=beside)
        if i == at - 1 and all(labels[j] in self._names.plain_labels for j in range(i)):
            # The brand in front of someone else's domain (trezor.qhosm.cc): so are many
            # real hosts (gemini.example.com), so only where phishing sites live.
            needs = POINTED if strength >= _S.SHORT else PLACE
            boost = Scores.SUB_CONTEXT[strength]
            return Hit(0.0, _K.SUBDOMAIN, name, name.text, boost=boost, needs=needs)
        return None

    # -- ownership --------------------------------------------------------------------------

    def _is_owned(self, labels: list[str]) -> bool:
        """Owned by a protected brand: one of its domains or a subdomain of one.

        As :meth:`Policy.owner_of`: a policy lists only domains whose every subdomain the
        brand controls, so a shared host's own domain (pages.dev) is never listed.
        """
        owned = self._owned
        key = ""
        for i in range(len(labels) - 1, -1, -1):
            key = labels[i] + "." + key if key else labels[i]
            if key in owned:
                return True
        return False

"""Which protected brand, if any, a host name imitates, and how: in microseconds.

:class:`LookalikeIndex` is built once from a :class:`~smishguard.policy.Policy` and answers
:meth:`LookalikeIndex.match` for one host at a time; the SMS scanner calls it per link and the
domain watch per certificate-transparency name (≥ 100,000 names/s on one core at 1,000 brands).

How a name is read
    The host is lower-cased, ``*.`` and a trailing dot dropped, ``xn--`` labels decoded and read
    as the ASCII they imitate (Unicode confusables), and every label folded to its look-alike
    *skeleton* (:mod:`~smishguard.domains.homoglyphs`): names are found by their skeletons,
    and a find is then checked as written, since folds chain (``ci`` folds to ``cl`` and
    that to ``d``): look-alike letters must each stand for letters of the name itself
    (``clti`` is Citi, ``dtl`` is not), and a typo must be as near the name as written as its
    skeleton is (``galda`` is a slip from ``gallda``, Galicia's skeleton, and three from
    ``galicia``: not Galicia). A pair folded to one letter (``rn``, ``vv``, ``cl``) may
    straddle a name's edge and hide it (``santandernet``, ``avaliadornubank``): when the
    skeleton holds no name, the label is searched again with single letters folded only.
    The label an attacker chose is the one
    left of the public suffix, or left of a free host (``acme.vercel.app``). Hosts longer than
    253 characters are rejected at once. A Google Translate proxy name
    (``www-acme-com.translate.goog``) is read as the host it serves (``www.acme.com``).

Where brands are looked for, all lookups being O(1) in the number of brands
    * the chosen label: whole (another suffix, look-alikes, hyphens), containing a brand name
      (one Aho-Corasick pass over every brand name) with the rest made of policy keywords
      (``acme-okta``, ``acmehelpdesk``, ``okta-acme``), or one or two typing mistakes away
      from a brand name, alone or beside keywords (a SymSpell deletion index); a short or
      strong name as a token beside other words (``binance-retiros``) is weak evidence;
    * the subdomain labels (:mod:`~smishguard.domains.subdomains`): a brand's domain spelled
      out (``acme.com.verify-id.xyz``, ``www-acme-com.evil.net``), a brand beside keywords, or
      a brand label in front of a chosen label made only of keywords (``acme.okta-login.co``).
      Not on CDN names, where a customer's hostname is part of the label by design
      (``www.apple.com.edgekey.net``).

    Both judge a name they found with the same rules (:mod:`~smishguard.domains.name_rules`).

The rules for short and everyday-word brands (the part that keeps false positives down)
    Each brand name gets a :class:`~smishguard.domains.brandnames.Strength`:

    * names under 3 letters (``fb``, ``g``) are never matched;
    * **tiny** (3 letters: att, ups, ing, dhl) and **word** (an everyday English word: box,
      chase, target, orange, apple) names match only as a whole hyphen- or dot-delimited token
      *and* next to a pointed keyword (``box-login.com``, ``login.att-help.com``,
      ``ups-tracking.com``; not the everyday ones such as office, online, my, app:
      ``box-office.com`` is a box office), run together with one pointed keyword that is no
      everyday word (``chasesignin.com``, ``attservicedesk.net``; not ``luckyorange.com``),
      as the exact chosen label on another suffix (``box.net``, low score), or spelling out
      their own domain in a subdomain (``att.com.verify.xyz``, ``bdo.com-portal8f.icu``). No
      typos, and no matches inside a longer word, so ``toolbox.com``, ``inbox.com``,
      ``boxing.com``, ``matter.com``, ``ingles.com`` stay clean. Word names of 4 letters or
      more may also match alone in look-alike characters when the result is not itself a
      word (``app1e.com``). Two-letter names (``bt``, ``fb`` of fb.com) match only beside a
      serial number where phishing sites live (``bt-205827.weeblysite.com``);
    * **short** names (4 letters, not a word: acme, citi, evri) also match inside a longer
      label next to keywords (``acmeokta.com``), alone in look-alike characters, and with two
      letters swapped or one doubled (``amce.com``, ``acmee.com``), never other typos;
    * **strong** names (5 letters or more, not an everyday word) match with one typo
      (omission, repetition, transposition, insertion, replacement, vowel swap, bit flip,
      hyphen added, dot added, letter added at the end), and from 9 letters with two typos
      when a keyword stands beside them (``twiilio``, ``paypa1``, ``micros0ft``); names of 5
      letters take only swaps and doubled letters. Two or three letters each written once
      more (``paaypaal``, ``telegraamm``) count alone too: every letter stays in its place.
      A name of 8 letters or more with a letter left out, a vowel changed or two letters
      swapped, a tag of 2-4 letters that is no word run on after it or beside it, is a kit's
      numbered copy (``whatsapwacs``, ``ncli-whatsepp``, 0.45), unless the label reads as
      English words (``coursearc``).

    Typos are the mistakes people make and not the variations real sites use, as measured on
    the popular-domain lists: the first letter never changes (``tmall`` is not ``gmail``), nor
    the second, except by a swap or a doubled first letter; the last letter changes only by
    a swap or an added letter, and an added ``s`` is a plural (``livescores``); digits are
    never typos (``xvideos2``) but ``0 1 5`` are look-alikes; a candidate that is itself an
    English word or name (``venom`` for venmo, ``came`` for acme) is never a typo.

    A brand's own domains and their subdomains are never flagged, nor are the domains of any
    other protected brand (as :meth:`Policy.owner_of`), nor the policy's ``not_lookalikes``
    (namesakes found on review) and the names under them, nor a shared host's own apex
    (``vercel.app``), nor a name registered where only governments register (``gov``,
    ``gov.au``, ``mil.br``: ``mygovid.gov.az`` is an agency's; a brand in front of such a
    domain, on a hacked agency site, is still read). On a shared host the tenant's name is
    the chosen label.

Weak evidence, raised only where phishing sites live (:mod:`~smishguard.domains.context`)
    A distinctive brand beside words that are not keywords (``coinbase-hub``), beside a serial
    (``att-208461``), glued into a longer word (``uniswaptraderz``) or to ``com``
    (``uspscom``), a short or 3-letter name glued to the head of junk that is not a word
    (``uspsqwzye``, ``dhlqvx``, also as the one token beside keywords or top-level words:
    ``gov-dwpqwk``; not ``metahub``; a 3-letter word, ``sky``, only with a serial:
    ``sky744``), on a free host a 3-letter name that is no word at either end of English words
    (``futurehomeatt``, ``attmessage``), a distinctive name several labels in front of
    an unrelated domain with junk between (``auth.coinbase.detected-x7.qzvrk.top``), a short
    or word name as the label in front
    of an unrelated domain (``dpd.qzvrk.cc``; a word name also anywhere in front of a kit's
    numbered domain, ``booking.confirmation-id4936.com``; a distinctive name of 5 letters or more
    there, ``trezor.qzvrk.net``, is suspicious anywhere: 0.6), a typo or look-alike characters
    beside words that are not keywords (``en-trezoor``, ``k-1nterac``), and typos outside the rules
    above (a changed second or last letter, ``ledg3r``; a letter added at the end of a name under 8
    letters, ``trezorx``; a plural of a distinctive name of 8 letters or more or of its typo,
    ``telegrcams``, which beside tags only or with a copy number is a kit's copy anywhere,
    ``telegrams-mw``, ``whatsapps2``, 0.42, as is a distinctive name with a tag of up to three
    letters glued on beside a keyword, ``app-vzf-whatsappcc``; a name split by a hyphen with junk
    run on after it, ``fideli-tyaxuje``) have the shapes of many real names. They become suspicious
    (0.42-0.6) only on a free host, a cheap ending (.top, .xyz, .cc; .com.cn
    for a registered name of hyphenated words, ``hub-for-whatsapp.com.cn``; not .com, other
    country endings or cloud endpoints), beside a serial number (also one of 4 digits or more
    glued in front of a distinctive name: ``283776coinbase``), or for words beside a
    distinctive brand (in the chosen label or a subdomain), beside a sign-in word anywhere in
    the host (a token, or run together with English words: ``citi.passwordresetcenter.net``);
    elsewhere they score 0.38 (brand beside other words) or are not reported. So
    do weak names beside everyday keywords (``chase-team.top``, ``dhlsecure.top``), a
    brand's domain run together as a token (``attcom-206482``), a name split by the dot and
    run on into junk (``informed.deliverywxz.top`` for an "informed delivery" alias), and
    heavy misspellings (:mod:`~smishguard.domains.misspellings`: ``robnihhoodloogin``,
    ``metta-masck-walet``, a long name's head with the rest garbled: ``telegamgom``, 0.42; its
    consonants alone, other vowels between them: ``moocraasooft``, 0.42, or none, for a
    token that opens with a 4-consonant name so on a free host: ``trzr-bridge``),
    looked for only there. On a free host a name of 5 letters or more
    is also found anywhere inside the tenant label, whole or with one or two slips
    (:mod:`~smishguard.domains.approximate`: ``mybanruarlportal``), at 0.42-0.45, and a name
    of 8 letters or more with three slips beside a sign-in word (``mcirosfotx-login``, 0.42);
    dynamic-DNS names (``x.duckdns.org``) are free hosts, not DNS steering. There a
    misspelling of a longer name beats the weak hit of a shorter one inside it
    (``metaaaamask-wallet``: MetaMask, not Meta glued to junk). Elsewhere a
    misspelling counts only as one slip that keeps a name's first two letters, beside a
    pointed keyword (``ocinbase-verify.com``, 0.5). Anywhere, one or two slips that keep the
    first letter of a distinctive name of 13 letters or more count (``steamconmnuity.com``,
    0.7: no other name is that near so long a one), and three that keep the first two of one
    of 14 or more (``steamcomunutty.com``, 0.65). A brand label in front of a chosen label of
    keywords and one tag that is no word (``ledger.secure-15d7p.com``) is a subdomain
    imitation (0.6). A distinctive or short name run together, as written, with English words
    and a sign-in word (``coinbaselivehelp``, ``supportpaypalcenter``), in the chosen label or
    a subdomain label, is read as its hyphenated form: suspicious anywhere (0.45-0.5); so is a
    word name of 6 letters or more as the whole chosen label (``ledgerhelpcontact``, 0.42).
    With words alone (``coinbaseproexchange``) it is a glued name, weak evidence. An
    everyday-word name of 5 letters or more split by the dot and run on into junk
    (``s.team-ccz.com``) is suspicious anywhere (0.42): no word is written so.

Scores
    keyword on a strong brand 0.92, look-alike characters 0.9 (0.95 with a keyword or in
    Unicode), typo + keyword 0.9, typo alone 0.7-0.75, subdomain 0.85-0.88, free host 0.8,
    another suffix 0.6 on the cheap endings (``paypal.xyz``) but 0.35 elsewhere (``google.de``,
    ``amazon.jobs``, ``acme.net``: below the "suspicious" threshold, as those are mostly the
    brand's own or a namesake), weak evidence as above; lower for short, word and tiny names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import product
from typing import Final

from smishguard.domains.approximate import ApproximateNames
from smishguard.domains.brandnames import (
    BrandName,
    NameTable,
    Strength,
    brand_names,
    two_letter_names,
)
from smishguard.domains.context import (
    PLACE,
    POINTED,
    RISKY_TLDS,
    context_level,
    ending,
    is_lure_place,
    is_risky_tld,
    serial_token,
)
from smishguard.domains.generated import GENERATING, owners_part
from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.keywords import Keywords
from smishguard.domains.labels import (
    ESTABLISHED_TLDS,
    MAX_HOST,
    TLD_WORDS,
    Reading,
    on_boundaries,
    proxied_host,
    read_label,
    to_ascii_host,
    unpaired,
)
from smishguard.domains.lookalike_hits import (
    Hit,
    Scores,
    find_typo,
    glued_head_hit,
    glued_words_hit,
    slip_as_written,
    slipped_by_folds,
)
from smishguard.domains.misspellings import Misspellings
from smishguard.domains.name_rules import NameRules
from smishguard.domains.products import with_products
from smishguard.domains.spelled import SpelledDomains
from smishguard.domains.subdomains import SubdomainScan
from smishguard.domains.suffixes import (
    SuffixTable,
    is_infrastructure,
    is_restricted_suffix,
    suffix_table,
)
from smishguard.domains.typos import collapse_runs, describe_edit, distance
from smishguard.domains.words import Words, english_words
from smishguard.model import Imitation, ImitationKind
from smishguard.policy import Brand, Policy

# Entries per memo before it is emptied: ~100 bytes each, and a feed's names cluster (one
# certificate lists many hosts of one domain), so a wholesale reset loses little.
MEMO_SIZE = 1 << 16
_DOUBLED: Final = re.compile(r"([a-z])\1")
_RUNS: Final = re.compile(r"([a-z])\1*")
_MOST_RUNS: Final = 4  # doubled runs read both ways in a stretched token, at most
# A letter doubled, the next hyphen in its label, then another letter doubled in that label:
# possessive, so a long label is read in linear time per doubled letter.
_TWO_DOUBLED: Final = re.compile(r"([a-zA-Z])\1[^.-]*+-[^.]*?([a-zA-Z])\2")
_S = Strength



class LookalikeIndex:
    """Everything needed to judge a host, precomputed from a policy."""

    __slots__ = (
        "_approximate", "_brand_tlds", "_chosen", "_inner", "_misspellings", "_names",
        "_not_lookalikes", "_own_domains", "_own_slips", "_own_tops", "_pairs", "_policy",
        "_rules", "_spelled", "_subdomains", "_suffixes", "_words", "_written_once",
    )  # fmt: skip

    def __init__(self, policy: Policy, words: Words, suffixes: SuffixTable) -> None:
        self._policy = policy
        self._words = words
        self._suffixes = suffixes
        brands = with_products(policy.brands)  # Apple with Apple ID, Ledger with Ledger Live
        self._names = NameTable(brand_names(brands, words))
        self._pairs = two_letter_names(brands)
        owned: dict[str, Brand] = {}
        for brand in brands:
            for domain in brand.domains:
                owned.setdefault(domain, brand)
        self._rules = NameRules(self._names, Keywords.of(policy.keywords), owned, words)
        self._not_lookalikes = frozenset(policy.not_lookalikes)
        self._own_domains = frozenset((b.name, d) for b in brands for d in b.domains)
        # A brand's own top-level domain (.microsoft, .bnpparibas): only the brand registers
        # names there. Never an everyday word (.live, .box and .app are anyone's).
        self._brand_tlds = frozenset(
            n.flat
            for n in self._names.by_skeleton.values()
            if n.strength >= Strength.SHORT and suffixes.is_top_level(n.flat)
        )
        self._subdomains = SubdomainScan(self._rules, MEMO_SIZE)
        self._spelled = SpelledDomains(brands, frozenset(self._names.exact), MEMO_SIZE)
        # A brand's own domains on a country or other ending that is not one of the legacy
        # generic ones (token.im, orange.fr), by that ending: a slip of the name there
        # (tokeo.im) is the brand's address mistyped, whatever the name's strength.
        # Gated by (top label, first letter, length): one slip that leaves no letter out keeps
        # the first letter and adds one letter at most (two for a look-alike pair: rn).
        own_slips: dict[tuple[str, str, int], list[tuple[str, str, BrandName]]] = {}
        for domain, brand in owned.items():
            label, _, rest = domain.partition(".")
            top = rest.rsplit(".", 1)[-1]
            name = self._names.exact.get(label)
            if (name is not None and name.brand is brand and len(label) >= 5
                    and top not in ESTABLISHED_TLDS):  # fmt: skip
                for size in range(len(label), len(label) + 3):
                    own_slips.setdefault((top, label[0], size), []).append((rest, label, name))
        self._own_slips = {key: tuple(found) for key, found in own_slips.items()}
        self._own_tops = frozenset(top for top, _, _ in own_slips)  # the cheap gate first
        spelled_out = [n for n in self._names.by_skeleton.values() if not n.is_nickname]
        self._misspellings = Misspellings(
            spelled_out, policy.keywords, self._rules.keywords.pointed_words, words
        )
        self._approximate = ApproximateNames(spelled_out, words)
        # Names inside a longer name (meta in metamask): their weak hit in a misspelling of the
        # longer one (metaaaamask-wallet) gives way to that misspelling.
        inner: set[str] = set()
        automaton = self._names.automaton
        if automaton is not None:
            for name in self._names.by_skeleton.values():
                for _, found in automaton.iter(name.skeleton):
                    if len(found.skeleton) < len(name.skeleton):
                        inner.add(found.flat)
        self._inner = frozenset(inner)
        # A bounded memo of pure per-label work (many hosts share a chosen label): the chosen
        # label's hit by (on a free host; on a risky ending, a lure second level or neither).
        # It never changes an answer.
        self._chosen: tuple[dict[str, Hit | None], ...] = ({}, {}, {}, {}, {}, {})
        # Each hyphenated host found in nothing, read with its letters written once, or ""
        # (written_once: a host repeats in a stream, and the regex costs more than a lookup).
        self._written_once: dict[str, str] = {}

    def __reduce__(self) -> tuple[type[LookalikeIndex], tuple[Policy, Words, SuffixTable]]:
        return LookalikeIndex, (self._policy, self._words, self._suffixes)  # memos stay here

    @classmethod
    def from_policy(cls, policy: Policy) -> LookalikeIndex:
        """Build the index for a policy (tens of milliseconds for 1,000 brands)."""
        return cls(policy, english_words(), suffix_table())

    @property
    def policy(self) -> Policy:
        return self._policy

    def is_own_domain(self, brand: str, domain: str) -> bool:
        """Whether ``domain`` is one of the own domains of the brand named ``brand``, as the
        policy lists it (a host under it is not: :meth:`Policy.owner_of` says who owns that)."""
        return (brand, domain) in self._own_domains

    def match(self, host: str, leads: bool = False) -> Imitation | None:
        """The brand ``host`` imitates and how, or None (also for owned and invalid names).

        With ``leads``, a brand's name put in front of someone else's domain where nothing
        raises it (``darb.qmobilitcma.com``) comes back at score 0: a lead, which only a
        kit's other copies make suspicious (:mod:`~smishguard.domains.kits`). A host found so
        in nothing is read again with the doubled letters of its stretched labels written
        once (:func:`written_once`)."""
        found = self._match(host, leads)
        if found is not None or "-" not in host or len(host) > MAX_HOST:
            return found
        memo = self._written_once
        once = memo.get(host)
        if once is None:
            # most hosts: no label with doubled letters on both sides of a hyphen
            once = (written_once(host.lower(), self._words, self._names.exact) or ""
                    if host.isascii() and _TWO_DOUBLED.search(host) is not None else "")
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[host] = once
        if not once:
            return None
        host = host.lower()
        found = self._match(once, leads)
        if found is None:
            return None
        # The same labels, read as written: the reason names both.
        registered = ".".join(host.split(".")[-found.registered.count(".") - 1 :])
        reason = found.reason.replace(once, f"{host} (read as {once})", 1)
        return replace(found, domain=host, reason=reason, registered=registered)

    def _match(self, host: str, leads: bool) -> Imitation | None:
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
        proxied = proxied_host(labels)
        if proxied is not None:  # the proxied site is judged; a brand's own stays unflagged
            found = self._match(proxied, leads)
            return None if found is None else replace(found, domain=host)
        icann, private = self._suffixes.depths(labels)
        if private == n:
            return None  # a shared host's own apex (vercel.app, sharepoint.com)
        free = private > 0
        at = n - private - 1 if free else n - icann - 1
        if at < 0:
            return None
        label = labels[at]
        if free and labels[at + 1] in GENERATING:  # a platform's random id: no one's choice
            label = owners_part(label, ".".join(labels[at + 1 :]))  # (acme-app-k1tmw)
        tld = ending(labels) if icann == 2 else labels[-1]  # cheap second levels: my.id
        # A memo for each kind of place the same label is read differently in.
        risky = tld in RISKY_TLDS
        place = 2 if risky else 1 if is_lure_place(tld, label) else 0
        memo = self._chosen[(3 if free else 0) + place]
        if not free and is_restricted_suffix(labels, n - icann):
            best = None  # only a government may register here: no look-alike is registered
        elif not label:
            best = None
        elif label in memo:
            best = memo[label]
        else:
            read = read_label(label)
            best = None if read is None else self._scan_name(label, read, free, tld)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[label] = best
        rules = self._rules
        if best is None and not free and labels[-1] in self._own_tops:
            mistyped = self._own_slips.get((labels[-1], label[:1], len(label)))
            if mistyped is not None:
                best = self._own_domain_slip(label, ".".join(labels[at + 1 :]), mistyped)
        in_chosen = best  # the chosen label's find, which a subdomain label's may beat
        if at > 0 and (best is None or best.score < 0.88 or best.name in rules.pretexts):
            best = rules.better(best, self._subdomains.scan(labels, at, free or risky))
            if best is None and self._spelled.heads:
                best = self._spelled_in_front(labels, at)
        if best is None or self._is_owned(labels) or slipped_by_folds(best):
            return None
        unicode_slip = best is in_chosen and label[:4] == "xn--"
        # Weak evidence counts where phishing sites live (free hosts, risky endings, serials).
        if best.boost > best.score:
            level = context_level(labels, at, free, rules.keywords.pointed_words)
            if level < best.needs == POINTED and self._sign_in_glued(labels, at, best.name):
                level = POINTED
            if level >= best.needs:
                best = best.raised()
            elif best.score <= 0 and not (leads and best.kind is ImitationKind.SUBDOMAIN):
                return None
        # On CDN names a customer's hostname sits in the labels by design (checked last: rare).
        if (free or at > 0) and is_infrastructure(labels, n - icann - 1, best.name.flat, free,
                                                  self._words):
            return None
        if unicode_slip:
            best = slip_as_written(best, label)
        return best.imitation(host, ".".join(labels[at:]), ".".join(labels[at + 1 :]))

    def match_many(self, hosts: Iterable[str]) -> list[Imitation | None]:
        """:meth:`match` for each host, in order."""
        return [self.match(h) for h in hosts]

    # -- the chosen label -------------------------------------------------------------------

    def _scan_name(self, label: str, read: Reading, free: bool, tld: str) -> Hit | None:
        _, tokens, flat, orig, _, _ = read
        names = self._names
        rules = self._rules
        best, contains_name = self._names_inside(label, read, flat, tokens, free, tld)
        single = unpaired(read) if best is None else None
        if single is not None:  # a folded pair hid a name (santandernet, avaliadornubank)
            best, contains_name = self._names_inside(label, read, single[0], single[1], free,
                                                     tld, whole=False)
        if tokens is None and names.distinctive is not names.automaton:
            weak = names.weak.get(flat)
            if weak is not None:
                best = rules.better(best, rules.whole(weak, label, read, free, tld))
        if (best is None or best.score <= 0) and tokens is None:
            best = rules.better(best, rules.glued(orig))
            if best is None and (free or is_risky_tld(tld)):
                best = glued_head_hit(names, orig, self._words)
            if best is None and free and self._pairs:
                best = self._two_letters_glued(orig)
        elif best is None:  # the same, as one token among others (attservice-qzvrk)
            written = read[0].split("-")
            for token in written:
                if len(token) > 4 and not self._words.is_word(token):
                    best = rules.better(best, rules.glued(token, short=True))
            if best is None and (free or is_risky_tld(tld)):
                best = self._glued_head_beside(written)
        if best is None and free:  # a 3-letter name beside words (homemailatt-108467)
            written = read[0].split("-")
            for token, after in zip(written, [*written[1:], ""], strict=True):
                if after not in TLD_WORDS:  # not a domain written out (acmefoodsco-com)
                    best = glued_words_hit(names, token, self._words, rules.keywords)
                    if best is not None:
                        break
        # A label that holds a brand name as a token is not also a typo of it (s-microsoft).
        loose = free or is_risky_tld(tld) or is_lure_place(tld, label)
        if (best is None or best.score <= 0) and not contains_name:
            typo = find_typo(read, names, self._words, rules.keywords, loose)
            best = rules.better(best, typo)
        if best is None and not loose:
            best = self._misspellings.find_beside_sign_in(read[0])
        if best is not None and best.score <= 0 and loose and best.name.flat in self._inner:
            longer = self._misspellings.find(read[0], free)
            if longer is None and free:
                longer = self._misspellings.find_three(read[0])
            if longer is not None and best.name.flat in longer.name.flat:
                return longer
        if best is None and loose:
            best = self._misspellings.find(read[0], free)
            written = read[0].split("-")
            if best is None and tokens is not None and self._pairs:
                best = self._two_letters(written)
            if best is None:  # free hosts: with slips; cheap endings: whole names of 6+
                best = self._approximate.find(label, exact=not free)
            if best is None and free:
                best = self._misspellings.find_three(read[0])
            if best is None and free:
                best = self._misspellings.find_garbled(read[0])
            if best is None:
                best = self._misspellings.find_revowelled(read[0], free)
            if best is None:
                best = self._misspellings.find_headed(read[0])
            if best is None:
                best = self._misspellings.find_digit_noise(read[0])
        if best is None and not contains_name:
            best = self._misspellings.find_long(read[0])
        if best is None and free and tokens is not None and self._spelled.heads:
            # a brand's short domain written out in a tenant's name (mail-sco-gov-pk)
            spelled = self._spelled.find(read[0].split("-"))
            if spelled is not None:
                return Hit(Scores.SPELLED[_S.TINY], ImitationKind.SUBDOMAIN, spelled, label,
                           edit="free-host")  # fmt: skip
        if best is None and loose and not free and tokens is None and orig[-1:].isdigit():
            # a kit's number after a typo on a cheap ending (amazou06.vip): read without it;
            # not on free hosts, where tenants number their names (fwcdn3.weebly.com)
            core = orig.rstrip("0123456789")
            core_read = read_label(core) if len(core) >= 5 else None
            if core_read is not None:
                best = find_typo(core_read, names, self._words, rules.keywords, loose)
        if best is None and loose and tokens is None and len(label) >= 8 and label[:3] == "www":
            # www run into a look-alike where phishing sites live (wwwteiegrm.xyz, as a kit
            # writes www.teiegrm): read without it
            rest = label[3:]
            rest_read = read_label(rest)
            if rest_read is not None:
                best = self._scan_name(rest, rest_read, free, tld)
        return best

    def _glued_head_beside(self, written: list[str]) -> Hit | None:
        """A 3-letter name at the head of junk (:func:`glued_head_hit`) as the one token of a
        label that is no keyword nor top-level word (``gov-dwpqwk``, ``uk-dwpkq`` of
        ``gov.uk-dwpkq``): read as alone; the caller checks the place."""
        tiny = self._names.tiny
        if not any(token[:3] in tiny for token in written):
            return None  # the cheap test first: no token opens with a 3-letter name
        keywords = self._rules.keywords
        found = ""
        for token in written:
            if token in TLD_WORDS or keywords.read(skeleton(token)) is not None:
                continue
            if found:
                return None
            found = token
        return glued_head_hit(self._names, found, self._words) if found else None

    def _names_inside(self, label: str, read: Reading, flat: str, tokens: list[str] | None,
                      free: bool, tld: str, whole: bool = True) -> tuple[Hit | None, bool]:
        """The best hit of a brand name found in the label's skeleton ``flat`` (its tokens
        ``tokens``), and whether a name of 4 letters or more stands as whole tokens there.
        Without ``whole``, a name that is the whole label is left to the skeleton's reading."""
        names = self._names
        rules = self._rules
        best: Hit | None = None
        contains_name = False
        orig, shown, uni = read[3], read[4], read[5]
        # One token: weak names can only be the whole label, so only distinctive ones are
        # searched inside it (fewer hits to reject).
        automaton = names.automaton if tokens is not None else names.distinctive
        # A label that is a brand's name is read as that name (microsoftonline.us: its
        # domain's name on another ending), not as a shorter name of the brand beside a word.
        whole_name = names.by_skeleton.get(flat)
        for end, name in automaton.iter(flat):  # type: ignore[union-attr]
            start = end + 1 - len(name.skeleton)
            if start == 0 and end + 1 == len(flat):
                if not whole:
                    continue
                hit = rules.whole(name, label, read, free, tld)
            elif whole_name is not None and whole_name.brand is name.brand:
                continue
            else:
                hit = rules.inside(name, flat, start, end + 1, tokens, orig, uni, sub=False,
                                   shown=shown)
            best = rules.better(best, hit)
            if not contains_name and name.strength >= _S.SHORT and tokens is not None:
                contains_name = on_boundaries(tokens, start, end + 1)
        return best, contains_name

    def _spelled_in_front(self, labels: list[str], at: int) -> Hit | None:
        """A brand's short domain written out in the labels in front of someone else's domain
        or run on into its name (``log-ind.skat.dk.x.com``, ``post-ch.x.world``,
        ``ca.gov-zae.cfd``): :mod:`~smishguard.domains.spelled`."""
        spelled = self._spelled
        for i in range(at):
            if spelled.may_open(labels[i]):
                break
        else:
            return None
        name = spelled.find("-".join(labels[: at + 1]).split("-"))
        if name is None:
            return None
        return Hit(Scores.SPELLED[_S.TINY], ImitationKind.SUBDOMAIN, name, name.text)

    def _own_domain_slip(
        self, label: str, where: str, domains: tuple[tuple[str, str, BrandName], ...]
    ) -> Hit | None:
        """One slip of a brand's own domain's name, on that domain's own ending ``where``, its
        first letter kept and no letter left out (``tokeo.im``, ``tocken.im`` for
        ``token.im``; a letter left out is mostly a word of its own: avto.ru for avito.ru), as
        written or in look-alike letters."""
        folded = skeleton(label)
        for own_ending, flat, name in domains:
            if own_ending != where or label == flat:
                continue
            if min(distance(label, flat), distance(folded, name.skeleton)) == 1:
                # scored as a short name's typo (0.7), whatever the name's own strength: the
                # ending, not the name, says whose address it is
                edit = describe_edit(label, flat) or "misspelling"
                return Hit(Scores.TYPO[Strength.SHORT], ImitationKind.TYPO, name, label,
                           edit=edit)  # fmt: skip
        return None

    def _sign_in_glued(self, labels: list[str], at: int, name: BrandName) -> bool:
        """Whether a token of the host (up to the chosen label) runs English words together
        with a sign-in word of 4 letters or more (``citi.passwordresetcenter.net``,
        ``acme.accountrecoverycenter.com``): the glued form of a sign-in word as a token
        (:func:`~smishguard.domains.context.context_level`). The token may hold a distinctive
        name of 5 letters or more at its head or end, the words run on after or before it
        (``icloudsupport-inc.com``); no other token holding the name counts."""
        keywords, words = self._rules.keywords, self._words
        flat, distinctive = name.flat, name.strength == _S.STRONG
        for label in labels[: at + 1]:
            for token in label.split("-"):
                if flat in token:
                    token = _beside_name(token, flat) if distinctive else ""
                    least = 4
                else:
                    least = 6
                if len(token) >= least and keywords.read_words(token, words, 4):
                    return True
        return False

    def _two_letters(self, tokens: list[str]) -> Hit | None:
        """A brand's two-letter name as a token beside a serial (bt-205827.weeblysite.com) or
        beside keywords and English words, a sign-in word among them (ee-verify-account.web.app,
        ee-account-home.web.app)."""
        for token in tokens:
            name = self._pairs.get(token)
            if name is not None:
                beside = serial_token(tokens)
                if not beside and self._rules.keywords.read(skeleton(token)) is None:
                    # not a name that is a keyword itself (my of my.gov.au)
                    beside = self._pointed_keywords(tokens, token)
                if beside:
                    return _two_letter_hit(name, beside)
                # else another token may be a name (my-ee-login-auth)
        return None

    def _two_letters_glued(self, text: str) -> Hit | None:
        """A brand's two-letter name run together with English words and a sign-in word, as
        a free host's tenant (``btwebmailsupport.weebly.com``): weak evidence there. Not when
        the whole tenant reads as words (``canarymail``), nor for a name that is a keyword."""
        name = self._pairs.get(text[:2])
        if name is None or len(text) < 8:
            return None
        keywords = self._rules.keywords
        if (keywords.read(skeleton(text[:2])) is not None
                or keywords.read_words(text, self._words) is not None):  # fmt: skip
            return None  # a name that is a keyword (my), or words from the start (canarymail)
        keyword = keywords.read_words(text[2:], self._words)
        return _two_letter_hit(name, keyword) if keyword else None

    def _pointed_keywords(self, tokens: list[str], name: str) -> str:
        """The first keyword of ``tokens`` other than ``name`` when they are keywords only, a
        pointed one among them; when they are keywords and English words of 3 letters or
        more (``ee-account-home``), the first pointed keyword; else ''."""
        keywords = self._rules.keywords
        others = [t for t in tokens if t != name]
        read = keywords.read_each(skeleton(t) for t in others)
        if read is not None:
            return read[0] if read[1] else ""
        pointed = ""
        for token in others:
            folded = skeleton(token)
            word = keywords.read(folded)
            if word is None:
                if len(token) < 3 or not self._words.is_word(token):
                    return ""
            elif not pointed and keywords.is_pointed(folded):
                pointed = word
        return pointed

    # -- ownership --------------------------------------------------------------------------

    def _is_owned(self, labels: list[str]) -> bool:
        """Owned by a protected brand: one of its domains or a subdomain of one, or any
        name under its own top-level domain; or at or under a domain of the policy's
        ``not_lookalikes``, which imitates none.

        As :meth:`Policy.owner_of`: a policy lists only domains whose every subdomain the
        brand controls, so a shared host's own domain (pages.dev) is never listed.
        """
        if labels[-1] in self._brand_tlds:
            return True
        owned, reviewed = self._rules.owned, self._not_lookalikes
        key = ""
        for i in range(len(labels) - 1, -1, -1):
            key = labels[i] + "." + key if key else labels[i]
            if key in owned or key in reviewed:
                return True
        return False


def _two_letter_hit(name: BrandName, beside: str) -> Hit:
    """A two-letter name beside a serial or keywords: weak evidence where phishing lives."""
    return Hit(0.0, ImitationKind.KEYWORD, name, name.text, keyword=beside, edit="beside",
               boost=Scores.GLUED[_S.TINY], needs=PLACE)  # fmt: skip


def written_once(host: str, words: Words, names: dict[str, BrandName]) -> str | None:
    """``host`` with each label of two stretched tokens or more written with its stretched
    tokens' doubled letters once (``daana-loginn.x.xyz`` → ``dana-login.x.xyz``,
    ``aktiffkann-danaa-paaylatter``), or None when no label is so: kits double letters all
    over a label to pass filters. A stretched token has a letter doubled and is no English
    word (``book``) nor a brand's name as written (``shopee``)."""
    labels = host.split(".")
    changed = False
    for i, label in enumerate(labels):
        if "-" not in label or _DOUBLED.search(label) is None:
            continue
        tokens = label.split("-")
        stretched = [_is_stretched(t, words, names) for t in tokens]
        if sum(stretched) >= 2:
            labels[i] = "-".join(
                _once(t, words, names) if s else t for t, s in zip(tokens, stretched, strict=True)
            )
            changed = True
    return ".".join(labels) if changed else None


def _once(token: str, words: Words, names: dict[str, BrandName]) -> str:
    """A stretched token with its doubled letters written once, but a word's or a name's own
    double kept (``walllet`` → ``wallet``, ``suppoort`` → ``support``; ``loggin`` → ``login``):
    each run read as one letter or two, the first reading that is a word or a name, else all
    as one (``daana`` → ``dana``)."""
    runs = [m.group(0) for m in _RUNS.finditer(token)]
    doubled = [k for k, run in enumerate(runs) if len(run) > 1]
    if len(doubled) <= _MOST_RUNS:
        for twos in product((False, True), repeat=len(doubled)):
            if not any(twos):
                continue  # all as one: the fallback below
            widths = [1] * len(runs)
            for k, two in zip(doubled, twos, strict=True):
                widths[k] = 2 if two else 1
            reading = "".join(run[0] * width for run, width in zip(runs, widths, strict=True))
            if words.is_word(reading) or reading in names:
                return reading
    return collapse_runs(token)


def _is_stretched(token: str, words: Words, names: dict[str, BrandName]) -> bool:
    return (token.isalpha() and _DOUBLED.search(token) is not None
            and not words.is_word(token) and token not in names)  # fmt: skip


def _beside_name(token: str, flat: str) -> str:
    """``token`` without the name ``flat`` at its head or end (``support`` of
    ``icloudsupport``); '' when the name is neither."""
    if token.startswith(flat):
        return token[len(flat) :]
    if token.endswith(flat):
        return token[: -len(flat)]
    return ""

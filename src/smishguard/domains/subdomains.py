"""The labels in front of the chosen one: where a brand is put to be read at a glance.

``acme.com.verify-id.xyz``, ``www-acme-com.evil.net`` and ``acmecom.evil.net`` (right in
front of the chosen label) spell a brand's domain out, ``acmee.com.evil.net`` a mistyped
one, ``acme.co.uk-ovrd.com`` writes a brand's own host out and runs it on into the
registered name, ``acme-login.evil.net`` puts a brand beside keywords, ``acme.okta-login.co``
puts a brand label in front of a chosen label made only of keywords, and ``twil.io.com`` puts
a dot inside the name. :class:`SubdomainScan` finds these for the look-alike index
(:mod:`~smishguard.domains.lookalike`), with the index's :class:`NameRules`.
"""

from __future__ import annotations

import re
from typing import Final

from smishguard.domains.brandnames import BrandName, Strength
from smishguard.domains.context import KIT_SERIAL, NONE, PLACE, POINTED
from smishguard.domains.homoglyphs import reads_as, skeleton
from smishguard.domains.labels import TLD_WORDS, Reading, read_label, unpaired
from smishguard.domains.lookalike_hits import Hit, Scores, find_typo
from smishguard.domains.name_rules import RUN_TOGETHER, NameRules
from smishguard.domains.suffixes import CNAME_STEMS, SAAS_TENANT_HOSTS
from smishguard.model import ImitationKind

MAX_SUBDOMAIN_LABELS: Final = 8
_K = ImitationKind
_S = Strength
# The brand names in a subdomain label, in the order found: the hit of a name inside the
# label (it depends on the label alone), or None for the whole label, which is judged with
# the labels around it (_whole).
_SubLabel = tuple[tuple[BrandName, Hit | None], ...]
_NOTHING: Final[_SubLabel] = ()
# What a host name written out in one label starts or ends with: www, or a numbered www that
# sites serve their sign-in from (www3-vpass for www3.vpass.ne.jp, www-acme, acmewww).
_WWW: Final = re.compile(r"^www[1-9]?|www$")


class SubdomainScan:
    """Brand names in the subdomain labels of a host, with a bounded memo per label."""

    __slots__ = ("_memo", "_memo_size", "_rules", "_typos")

    def __init__(self, rules: NameRules, memo_size: int) -> None:
        self._rules = rules
        # What a subdomain label holds depends on the label alone, and labels repeat (www,
        # login, a brand): the memo never changes an answer.
        self._memo: dict[str, _SubLabel] = {}
        self._memo_size = memo_size
        self._typos: dict[str, Hit | None] = {}  # the same for _typo_spelled

    def scan(self, labels: list[str], at: int, loose: bool = False) -> Hit | None:
        """The best hit in ``labels[:at]``, ``at`` being the index of the chosen label;
        ``loose``: the host is where phishing sites live (a free host, a cheap ending), where
        a typo as the label right in front of the chosen one counts too
        (``indapost.rjptg.top``)."""
        best: Hit | None = None
        # A dot put inside the name (twil.io.com, pay.pal.com): the last two labels read as one.
        head = labels[at - 1]
        tails = self._rules.names.dot_tails.get(head)
        if tails is not None:
            best = self._dotted(head, labels[at], tails)
        memo = self._memo
        rules = self._rules
        # Two names of one brand in two labels in front of someone else's domain
        # (icloud.apple-sure.zajzt.cn): a kit's host, never a vendor's name for the brand.
        first: BrandName | None = None
        first_at = -1
        second: BrandName | None = None
        for i in range(at - 1, max(-1, at - 1 - MAX_SUBDOMAIN_LABELS), -1):
            label = labels[i]
            found = memo.get(label)
            if found is None:
                found = self._read(label)
                if len(memo) >= self._memo_size:
                    memo.clear()
                memo[label] = found
            if (at - i <= 2 and _top_level_word_after(labels[i + 1], i + 1 == at)
                    and all(inside is not None for _, inside in found)):  # fmt: skip
                # no name is the whole label: perhaps a typo of one, its domain written out
                best = rules.better(best, self._typo_spelled(label))
            if loose and not found and i == at - 1 and len(label) >= 5:
                best = rules.better(best, self._typo_in_front(label))
            for name, inside in found:
                if first is None:
                    first, first_at = name, i
                elif (second is None and i != first_at and name.brand is first.brand
                      and name.flat != first.flat):  # fmt: skip
                    second = name
                if inside is None:
                    hit = self._whole(name, labels, i, at)
                elif inside.edit == RUN_TOGETHER and i != at - 1:
                    continue  # x.dhlcom.d3.sc.omtrdc.net: a CDN's CNAME
                else:
                    hit = inside
                best = rules.better(best, hit)
        if first is not None and second is not None:
            score = Scores.SUB_CONTEXT[max(first.strength, second.strength)]
            best = rules.better(best, Hit(score, _K.SUBDOMAIN, second, second.text))
        return best

    def _is_keywords(self, label: str) -> bool:
        """Whether a subdomain label is keywords only (``secure``, ``verification-account``)."""
        return self._rules.keywords.read(skeleton(label.replace("-", ""))) is not None

    def _keywords_between(self, name: BrandName, between: list[str]) -> Hit | None:
        """``name`` is a whole label with only keyword labels between it and the chosen label
        (``acme.verification-account.x.top``, ``acme.verification.logln.x.net``): the brand
        beside sign-in words, a label apart; a weak name only beside a pointed one."""
        read = self._rules.keywords.read_each(skeleton(b.replace("-", "")) for b in between)
        if read is None or not (read[1] or name.strength >= _S.SHORT):
            return None
        score = Scores.KEYWORD[name.strength] - 0.05
        return Hit(0.0, _K.KEYWORD, name, name.text, keyword=read[0], boost=score, needs=PLACE)

    def _typo_in_front(self, label: str) -> Hit | None:
        """A typo of a distinctive or short name as the whole label in front of the chosen
        label (``indapost.rjptg.top``, ``conbase-serv.x.cprapid.com``), scored as the typo
        alone where phishing sites live, which the caller has checked; not a CDN's label
        (``fscdn.x.cloud`` is no ``fbcdn``)."""
        if any(stem in label for stem in CNAME_STEMS):
            return None
        typo = self._typo_spelled(label)
        if typo is None or typo.name.typo_strength < _S.SHORT:
            return None
        return Hit(0.0, typo.kind, typo.name, typo.matched, typo.keyword, typo.edit,
                   boost=max(typo.score, typo.boost), needs=PLACE)  # fmt: skip

    def _typo_spelled(self, label: str) -> Hit | None:
        """A typo of a name with a top-level word after it, right in front of the chosen label
        or run on into it (``coinbasse.com.x.net``, ``kraker.com-wallet.site``): the brand's
        domain mistyped and written out in front of someone's, read as the typo alone is
        (loose typos only where phishing sites live). Farther from the chosen label it is
        left alone, as a CDN's CNAME may be (:func:`_top_level_word_after`)."""
        memo = self._typos
        if label in memo:
            return memo[label]
        read = read_label(label)
        rules = self._rules
        found = None if read is None else find_typo(
            read, rules.names, rules.words, rules.keywords, loose=True)
        if len(memo) >= self._memo_size:
            memo.clear()
        memo[label] = found
        return found

    def _dotted(self, head: str, label: str, tails: tuple[str, ...]) -> Hit | None:
        names = self._rules.names
        if head in names.plain_labels:
            return None
        dotted = names.exact.get(head + label)
        if dotted is not None and dotted.strength >= _S.SHORT:
            shown = f"{head}.{label}"
            return Hit(Scores.TYPO[dotted.strength], _K.TYPO, dotted, shown, edit="dot")
        return self._dotted_glued(head, label, tails)

    def _dotted_glued(self, head: str, label: str, tails: tuple[str, ...]) -> Hit | None:
        """A name split by the dot and run on into keywords (``informed.delivery-track.com``
        for Informed Delivery) or, five letters or more of it, into English words
        (``steam.communityartlist.com`` for Steam Community): suspicious anywhere; into junk
        (``informed.deliverywxz.top``): weak evidence, raised where phishing sites live. An
        everyday word so split and run on into junk (``s.team-ccz.com``, ``s.teamq.cc``: a
        Steam kit's hundreds of domains) is just suspicious anywhere, as no word is written
        so; run on into words it is another name (``s.teamviewer.com``)."""
        rules = self._rules
        names = rules.names
        for tail in tails:
            if len(label) > len(tail) and label.startswith(tail):
                name = names.exact[head + tail]
                rest = label[len(tail) :]
                keyword = rules.keywords.read(skeleton(rest.replace("-", "")))
                if keyword is not None:  # informed.delivery-track.com
                    score = Scores.KEYWORD[name.strength] - 0.02
                    return Hit(score, _K.KEYWORD, name, name.text, keyword=keyword)
                if len(tail) >= 5 and rules.keywords.read_words(rest, rules.words) is not None:
                    # steam.communityartlist.com: run on into English words
                    return Hit(Scores.CONTEXT[name.strength], _K.KEYWORD, name, name.text,
                               keyword=rest, edit="beside")  # fmt: skip
                if name.strength == _S.WORD:
                    if rules.keywords.read_words(rest.replace("-", ""), rules.words) is not None:
                        return None
                    return Hit(Scores.CONTEXT[_S.WORD], _K.KEYWORD, name, name.text,
                               keyword=rest.strip("-"), edit="beside")  # fmt: skip
                return Hit(0.0, _K.KEYWORD, name, name.text, keyword=rest, edit="beside",
                           boost=Scores.GLUED[name.strength], needs=PLACE)  # fmt: skip
        return None

    def _read(self, label: str) -> _SubLabel:
        """The brand names in a subdomain label and, for those inside it, their hits."""
        rules = self._rules
        names = rules.names
        if len(label) < 3 or label in names.plain_labels:
            return _NOTHING
        read = read_label(label)
        if read is None:
            return _NOTHING
        _, tokens, flat, orig, shown, uni = read
        found = self._names_in(flat, tokens, read)
        single = None if found else unpaired(read)
        if single is not None:  # a folded pair hid a name (santandernet-login)
            found = self._names_in(single[0], single[1], read)
        if tokens is None and names.distinctive is not names.automaton:
            weak = names.weak.get(flat)
            if weak is not None:
                found.append((weak, None))
            else:  # a weak name's own domain run together (ledgercom, attnet)
                for size in (2, 3, 4):
                    weak = names.weak.get(flat[:-size]) if flat[-size:] in TLD_WORDS else None
                    hit = None if weak is None else rules.inside(
                        weak, flat, 0, len(flat) - size, None, orig, uni, sub=True, shown=shown)
                    if weak is not None and hit is not None:
                        found.append((weak, hit))
        return tuple(found) if found else _NOTHING

    def _names_in(self, flat: str, tokens: list[str] | None,
                  read: Reading) -> list[tuple[BrandName, Hit | None]]:
        """The brand names in a subdomain label's skeleton ``flat`` (its tokens ``tokens``):
        whole (None) or inside it, with their hits."""
        rules = self._rules
        names = rules.names
        orig, shown, uni = read[3], read[4], read[5]
        found: list[tuple[BrandName, Hit | None]] = []
        automaton = names.automaton if tokens is not None else names.distinctive
        for end, name in automaton.iter(flat):  # type: ignore[union-attr]
            start = end + 1 - len(name.skeleton)
            if start == 0 and end + 1 == len(flat):
                if reads_as(orig, name.flat):  # not a look-alike of a look-alike (idd, icici)
                    found.append((name, None))
            elif _is_written_host(orig, name):
                found.append((name, None))  # www-acme in front of someone's domain is acme's
            else:
                hit = rules.inside(name, flat, start, end + 1, tokens, orig, uni, sub=True,
                                   shown=shown)
                if hit is not None:
                    found.append((name, hit))
        return found

    def _keyword_and_tag(self, text: str) -> tuple[str, bool] | None:
        """(first keyword, any pointed) when a chosen label is keywords and one tag that is
        no word (``secure-15d7p``, ``my-gwnp``), else None."""
        keywords = self._rules.keywords
        found = ""
        pointed = False
        tags = 0
        for token in text.split("-"):
            folded = skeleton(token)
            word = keywords.read(folded) if token else None
            if word is not None:
                found = found or word
                pointed = pointed or keywords.is_pointed(folded)
            elif 3 <= len(token) <= 8 and not self._rules.words.is_word(token):
                tags += 1
            else:
                return None
        return (found, pointed) if found and tags == 1 else None

    def _reads_as_a_path(self, between: list[str]) -> bool:
        """Whether the labels between a domain spelled out and the chosen label read as the
        path of a web address (``nl.services``, ``challenge.vote``): an English word of 4
        letters or more among them, and none that a CNAME chain has (a top-level word, ssl,
        cdn, edge: ``com.ssl.d1.sc``, ``com.edgekey.net.tm``)."""
        words = self._rules.words
        worded = False
        for label in between:
            if label in TLD_WORDS or any(stem in label for stem in CNAME_STEMS):
                return False
            worded = worded or any(
                len(token) >= 4 and words.is_word(token) for token in label.split("-")
            )
        return worded

    def _own_domain_run_on(self, name: BrandName, labels: list[str], i: int, at: int) -> str:
        """The brand's own host written out from ``labels[i]`` with its last label run on by
        a hyphen into the chosen label, as kits write a brand's address in front of theirs:
        the whole host (``darb.itc.gov.ae-ovrd.com`` for ``darb.itc.gov.ae``) or the name and
        one of its own domains' endings (``darb.ae-poen.com``); else ''."""
        chosen = labels[at]
        cut = chosen.find("-")
        if cut < 2:
            return ""
        last = chosen[:cut]
        if i + 1 == at:
            return f"{name.text}.{last}" if f"{name.flat}.{last}" in self._rules.own_endings else ""
        written = ".".join(labels[i:at]) + "." + last
        return written if self._rules.owned.get(written) is name.brand else ""

    def _whole(self, name: BrandName, labels: list[str], i: int, at: int) -> Hit | None:
        """``name`` is the whole subdomain label ``labels[i]``: judged by the labels after it."""
        rules = self._rules
        strength = name.strength
        after = labels[i + 1]
        head = after.split("-", 1)[0]
        # its domain spelled out: a top-level word after it, or any of its own domains' endings
        # (dhl.de.x.top)
        if head in TLD_WORDS or f"{name.flat}.{head}" in rules.owned:
            spelled = f"{name.text}.{head}"
            # A weak name spells its domain out only in its own shape (att.com.x.net) or run
            # on into the chosen label (att.com-login8f.top), never an unrelated x.com.y.
            runs_on = i == at - 1 and head != after
            if strength < _S.SHORT and spelled not in rules.owned and not runs_on:
                return None
            gap = at - i - 2 if head == after else at - i - 1
            rest = skeleton(after[len(head) + 1 :].replace("-", ""))
            keyword = (rules.keywords.read(rest) or "") if rest else ""
            if gap > 1:
                # Far from the chosen label it is mostly a CDN's CNAME (x.com.ssl.d1.sc.
                # omtrdc.net); where phishing sites live, or with words between that read
                # as a path (bitvavo.com.nl.services.x.com.br), a kit's long host
                # (amazon.com.br.x.qzvrk.fun).
                if strength < _S.SHORT:
                    return None
                path = self._reads_as_a_path(labels[i + (2 if head == after else 1) : at])
                return Hit(0.0, _K.SUBDOMAIN, name, spelled, keyword=keyword,
                           boost=Scores.SPELLED[strength] - 0.15,
                           needs=NONE if path else PLACE)  # fmt: skip
            score = Scores.SPELLED[strength] - (0.15 if gap > 0 else 0.0)
            return Hit(score, _K.SUBDOMAIN, name, spelled, keyword=keyword)
        own = self._own_domain_run_on(name, labels, i, at)
        if own:
            return Hit(Scores.SPELLED[strength], _K.SUBDOMAIN, name, own)
        name_read = read_label(labels[at]) if i == at - 1 else None
        if name_read is not None:
            beside = rules.keywords.read(name_read[2])
            if beside is not None:
                score = Scores.KEYWORD[strength] - 0.02
                return Hit(score, _K.KEYWORD, name, name.text, keyword=beside)
            tagged = self._keyword_and_tag(name_read[0]) if name_read[1] else None
            if tagged is not None:
                # The brand in front of a keyword and a tag (ledger.secure-15d7p.com): the
                # shape of a kit's throwaway domain; with an everyday keyword (my, app) only
                # where phishing sites live.
                keyword, pointed = tagged
                score = Scores.SUB_CONTEXT[strength]
                if pointed or strength >= _S.SHORT:
                    return Hit(score, _K.SUBDOMAIN, name, name.text, keyword=keyword)
                return Hit(0.0, _K.SUBDOMAIN, name, name.text, keyword=keyword, boost=score,
                           needs=PLACE)  # fmt: skip
        if i < at - 1:
            between = labels[i + 1 : at]
            hit = self._keywords_between(name, between)
            if hit is None and strength == _S.STRONG and not all(
                len(label) <= 3 or rules.words.is_word(label) for label in between
            ):
                # A distinctive name labels in front, with junk between (authentification.
                # coinbase.detected-suspesius1.<ip>.cprapid.com): a kit's long host where
                # phishing sites live; vendors name hosts with words (intuit.data.us.x.cloud).
                hit = Hit(0.0, _K.SUBDOMAIN, name, name.text, boost=Scores.SUB_CONTEXT[strength],
                          needs=PLACE)  # fmt: skip
            return hit
        plain = rules.names.plain_labels
        if all(labels[j] in plain or self._is_keywords(labels[j]) for j in range(i)):
            if ".".join(labels[at:]) in SAAS_TENANT_HOSTS:
                return None  # the brand's own tenant of a service (twilio.pagerduty.com)
            # The brand in front of someone else's domain (trezor.qzvrk.cc, hsbc.x.net), with
            # frequent labels or keywords in front of it (recovery.trezor.x.com): so are the
            # hosts vendors run for brands (spotify.demdex.net, latam.visma.com), so a short
            # name only beside a sign-in word and a word name only where phishing sites live
            # or in front of a kit's numbered domain (booking.confirmation-id4936.com); a
            # distinctive name of 5 letters or more anywhere.
            needs = (NONE if strength == _S.STRONG else POINTED if strength == _S.SHORT
                     else KIT_SERIAL)
            boost = Scores.SUB_CONTEXT[strength]
            return Hit(0.0, _K.SUBDOMAIN, name, name.text, boost=boost, needs=needs)
        return None


def _top_level_word_after(after: str, run_on: bool) -> bool:
    """Whether the label after a subdomain label is a top-level word (``com``) right before
    the chosen label, or the chosen label ``after`` itself (``run_on``) opens with one and a
    hyphen (``com-wallet``)."""
    if not run_on:
        return after in TLD_WORDS
    if "-" not in after:
        return False
    cut = after.find("-")
    return cut > 1 and after[:cut] in TLD_WORDS


def _is_written_host(orig: str, name: BrandName) -> bool:
    """Whether a label as written (``orig``, without hyphens) is ``name``'s host name run
    together: the name with a www, numbered or not, in front of it or a www after it
    (``www3vpass``, ``wwwacme``, ``acmewww``)."""
    if orig[:3] != "www" and orig[-3:] != "www":
        return False  # the cheap test first: most labels with a name inside have no www
    bare = _WWW.sub("", orig, count=1)
    return bare != orig and skeleton(bare) == name.skeleton and reads_as(bare, name.flat)

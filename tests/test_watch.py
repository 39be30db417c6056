"""The pure watch pipeline: normalise, judge once, hits as values."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import CertifiedName, CtName, Imitation, ImitationKind
from smishguard.policy import load_policy
from smishguard.watch import Watch, WatchHit, is_host_name, normalize_name, watch


class FakeIndex:
    """Stands in for the look-alike index where the engine is not the point: any host with
    'acme' in it, except acme.com itself, imitates Acme."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def match(self, host: str, leads: bool = False) -> Imitation | None:
        self.asked.append(host)
        if "acme" not in host or host == "acme.com" or host.endswith(".acme.com"):
            return None
        return Imitation(domain=host, brand="Acme", kind=ImitationKind.KEYWORD, score=0.875,
                         matched="acme", keyword="okta", reason=f"{host} imitates Acme")

    def is_own_domain(self, brand: str, domain: str) -> bool:
        return brand == "Acme" and domain == "acme.com"


@pytest.mark.parametrize(("raw", "expected"), [
    ("acme-okta.com", "acme-okta.com"),
    ("  ACME-OKTA.COM.  ", "acme-okta.com"),
    ("*.acme-okta.com", "acme-okta.com"),
    ("*.*.acme-okta.com.", "acme-okta.com"),
    ("sso.acme-okta.com", "sso.acme-okta.com"),
    ("аcme.com", "xn--cme-5cd.com"),  # Cyrillic а
    ("ACMÉ-login.com", "xn--acm-login-d4a.com"),
    ("acme。com", "acme.com"),  # ideographic full stop, mapped by UTS 46
    ("xn--cme-5cd.com", "xn--cme-5cd.com"),
    ("_dmarc.acme-okta.com", "_dmarc.acme-okta.com"),
    ("localhost", None),
    ("10.0.0.1", None),
    ("a..b", None),
    ("-container.acme-okta.com", "-container.acme-okta.com"),  # seen in real DNS data
    ("acme-.com", "acme-.com"),
    ("acme.-com", None),
    ("acme.com-", None),
    ("acme.c", None),
    ("", None),
    ("*", None),
    ("acme.com/login", None),
    ("a" * 64 + ".com", None),
    ("a" * 63 + ".com", "a" * 63 + ".com"),
    ("acme." + "c" * 63, "acme." + "c" * 63),
    ("acme." + "c" * 64, None),
    ("acme.co_m", None),
    (".com", None),
    ("-.acme-okta.com", "-.acme-okta.com"),
    (".".join(["a" * 60] * 5) + ".com", None),  # over 253 characters
    ("acme\x00.com", None),
    ("☃.com\udcff", None),  # lone surrogate: not encodable
])
def test_normalize_name(raw: str, expected: str | None) -> None:
    assert normalize_name(raw) == expected


# The host-name rules of is_host_name as one regular expression (what it replaced, for speed).
_HOST_RULES = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9_-]{1,63}\.)+(?!-)[a-z0-9-]{2,63}(?<!-)\Z")


@given(st.text(alphabet="ab09-_.~", max_size=14))
def test_host_name_rules_read_as_their_regular_expression(name: str) -> None:
    assert is_host_name(name) == bool(_HOST_RULES.match(name))


@pytest.mark.parametrize("length", [1, 2, 5, 63, 64])
def test_host_name_label_lengths(length: int) -> None:
    for name in ("a" * length + ".com", "x." + "a" * length, "x-" + "a" * (length - 2) + ".io"):
        assert is_host_name(name) == bool(_HOST_RULES.match(name))


@given(st.text(max_size=80))
def test_normalize_is_idempotent_and_never_raises(raw: str) -> None:
    once = normalize_name(raw)
    if once is not None:
        assert normalize_name(once) == once
        assert once.isascii()
        assert once == once.lower()


def test_each_host_is_judged_and_reported_once() -> None:
    index = FakeIndex()
    w = Watch(index, source="feed.txt")
    names = ["acme-okta.com", "*.acme-okta.com", "ACME-OKTA.COM.", "www.acme-okta.com",
             "acme.com", "not a name", "login.acme.com", "acme.com"]
    hits = list(w.run(names))
    assert [h.domain for h in hits] == ["acme-okta.com", "www.acme-okta.com"]
    assert index.asked == ["acme-okta.com", "www.acme-okta.com", "acme.com", "login.acme.com"]
    assert hits[0] == WatchHit("acme-okta.com", "Acme", ImitationKind.KEYWORD, 0.875,
                               "acme-okta.com imitates Acme", "feed.txt")
    s = w.summary
    assert (s.names, s.invalid, s.repeated, s.hits) == (8, 1, 3, 2)


def test_memory_is_bounded_and_forgetting_means_reporting_again() -> None:
    index = FakeIndex()
    w = Watch(index, memory=2)
    names = ["a-acme.com", "b-acme.com", "a-acme.com", "c-acme.com", "b-acme.com",
             "a-acme.com"]
    hits = [h.domain for h in w.run(names)]
    # LRU: a is refreshed at step 3, so c evicts b; b comes back as new and evicts a
    assert hits == ["a-acme.com", "b-acme.com", "c-acme.com", "b-acme.com", "a-acme.com"]
    assert len(w._seen) == 2


def test_memory_must_hold_something() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Watch(FakeIndex(), memory=0)


def test_run_is_lazy_on_endless_streams() -> None:
    def endless() -> object:
        i = 0
        while True:
            yield f"x{i}-acme.com"
            i += 1

    hits = Watch(FakeIndex()).run(endless())  # type: ignore[arg-type]
    assert [next(hits).domain for _ in range(3)] == ["x0-acme.com", "x1-acme.com",
                                                     "x2-acme.com"]


def test_watch_function_is_the_simple_call() -> None:
    assert [h.domain for h in watch(["acme-vpn.net", "example.org"], FakeIndex())] == [
        "acme-vpn.net"]


def test_hit_json_has_exactly_the_documented_keys() -> None:
    hit = WatchHit("acme-okta.com", "Acme", ImitationKind.TYPO_KEYWORD, 0.912345, "why")
    assert json.loads(hit.to_json()) == {"domain": "acme-okta.com", "brand": "Acme",
                                         "kind": "typo+keyword", "score": 0.9123,
                                         "reason": "why"}


def test_hit_json_extras_and_round_trip() -> None:
    seen = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    hit = WatchHit("acme-okta.com", "Acme", ImitationKind.HOMOGLYPH, 0.5, "why",
                   source="https://ct.example/log", seen_at=seen)
    body = json.loads(hit.to_json())
    assert body["source"] == "https://ct.example/log"
    assert body["seen_at"] == "2026-01-02T03:04:05+00:00"
    assert WatchHit.from_dict(body) == hit


def test_a_hit_from_a_ct_log_names_its_entry() -> None:
    hit = WatchHit("acme-okta.com", "Acme", ImitationKind.KEYWORD, 0.9, "why",
                   ct_log="https://ct.example/2026h1", ct_index=1234)
    body = json.loads(hit.to_json())
    assert (body["ct_log"], body["ct_index"]) == ("https://ct.example/2026h1", 1234)
    assert WatchHit.from_dict(body) == hit
    hits = list(Watch(FakeIndex()).run(
        ["acme-sso.net", CtName("acme-okta.com", "https://ct.example/2026h1", 7)]))
    assert [(h.domain, h.ct_log, h.ct_index) for h in hits] == [
        ("acme-sso.net", "", None), ("acme-okta.com", "https://ct.example/2026h1", 7)]
    assert "ct_log" not in hits[0].to_dict()


@pytest.mark.parametrize("body", [
    {}, {"domain": "a.com", "brand": "A", "kind": "nope", "score": 1, "reason": ""},
    {"domain": "a.com", "brand": "A", "kind": "typo", "score": None, "reason": ""},
    {"domain": "a.com", "brand": "A", "kind": "typo", "score": 1, "reason": "", "ct_index": "7"},
    {"domain": "a.com", "brand": "A", "kind": "typo", "score": 1, "reason": "",
     "certified_with": "b.com"},
])
def test_from_dict_refuses_malformed(body: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails in its own way
        WatchHit.from_dict(body)


# --- with the real look-alike index --------------------------------------------------------

FIXTURE_POLICY = Path(__file__).parent / "fixtures" / "policy_fixture.toml"


@pytest.fixture(scope="module")
def real_index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(load_policy(FIXTURE_POLICY))


def test_a_morning_of_certificates_with_the_real_index(real_index: LookalikeIndex) -> None:
    names = [
        "acme-okta.com", "*.acme-okta.com", "www.acme-okta.com",  # one cert, three names
        "ACME.COM.", "login.acme.com",  # Acme's own
        "twilio-sso.com", "аcme.com",  # Cyrillic а
        "example.org", "toolbox.com", "10.0.0.1",
        "acme.com.verify-id.xyz", "cloudflare-okta.com",
    ]
    hits = watch(names, real_index, source="ct")
    assert [(h.domain, h.brand, h.kind) for h in hits] == [
        ("acme-okta.com", "Acme", ImitationKind.KEYWORD),
        ("www.acme-okta.com", "Acme", ImitationKind.KEYWORD),
        ("twilio-sso.com", "Twilio", ImitationKind.KEYWORD),
        ("xn--cme-5cd.com", "Acme", ImitationKind.HOMOGLYPH),
        ("acme.com.verify-id.xyz", "Acme", ImitationKind.SUBDOMAIN),
        ("cloudflare-okta.com", "Cloudflare", ImitationKind.KEYWORD),
    ]
    assert all(0.5 < h.score <= 1 and h.reason and h.source == "ct" for h in hits)


def certificate(*names: str, log: str = "") -> list[CertifiedName]:
    """The names of one certificate as a CT reader gives them (with an entry when ``log``)."""
    if log:
        return [CtName(name, log, 7, names) for name in names]
    return [CertifiedName(name, names) for name in names]


def test_a_look_alike_certified_with_the_brands_own_domain_is_the_brands(
        real_index: LookalikeIndex) -> None:
    """The CA checked that one holder controls every name on a certificate: Acme's
    defensive acme-okta.com beside acme.com (or *.acme.com) is Acme's, not a look-alike."""
    names = [*certificate("acme.com", "acme-okta.com", "www.acme-okta.com"),
             *certificate("*.acme.com", "acme-sso.com", log="https://ct.example/2026h1"),
             *certificate("acme-cdn.net", "acme-login.com")]
    w = Watch(real_index)
    assert list(w.run(names)) == []
    assert (w.summary.hits, w.summary.own_certified) == (0, 4)
    # The same names on certificates of their own are look-alikes.
    alone = [n for name in names if name not in ("acme.com", "*.acme.com", "acme-cdn.net")
             for n in certificate(name)]
    assert [h.domain for h in Watch(real_index).run(alone)] == [
        "acme-okta.com", "www.acme-okta.com", "acme-sso.com", "acme-login.com"]


@pytest.mark.parametrize("names", [
    # a host under Acme's domain: one who took over a forgotten subdomain is certified for it
    ("old-campaign.acme.com", "acme-okta.com"),
    # another brand's own domain proves nothing about Acme
    ("twilio.com", "acme-okta.com"),
    # a CDN's certificate shared by its customers has no one holder
    ("sni123456.cloudflaressl.com", "acme.com", "*.acme.com", "acme-okta.com"),
])
def test_only_the_brands_own_domain_on_a_certificate_of_one_holder_counts(
        real_index: LookalikeIndex, names: tuple[str, ...]) -> None:
    w = Watch(real_index)
    assert [h.domain for h in w.run(certificate(*names))] == ["acme-okta.com"]
    assert w.summary.own_certified == 0


def test_a_weak_imitation_certified_with_a_plain_look_alike_is_raised(
        real_index: LookalikeIndex) -> None:
    """acme-team.com and acme.de alone are weak (0.35); on acme-okta.com's certificate they
    have its holder, and are suspicious."""
    w = Watch(real_index, min_score=0.4)
    hits = list(w.run(certificate("acme-okta.com", "acme-team.com", "acme.de")))
    assert [(h.domain, h.score) for h in hits] == [
        ("acme-okta.com", 0.88), ("acme-team.com", 0.5), ("acme.de", 0.5)]
    assert hits[1].reason.endswith(
        "; certified together with acme-okta.com, which imitates Acme")
    assert hits[1].certified_with == ("acme-okta.com", "acme.de")  # the others on it
    body = json.loads(hits[1].to_json())
    assert body["certified_with"] == ["acme-okta.com", "acme.de"]
    assert WatchHit.from_dict(body) == hits[1]
    assert (w.summary.hits, w.summary.raised_by_certificate) == (3, 2)
    assert list(Watch(real_index, min_score=0.4).run(["acme-team.com", "acme.de"])) == []
    first = Watch(real_index, min_score=0.4).run(certificate("acme-team.com", "acme-okta.com"))
    assert [h.domain for h in first] == ["acme-team.com", "acme-okta.com"]  # in either order


@pytest.mark.parametrize("names", [
    ("twilio-sso.com", "acme-team.com"),  # a look-alike of another brand
    ("acme-parts.com", "acme-team.com"),  # weak beside weak
    ("sni123456.cloudflaressl.com", "acme-okta.com", "acme-team.com"),  # a CDN's shared one
])
def test_only_a_plain_look_alike_of_the_same_brand_on_one_holders_certificate_raises(
        real_index: LookalikeIndex, names: tuple[str, ...]) -> None:
    w = Watch(real_index, min_score=0.4)
    assert "acme-team.com" not in [h.domain for h in w.run(certificate(*names))]
    assert w.summary.raised_by_certificate == 0


def test_min_score_drops_weak_imitations() -> None:
    from smishguard.domains.lookalike import LookalikeIndex
    from smishguard.policy import parse_policy

    index = LookalikeIndex.from_policy(
        parse_policy({"brands": [{"name": "Acme", "domains": ["acme.com"]}]})
    )
    names = ["acme-okta.com", "acme.de"]
    weak = index.match("acme.de")
    assert weak is not None
    assert weak.score < 0.4
    assert [h.domain for h in Watch(index, min_score=0.4).run(names)] == ["acme-okta.com"]
    assert [h.domain for h in Watch(index).run(names)] == names


# --- a kit's copies (smishguard.domains.kits) ----------------------------------------------

DARB = "[[brands]]\nname = \"Darb\"\ndomains = [\"darb.itc.gov.ae\"]\n"
DARB_KIT = ["darb.qmobilitcma.com", "example.org", "darb.qmobilicco.com",
            "www.darb.qmobilicco.com", "darb.qmobiliizty.com", "darb.qmobilitsuoa.com"]


@pytest.fixture(scope="module")
def darb_index(tmp_path_factory: pytest.TempPathFactory) -> LookalikeIndex:
    path = tmp_path_factory.mktemp("darb") / "policy.toml"
    path.write_text(DARB, encoding="utf-8")
    return LookalikeIndex.from_policy(load_policy(path))


def test_a_kit_is_reported_when_it_shows_itself_its_earlier_copies_too(
        darb_index: LookalikeIndex) -> None:
    """Darb's toll kit in front of new .com names: nothing for the first two domains, all four
    hosts at the third, in the order seen, then each later copy as it comes."""
    w = Watch(darb_index, source="ct", min_score=0.4)
    seen: list[tuple[int, str]] = []
    for n, name in enumerate(DARB_KIT):
        hit = w.judge(name)
        seen += [(n, h.domain) for h in w.drain()]
        if hit is not None:
            seen.append((n, hit.domain))
    assert seen == [(4, "darb.qmobilitcma.com"), (4, "darb.qmobilicco.com"),
                    (4, "www.darb.qmobilicco.com"), (4, "darb.qmobiliizty.com"),
                    (5, "darb.qmobilitsuoa.com")]
    hits = list(Watch(darb_index, source="ct", min_score=0.4).run(DARB_KIT))
    assert [h.domain for h in hits] == [d for _, d in seen]
    assert all(h.kind is ImitationKind.SUBDOMAIN and h.score == 0.5 and h.source == "ct"
               and "one of a kit's copies" in h.reason for h in hits)
    assert (w.summary.hits, w.summary.kit_copies) == (5, 5)


def test_a_kits_earlier_copies_keep_their_own_ct_entries(darb_index: LookalikeIndex) -> None:
    """Each copy's hit names the entry its own certificate was in, the earlier ones too."""
    log = "https://ct.example/2026h1"
    names = [CtName(name, log, 100 + n) for n, name in enumerate(DARB_KIT)]
    hits = list(Watch(darb_index, min_score=0.4, memory=3).run(names))
    assert [(h.domain, h.ct_log, h.ct_index) for h in hits] == [
        ("darb.qmobilitcma.com", log, 100), ("darb.qmobilicco.com", log, 102),
        ("www.darb.qmobilicco.com", log, 103), ("darb.qmobiliizty.com", log, 104),
        ("darb.qmobilitsuoa.com", log, 105)]


def test_a_kits_earlier_copies_keep_their_certificates_names(darb_index: LookalikeIndex) -> None:
    """A copy reported when the kit shows itself gives the other names on its certificate,
    as a copy reported at once does."""
    names = [n for host in DARB_KIT[:5] for n in certificate(host, host.partition(".")[2])]
    hits = list(Watch(darb_index, min_score=0.4).run(names))
    assert [(h.domain, h.certified_with) for h in hits] == [
        (host, (host.partition(".")[2],)) for host in DARB_KIT[:5] if host != "example.org"]


def test_kits_can_be_turned_off_and_two_copies_are_no_kit(darb_index: LookalikeIndex) -> None:
    assert list(Watch(darb_index, kit_copies=0).run(DARB_KIT)) == []
    assert list(Watch(darb_index).run(DARB_KIT[:4])) == []  # two domains named alike
    assert [h.domain for h in Watch(darb_index, kit_copies=2).run(DARB_KIT[:3])] == [
        "darb.qmobilitcma.com", "darb.qmobilicco.com"]
    with pytest.raises(ValueError, match="kit copies"):
        Watch(darb_index, kit_copies=-1)


def test_a_copy_reported_on_its_own_shows_the_kit(darb_index: LookalikeIndex) -> None:
    """The third domain is a copy on a cheap ending, reported alone (0.55): the two .com
    copies before it come first, then it. Above the kit's score only it is reported."""
    names = ["darb.qmobilitcma.com", "darb.qmobilicco.com", "darb.qmobilizz.top"]
    hits = list(Watch(darb_index, min_score=0.4).run(names))
    assert [(h.domain, h.score) for h in hits] == [
        ("darb.qmobilitcma.com", 0.5), ("darb.qmobilicco.com", 0.5), ("darb.qmobilizz.top", 0.55)]
    assert "one of a kit's copies" not in hits[2].reason
    high = Watch(darb_index, min_score=0.52)
    assert [h.domain for h in high.run(names)] == ["darb.qmobilizz.top"]
    assert (high.summary.hits, high.summary.kit_copies) == (1, 0)


def test_a_kit_copy_seen_again_is_not_reported_twice(darb_index: LookalikeIndex) -> None:
    hits = list(Watch(darb_index).run([*DARB_KIT, *DARB_KIT]))
    assert len(hits) == len({h.domain for h in hits}) == 5

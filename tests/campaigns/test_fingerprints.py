from __future__ import annotations

import json
from datetime import timedelta, timezone

import pytest
from campaign_factories import CLEAN, T0, fingerprint, policy, report
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.campaigns import Fingerprint, Fingerprinter, ItemKind, WatchHit
from smishguard.errors import InvalidInput
from smishguard.model import Decision, Imitation, ImitationKind
from smishguard.text.sender import SenderKind


@pytest.mark.parametrize(
    ("text", "sites", "links", "templates"),
    [
        ("Log in at https://acme-okta.com/login", ("acme-okta.com",), (), ("{brand}-okta.com",)),
        ("see hxxps://sso-acme[.]net/x", ("sso-acme.net",), (), ("sso-{brand}.net",)),
        # the tenant's own site is no evidence
        ("Reset at https://acme.com/reset", (), (), ()),
        # a known brand's site (Okta is not this tenant's, but it is in no policy here)
        ("Open https://evil.example.top/", ("example.top",), (), ()),
        # shorteners and messaging hosts: the exact link, never the host alone
        ("Tap bit.ly/3AbCd now", (), ("bit.ly/3AbCd",), ()),
        ("join https://t.me/joinchat/XyZ12", (), ("t.me/joinchat/XyZ12",), ()),
        ("Tap bit.ly/ now", (), (), ()),
        # free hosts unknown to the Public Suffix List: the customer's own name
        ("https://acme-login.weebly.com/a", ("acme-login.weebly.com",), (),
         ("{brand}-login.weebly.com",)),
        # free hosts the Public Suffix List knows already give the customer's name
        ("https://acme-sso.pages.dev/", ("acme-sso.pages.dev",), (), ("{brand}-sso.pages.dev",)),
        ("http://203.0.113.7/acme", ("203.0.113.7.ip",), (), ()),
        ("no link at all", (), (), ()),
    ],
)
def test_link_keys(text: str, sites: tuple[str, ...], links: tuple[str, ...],
                   templates: tuple[str, ...]) -> None:
    fp = fingerprint("Acme", "r1", text)
    assert (fp.sites, fp.links, fp.domain_templates) == (sites, links, templates)


def test_path_patterns_come_from_the_attackers_sites_only() -> None:
    fp = fingerprint("Acme", "r1", "https://acme-okta.com/acme/verify/123 and "
                                   "https://acme.com/careers/openings")
    assert fp.path_patterns == ("/{brand}/verify/{num}",)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("+1 (555) 201-3344", "5552013344", True),
        ("+15552013344", "+1 555 201 3345", False),
        ("ACME-IT", "acme it", True),
        ("someone@icloud.com", "SomeOne@iCloud.com", True),
        ("72975", "72975", True),
    ],
)
def test_sender_key_compares_one_writing_of_a_sender(a: str, b: str, same: bool) -> None:
    key_a = fingerprint("Acme", "r1", "x", sender=a).sender_key
    key_b = fingerprint("Acme", "r2", "x", sender=b).sender_key
    assert key_a
    assert key_b
    assert (key_a == key_b) is same


def test_the_fingerprint_never_holds_the_full_number() -> None:
    fp = fingerprint("Acme", "r1", "hello there friend", sender="+1 555 201 3344")
    assert fp.sender_kind is SenderKind.MOBILE
    assert fp.sender_hint.endswith("44")
    assert "2013344" not in fp.to_json()
    assert "5552013344" not in fp.to_json()


@pytest.mark.parametrize(
    ("verdict_clean", "decision", "clusterable"),
    [
        (False, None, True),
        (True, None, False),
        (True, Decision.PHISHING, True),  # an analyst's word beats the scanner's
        (False, Decision.NOT_PHISHING, False),
    ],
)
def test_only_phishing_reports_cluster(verdict_clean: bool, decision: Decision | None,
                                       clusterable: bool) -> None:
    kwargs: dict[str, object] = {"decision": decision}
    if verdict_clean:
        kwargs["verdict"] = CLEAN
    fp = fingerprint("Acme", "r1", "Your code is 123456", **kwargs)
    assert fp.is_clusterable is clusterable


def test_short_texts_get_no_signature() -> None:
    assert fingerprint("Acme", "r1", "Hi John https://x.top/").signature == b""
    assert len(fingerprint("Acme", "r1", "your acme password expired log in").signature) == 256


def test_watch_hit_fingerprint() -> None:
    hit = WatchHit("w1", "acme-tenant", T0, Imitation(
        "login.acrne-sso.com", "Acme", ImitationKind.TYPO_KEYWORD, 0.8, "acrne", "sso"))
    fp = Fingerprinter(policy("Acme")).watch_hit(hit)
    assert fp.kind is ItemKind.WATCH_HIT
    assert fp.sites == ("acrne-sso.com",)
    assert fp.domain_templates == ("{brand}-sso.com",)
    assert fp.brands == ("Acme",)
    assert fp.is_clusterable


ACME = Fingerprinter(policy("Acme"))


@settings(deadline=None)  # the first example builds the normalizer's tables
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=20)))
def test_fingerprints_never_raise_are_stable_and_round_trip(text: str, sender: str | None) -> None:
    fingerprinter = ACME
    made = report("r1", text, sender=sender)
    fp = fingerprinter.report(made)
    assert fp == fingerprinter.report(made)
    assert Fingerprint.from_json(fp.to_json()) == fp


def test_round_trip_keeps_the_time_zone() -> None:
    at = T0.astimezone(timezone(timedelta(hours=-5)))
    fp = Fingerprint("r1", "t", at, signature=b"\x01" * 256)
    back = Fingerprint.from_json(fp.to_json())
    assert back == fp
    assert back.seen_at.utcoffset() == timedelta(hours=-5)
    assert back.hashvalues is not None
    assert back.hashvalues.tolist() == [0x01010101] * 64


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "not json",
        "[]",
        json.dumps({"v": 99}),
        json.dumps({"v": 1, "id": "r1"}),
    ],
)
def test_from_json_rejects_what_is_not_a_fingerprint(stored: str) -> None:
    with pytest.raises(InvalidInput):
        Fingerprint.from_json(stored)


def test_from_json_rejects_a_cut_signature() -> None:
    raw = json.loads(Fingerprint("r1", "t", T0, signature=b"\x00" * 256).to_json())
    raw["sig"] = raw["sig"][:40]
    with pytest.raises(InvalidInput):
        Fingerprint.from_json(json.dumps(raw))

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smishguard.model import Label, Signal, Verdict
from smishguard.policy import default_policy
from smishguard.scoring import (
    CONFIRMED_DOMAIN_ID,
    combine,
    noisy_or,
    score,
    with_confirmed_domains,
)
from smishguard.urls import extract_urls

LOOKALIKE = Signal("url.lookalike", 0.9, "imitates Acme", "acme-okta.com")
PRETEXT = Signal("text.credential_pretext", 0.35, "password expired", "password expired")
MODEL = Signal("text.model", 0.8, "wording like spam")
CODE_NOTICE = Signal("text.legit_code_notice", 0.6, "a code notice", "do not share")
OWNED = Signal("url.legit_owned_domain", 0.7, "real domain", "acme.com")


@pytest.mark.parametrize(
    ("signals", "label"),
    [
        ((), Label.CLEAN),
        ((LOOKALIKE,), Label.PHISHING),
        ((PRETEXT,), Label.CLEAN),
        ((PRETEXT, MODEL), Label.PHISHING),
        # Resemblance to spam alone is a reason to look, not proof of phishing.
        ((MODEL,), Label.SUSPICIOUS),
        ((Signal("text.model", 0.99, "r"), Signal("text.urgency", 0.15, "r")), Label.SUSPICIOUS),
        # A wrong link and words that want something reinforce each other.
        ((Signal("url.brand_mismatch", 0.35, "r"), Signal("text.account_threat", 0.3, "r"),
          Signal("url.shortener", 0.2, "r")), Label.PHISHING),
        # Counter-evidence damps what the words say...
        ((PRETEXT, MODEL, OWNED), Label.CLEAN),
        ((MODEL, CODE_NOTICE), Label.CLEAN),
        # ...but never cleans a look-alike link.
        ((LOOKALIKE, CODE_NOTICE, OWNED), Label.PHISHING),
    ],
)
def test_combination_labels(signals: tuple[Signal, ...], label: Label) -> None:
    assert score(signals, default_policy()).label is label


def test_signals_sorted_by_weight_counter_evidence_last() -> None:
    verdict = score([PRETEXT, OWNED, LOOKALIKE, MODEL], default_policy())
    assert [s.detector for s in verdict.signals] == [
        "url.lookalike", "text.model", "text.credential_pretext", "url.legit_owned_domain"
    ]


weights = st.lists(st.floats(min_value=0, max_value=1), max_size=8)


@given(weights)
def test_noisy_or_bounds(ws: list[float]) -> None:
    total = noisy_or(ws)
    assert 0.0 <= total <= 1.0
    assert total >= max(ws, default=0.0) - 1e-12


@given(weights, st.floats(min_value=0, max_value=1))
def test_more_risk_never_lowers_the_score(ws: list[float], extra: float) -> None:
    base = [Signal("text.x", w, "r") for w in ws]
    assert combine([*base, Signal("url.y", extra, "r")]) >= combine(base)


# A stale decision on a free host's own domain or a shortener's (as reports once recorded them)
# beside decisions on a site, a registrable domain and a watched name.
CONFIRMED = frozenset({"weebly.com", "bit.ly", "acme-help.weebly.com", "evil-login.top",
                       "pay.acme-portal.net"})


@pytest.mark.parametrize(("link", "evidence"), [
    ("https://acme-help.weebly.com/login", "acme-help.weebly.com"),  # the site
    ("https://login.evil-login.top/", "evil-login.top"),  # its registrable domain
    ("https://pay.acme-portal.net/", "pay.acme-portal.net"),  # a name decided alone
    ("https://bakery-orders.weebly.com/", None),  # another site of the free host
    ("https://www.acme-portal.net/", None),
    ("https://bit.ly/3xYzAcm", None),  # a shortener's domain is everyone's
])
def test_confirmed_links_are_matched_by_their_site_or_host(link: str,
                                                           evidence: str | None) -> None:
    verdict = Verdict(Label.CLEAN, 0.0, urls=tuple(extract_urls(f"see {link} today")))
    judged = with_confirmed_domains(verdict, default_policy(), CONFIRMED)
    found = [s.evidence for s in judged.signals if s.detector == CONFIRMED_DOMAIN_ID]
    assert found == ([evidence] if evidence else [])
    assert (judged.label is Label.PHISHING) is (evidence is not None)

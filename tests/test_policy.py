from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from smishguard.errors import PolicyError
from smishguard.model import Label
from smishguard.policy import (
    DEFAULT_BRANDS,
    DEFAULT_KEYWORDS,
    Brand,
    default_policy,
    load_policy,
    parse_policy,
    resolve_policy,
)

ACME = {"name": "Acme", "domains": ["acme.com", "acme-cdn.net"], "aliases": ["acm"]}


def test_issue_example_shape_parses() -> None:
    policy = parse_policy({"brands": [ACME]})
    assert policy.brands == (Brand("Acme", ("acme.com", "acme-cdn.net"), ("acm",)),)
    assert policy.keywords == DEFAULT_KEYWORDS


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"brand": []}, "'brand'"),
        ({"brands": [{**ACME, "domain": ["x.com"]}]}, "'brands[0].domain'"),
        ({"brands": [{"domains": ["acme.com"]}]}, "'brands[0].name'"),
        ({"brands": [{**ACME, "domains": ["not a domain"]}]}, "'brands[0].domains[0]'"),
        ({"brands": [{**ACME, "domains": "acme.com"}]}, "'brands[0].domains'"),
        ({"brands": [{**ACME, "aliases": [3]}]}, "'brands[0].aliases[0]'"),
        ({"brands": {"name": "Acme"}}, "'brands'"),
        ({"thresholds": {"phishing": 1.5}}, "'thresholds.phishing'"),
        ({"thresholds": {"phishing": 0.3, "suspicious": 0.6}}, "'thresholds.suspicious'"),
        ({"thresholds": {"phish": 0.5}}, "'thresholds.phish'"),
        ({"keywords": ["ok", "bad word"]}, "'keywords[1]'"),
        ({"extra_keywords": "sso"}, "'extra_keywords'"),
        ({"include_default_brands": "yes"}, "'include_default_brands'"),
        ({"brands": [{"name": "!!!"}]}, "'brands[0].name'"),
        ({"not_lookalikes": "x.com"}, "'not_lookalikes'"),
        ({"not_lookalikes": ["ok.com", "not a domain"]}, "'not_lookalikes[1]'"),
    ],
)
def test_bad_policy_names_the_key(raw: dict[str, Any], key: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(key)):
        parse_policy(raw)


def test_own_brands_replace_defaults_unless_asked() -> None:
    assert parse_policy({"brands": [ACME]}).brands[0].name == "Acme"
    assert len(parse_policy({"brands": [ACME]}).brands) == 1
    merged = parse_policy({"brands": [ACME], "include_default_brands": True})
    assert len(merged.brands) == 1 + len(DEFAULT_BRANDS)
    assert parse_policy({}).brands == DEFAULT_BRANDS


def test_not_lookalikes_are_domains_kept_in_order_once() -> None:
    policy = parse_policy({"not_lookalikes": ["MySuncoast.com.", "bücher.de", "mysuncoast.com"]})
    assert policy.not_lookalikes == ("mysuncoast.com", "xn--bcher-kva.de")
    assert parse_policy({}).not_lookalikes == ()


def test_extra_keywords_extend_defaults_and_keywords_replace_them() -> None:
    assert parse_policy({"extra_keywords": ["Intranet2"]}).keywords[-1] == "intranet2"
    assert parse_policy({"keywords": ["sso"]}).keywords == ("sso",)


def test_idn_brand_domain_is_stored_as_punycode() -> None:
    policy = parse_policy({"brands": [{"name": "Bücher", "domains": ["bücher.de"]}]})
    assert policy.brands[0].domains == ("xn--bcher-kva.de",)


@pytest.mark.parametrize(
    ("domain", "owner"),
    [("acme.com", "Acme"), ("sso.acme.com", "Acme"), ("cdn.acme-cdn.net", "Acme"),
     ("acme-okta.com", None), ("notacme.com", None), ("acme.com.evil.xyz", None)],
)
def test_owner_of(domain: str, owner: str | None) -> None:
    found = parse_policy({"brands": [ACME]}).owner_of(domain)
    assert (found.name if found else None) == owner


@pytest.mark.parametrize(
    ("score", "label"),
    [(0.0, Label.CLEAN), (0.39, Label.CLEAN), (0.4, Label.SUSPICIOUS), (0.69, Label.SUSPICIOUS),
     (0.7, Label.PHISHING), (1.0, Label.PHISHING)],
)
def test_label_for_default_thresholds(score: float, label: Label) -> None:
    assert default_policy().label_for(score) is label


def test_brand_labels_from_domains_name_and_aliases() -> None:
    brand = Brand("Bank of America", ("bankofamerica.com", "bofa.com"), ("BofA",))
    assert brand.labels == ("bankofamerica", "bofa")


def test_load_and_resolve(tmp_path: Path) -> None:
    (tmp_path / "smishguard.toml").write_text(
        '[[brands]]\nname = "Acme"\ndomains = ["acme.com"]\n', encoding="utf-8"
    )
    assert resolve_policy(None, tmp_path).brands[0].name == "Acme"
    assert resolve_policy(None, tmp_path / "elsewhere") == default_policy()
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[brands]\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(bad)


def test_example_policy_in_repo_loads() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "smishguard.toml"
    policy = load_policy(example)
    assert {b.name for b in policy.brands} >= {"Acme", "Globex", "Okta"}
    assert "benefits-portal" in policy.keywords
    assert policy.not_lookalikes == ("acme-anvils.example",)


def test_accented_names_fold_to_domain_letters() -> None:
    brand = Brand("Mercantil Ibérica", ("mercantil-iberica.es",), ("Logística Andina",))
    assert brand.labels == ("mercantil-iberica", "mercantiliberica", "logisticaandina")


def test_default_brands_own_no_shared_hosting() -> None:
    owned = {d for b in DEFAULT_BRANDS for d in b.domains}
    assert owned.isdisjoint(
        {"pages.dev", "workers.dev", "amazonaws.com", "windows.net", "sharepoint.com",
         "googleusercontent.com", "dropboxusercontent.com"}
    )


@pytest.mark.parametrize(
    ("brand", "labels"),
    [
        (Brand("Amazon", ("amazon.com", "amzn.to", "a.co")), ("amazon",)),
        (Brand("Twilio", ("twilio.com", "twil.io")), ("twilio",)),
        (Brand("UPS", ("ups.com",)), ("ups",)),
        (Brand("Wells Fargo", ("wellsfargo.com", "wf.com")), ("wellsfargo",)),
        # a name written as a domain keeps its domain's name, when that is not short
        (Brand("Booking.com", ("booking.com",)), ("booking", "bookingcom")),
        (Brand("WEB.DE", ("web.de",)), ("webde",)),
        # nor does a name with more words after the domain's: its first words are no cut
        (Brand("Facepunch Studios", ("facepunch.com",)), ("facepunch", "facepunchstudios")),
        (Brand("Apple Inc.", ("apple.com",)), ("apple", "appleinc")),
        (Brand("Call of Duty Mobile", ("callofduty.com",), ("CODM",)),
         ("callofduty", "callofdutymobile", "codm")),
        (Brand("Chainlink", ("chain.link",)), ("chainlink",)),  # a cut inside a word
        # the first word of a name of several is its short name, unless a domain spells the
        # name out (cash.app)
        (Brand("SBB CFF FFS", ("sbb.ch",)), ("sbb", "sbbcffffs")),
        (Brand("Ally Financial", ("ally.com",)), ("ally", "allyfinancial")),
        (Brand("Cash App", ("cash.app", "cash.me")), ("cashapp",)),
        # an aside in brackets is no part of the name
        (Brand("BRT (Bartolini)", ("brt.it",)), ("brt",)),
        (Brand("Banco de la Nación (Peru)", ("bn.com.pe",)), ("bancodelanacion",)),
        (Brand("Saudi Post [SPL]", ("splonline.com.sa",)), ("splonline", "saudipost")),
    ],
)
def test_short_domain_names_are_not_brand_labels(brand: Brand, labels: tuple[str, ...]) -> None:
    assert brand.labels == labels

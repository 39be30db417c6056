"""The look-alike index: what it flags, what it never flags, how sure it is, and that it is safe."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest
from cpu_bound import within_cpu
from hypothesis import given, settings
from hypothesis import strategies as st

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.model import ImitationKind as K
from smishguard.policy import DEFAULT_BRANDS, DEFAULT_KEYWORDS, Brand, Policy

ACME = Brand(name="Acme", domains=("acme.com", "acme-cdn.net"), aliases=("acm",))
POLICY = Policy(
    brands=(
        ACME,
        *DEFAULT_BRANDS,
        Brand(name="Box", domains=("box.com",)),
        Brand(name="Target", domains=("target.com",)),
    )
)


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(POLICY)


def assert_flagged(policy: Policy, host: str, flagged: bool) -> None:
    """That ``policy``'s index reports ``host`` (suspicious or more), or not."""
    found = LookalikeIndex.from_policy(policy).match(host)
    assert (found is not None and found.score >= 0.4) is flagged, (host, found)


@pytest.mark.parametrize(
    ("host", "brand", "kind"),
    [
        # brand + keyword, any order, separator or suffix
        ("acme-sso.net", "Acme", K.KEYWORD),
        ("sso-acme.org", "Acme", K.KEYWORD),
        ("acmeokta.com", "Acme", K.KEYWORD),
        ("acme-okta-login.co", "Acme", K.KEYWORD),
        ("acme.okta-login.co", "Acme", K.KEYWORD),
        ("okta-acme.us", "Acme", K.KEYWORD),
        ("login.acme-help.com", "Acme", K.KEYWORD),
        ("acme-vpn.net", "Acme", K.KEYWORD),
        ("acmehelpdesk.com", "Acme", K.KEYWORD),
        ("twilio-sso.com", "Twilio", K.KEYWORD),
        ("okta-login.co", "Okta", K.KEYWORD),
        ("acme-login.pages.dev", "Acme", K.KEYWORD),
        ("paypal-com.info", "PayPal", K.KEYWORD),
        ("acme-notifications.com", "Acme", K.KEYWORD),  # account-notice pretexts
        ("appeal-acme.net", "Acme", K.KEYWORD),
        ("acme-agency-partner.com", "Acme", K.KEYWORD),  # the ad-agency pretext
        ("acme-updates.net", "Acme", K.KEYWORD),
        ("acme-invoice.com", "Acme", K.KEYWORD),  # the billing pretext
        ("phrase-acme.net", "Acme", K.KEYWORD),  # a wallet's recovery phrase
        ("acme-acct.info", "Acme", K.KEYWORD),
        ("denglu-acme.com.cn", "Acme", K.KEYWORD),  # "sign in" in pinyin
        ("acme-bantuan.net", "Acme", K.KEYWORD),  # "help" in Indonesian
        ("aktivasi-acme.net", "Acme", K.KEYWORD),  # Indonesian e-wallet lures: activation,
        ("klaim-acme.com", "Acme", K.KEYWORD),  # claim,
        ("acme-pinjaman.net", "Acme", K.KEYWORD),  # loan,
        ("acme-paylater.com", "Acme", K.KEYWORD),  # buy now, pay later,
        ("pemulihan-acme.net", "Acme", K.KEYWORD),  # account recovery
        ("acme-opisial.com", "Acme", K.KEYWORD),  # "official" as Indonesian kits spell it
        ("acme-atualizar.com", "Acme", K.KEYWORD),  # other languages' pretexts: update,
        ("www.acme-suivi.com", "Acme", K.KEYWORD),  # tracking,
        ("acme-controllo.com", "Acme", K.KEYWORD),  # check,
        ("acme-kampanja.com", "Acme", K.KEYWORD),  # campaign,
        ("acme-zmiana-hasla.pl", "Acme", K.KEYWORD),  # password change,
        ("acme-sicherheit.com", "Acme", K.KEYWORD),  # security
        ("acme-ofertas.com", "Acme", K.KEYWORD),  # Spanish promotions' lures: offers,
        ("promociones-acme.net", "Acme", K.KEYWORD),  # promotions
        ("busca-acme.com", "Acme", K.KEYWORD),  # a lost phone's lures: search for it,
        ("dispositivoacme.com", "Acme", K.KEYWORD),  # the device
        ("acme-backup.com", "Acme", K.KEYWORD),  # a wallet's seed-phrase backup,
        ("disable-acme.com", "Acme", K.KEYWORD),  # an account about to be disabled,
        ("acme-helpcentre.com", "Acme", K.KEYWORD),  # a help centre,
        ("acme-security-firmware.com", "Acme", K.KEYWORD),  # a device's firmware to update,
        ("acmewarning.com", "Acme", K.KEYWORD),  # a warning
        ("acme-desconectar.com", "Acme", K.KEYWORD),  # Portuguese banks' pretexts: disconnect,
        ("acme-ajustes.com", "Acme", K.KEYWORD),  # settings
        ("www-paypal.com", "PayPal", K.KEYWORD),  # the host name with a hyphen for a dot
        ("wwwpaypal.net", "PayPal", K.KEYWORD),  # or without the dot
        ("acme-www.com", "Acme", K.KEYWORD),
        ("zh-paypal.com", "PayPal", K.KEYWORD),  # zh.paypal.com, a language's host
        ("en-acme.net", "Acme", K.KEYWORD),
        ("https-www-paypal.com", "PayPal", K.KEYWORD),  # https://www.paypal.com written out
        ("wvwv-paypal.com", "PayPal", K.KEYWORD),  # www mistyped (vv reads as w)
        ("hhtpps-www-paypal.com", "PayPal", K.KEYWORD),  # https mistyped
        # typos
        ("amce.com", "Acme", K.TYPO),
        ("acmee.com", "Acme", K.TYPO),
        ("twiilio.com", "Twilio", K.TYPO),
        ("go-twillio.com", "Twilio", K.TYPO),  # beside a tag of one or two letters too
        ("twillio-kp.com", "Twilio", K.TYPO),
        ("twillio-86.com", "Twilio", K.TYPO),  # or two digits
        ("microsofty.com", "Microsoft", K.TYPO),  # a letter added to a name of 8 or more
        ("pay-pal.com", "PayPal", K.TYPO),
        ("pay.pal.com", "PayPal", K.TYPO),
        ("micosoft.com", "Microsoft", K.TYPO),
        ("mircosoft.com", "Microsoft", K.TYPO),
        ("twillio-sso.com", "Twilio", K.TYPO_KEYWORD),
        ("twiiliosso.com", "Twilio", K.TYPO_KEYWORD),
        ("paaypaal.com", "PayPal", K.TYPO),  # letters written twice, two of them
        ("sso-paayypall.com", "PayPal", K.TYPO_KEYWORD),
        ("www-twiilio.com", "Twilio", K.TYPO),  # a typo in a host spelled out
        ("wwv-twiilio.com", "Twilio", K.TYPO),  # with www mistyped in front, as a name is
        ("twiilio-com.info", "Twilio", K.TYPO),
        ("login.microsaftonline.com", "Microsoft", K.TYPO_KEYWORD),
        ("c0inbaes.com", "Coinbase", K.TYPO),  # look-alike letters and a slip, 8+ letters
        ("mircos0ft.com", "Microsoft", K.TYPO),
        ("c0inbse-login.com", "Coinbase", K.TYPO_KEYWORD),
        # look-alike characters
        ("acrne.com", "Acme", K.HOMOGLYPH),
        ("twil1o.com", "Twilio", K.HOMOGLYPH),
        ("paypa1.com", "PayPal", K.HOMOGLYPH),
        ("micros0ft-login.com", "Microsoft", K.HOMOGLYPH),
        ("paypai-secure.com", "PayPal", K.HOMOGLYPH),
        ("xn--pypal-4ve.com", "PayPal", K.HOMOGLYPH),
        ("pаypal.com", "PayPal", K.HOMOGLYPH),  # Cyrillic а, given in Unicode
        ("xn--coinbse-en4c.com", "Coinbase", K.HOMOGLYPH),
        ("app1e.com", "Apple", K.HOMOGLYPH),
        ("аpple.com", "Apple", K.HOMOGLYPH),  # a word name, a Cyrillic а (given in Unicode)
        ("xn--pple-43d.com", "Apple", K.HOMOGLYPH),  # the same in punycode
        ("twiłio.com", "Twilio", K.HOMOGLYPH),  # a stroke drawn into a letter (ł)
        ("xn--cinbase-q1a.com", "Coinbase", K.HOMOGLYPH),  # cøinbase, the same
        ("аtt.com", "AT&T", K.HOMOGLYPH),  # a 3-letter name with a Cyrillic а among Latin
        ("dһl.com", "DHL", K.HOMOGLYPH),  # letters (Cyrillic һ)
        ("vvellsfargo.com", "Wells Fargo", K.HOMOGLYPH),
        ("paypa1-365.com", "PayPal", K.HOMOGLYPH),  # beside a number, as mlcrosoft-365.com
        ("paypa1-qi.com", "PayPal", K.HOMOGLYPH),  # or a tag of one to three letters
        ("lcloud-fmi.com", "Apple", K.HOMOGLYPH),  # look-alike letters that fold (cl as d)
        ("w-paypa1.com", "PayPal", K.HOMOGLYPH),
        ("news-paypa1.com", "PayPal", K.HOMOGLYPH),  # beside words (0.6): nobody writes so
        ("news-paypa1.example.io", "PayPal", K.HOMOGLYPH),
        ("paypa1-x365.com", "PayPal", K.HOMOGLYPH),  # beside a tag of four characters or more
        ("tw1lioshop.com", "Twilio", K.HOMOGLYPH),  # at the head of a token, words glued on
        ("micros0ftteams.com", "Microsoft", K.HOMOGLYPH),
        ("loginmlcrosoftonline365.qzvrk.com", "Microsoft", K.HOMOGLYPH),  # after a sign-in word
        ("qzvrkloginmlcrosoftonline.qzvrk.com", "Microsoft", K.HOMOGLYPH),
        # brand in the subdomain of an unrelated domain, and on free hosts
        ("acme.com.verify-id.xyz", "Acme", K.SUBDOMAIN),
        ("paypal.com.secure-login.info", "PayPal", K.SUBDOMAIN),
        ("www-acme-com.evil.net", "Acme", K.SUBDOMAIN),
        ("usps.com-tracking.top", "USPS", K.SUBDOMAIN),
        ("paypal.com.br.x.qzvrk.fun", "PayPal", K.SUBDOMAIN),  # far in front, on a cheap ending
        ("paypal.com.nl.services.qzvrk.com", "PayPal", K.SUBDOMAIN),  # or words read as a path
        ("dhl.de.qzvrk.top", "DHL", K.SUBDOMAIN),  # its own domain on a country ending, spelled
        ("icloud.apple-sure.qzvrk.cn", "Apple", K.SUBDOMAIN),  # two names of one brand in front
        ("paypal-com-57193.qzvrk.workers.dev", "PayPal", K.SUBDOMAIN),  # its domain, then a tag
        ("paypal-com-login.qzvrk.com", "PayPal", K.SUBDOMAIN),  # its domain, then a keyword
        ("att.com.verify.xyz", "AT&T", K.SUBDOMAIN),
        ("acme-login.evil.net", "Acme", K.SUBDOMAIN),
        ("en-paypal-login.evil.net", "PayPal", K.SUBDOMAIN),  # a language in front, ignored
        ("www-paypal.evil.net", "PayPal", K.SUBDOMAIN),  # read as paypal.evil.net is
        ("www3-paypal.evil.net", "PayPal", K.SUBDOMAIN),  # a numbered www too
        ("paypalwww.evil.net", "PayPal", K.SUBDOMAIN),
        ("acme.vercel.app", "Acme", K.SUBDOMAIN),
        ("acme.weebly.com", "Acme", K.SUBDOMAIN),
        ("twilio.github.io", "Twilio", K.SUBDOMAIN),
        ("paypal.secure-15d7p.com", "PayPal", K.SUBDOMAIN),  # in front of keyword + tag
        ("paypal.my-gwnp.net", "PayPal", K.SUBDOMAIN),
        ("chase.login-gwnp.com", "Chase", K.SUBDOMAIN),
        ("dhl.net-track8f.top", "DHL", K.SUBDOMAIN),  # a weak name's domain run on
        ("support.cash.app.qzvrk.com", "Cash App", K.SUBDOMAIN),  # a short domain, written out
        ("gov-uk.qzvrk.top", "HMRC", K.SUBDOMAIN),
        ("gov.uk-refund8.top", "HMRC", K.SUBDOMAIN),  # run on into the registered name
        ("my-fb-com.weebly.com", "Meta", K.SUBDOMAIN),  # in a tenant's name
        # the exact name elsewhere
        ("paypal.xyz", "PayPal", K.TLD_SWAP),
        # short and word brands: token + keyword, or the exact name
        ("box-login.com", "Box", K.KEYWORD),
        ("login-box.net", "Box", K.KEYWORD),
        ("att-login.com", "AT&T", K.KEYWORD),
        ("login.att-help.com", "AT&T", K.KEYWORD),
        ("chase-secure.com", "Chase", K.KEYWORD),
        ("target-login.com", "Target", K.KEYWORD),
        ("ups-tracking.com", "UPS", K.KEYWORD),
        ("dhl-delivery.net", "DHL", K.KEYWORD),
        ("paypal-alerts.com", "PayPal", K.KEYWORD),  # keywords' plurals that kits write
        ("claims-paypal.com", "PayPal", K.KEYWORD),
        ("promos-paypal.com", "PayPal", K.KEYWORD),
        ("findmy-icloud.us", "Apple", K.KEYWORD),  # a lost phone's lures
        ("encontrar-icloud.us", "Apple", K.KEYWORD),
        ("netflix-paiement.info", "Netflix", K.KEYWORD),  # French payment pretexts
        ("paypal-official.com", "PayPal", K.KEYWORD),  # "the official site", as kits say
        ("redeem-paypal.com", "PayPal", K.KEYWORD),  # a code or gift card to redeem
        ("ing-verify.es", "ING", K.KEYWORD),
        # ... or run together with one keyword that is no everyday word
        ("chasesignin.com", "Chase", K.KEYWORD),
        ("attservicedesk.net", "AT&T", K.KEYWORD),
        ("ssobox.com", "Box", K.KEYWORD),
    ],
)
def test_flags(index: LookalikeIndex, host: str, brand: str, kind: K) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind) == (brand, kind)
    assert found.score >= POLICY.thresholds.suspicious, found
    assert brand in found.reason


@pytest.mark.parametrize(
    ("host", "brand", "kind"),
    [
        # the exact name or an alias on an established ending: often the brand's own
        ("acme.net", "Acme", K.TLD_SWAP),
        ("acm.org", "Acme", K.ALIAS),
        ("box.net", "Box", K.TLD_SWAP),
    ],
)
def test_found_but_below_suspicious(index: LookalikeIndex, host: str, brand: str, kind: K) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind) == (brand, kind)
    assert found.score < POLICY.thresholds.suspicious, found
    assert 0 < found.score <= 1


@pytest.mark.parametrize(
    "host",
    [
        # each brand's own domains and subdomains
        "acme.com",
        "www.acme.com",
        "login.acme.com",
        "acme-cdn.net",
        "x.y.acme-cdn.net",
        "paypal.com",
        "www.paypal.com",
        "paypalobjects.com",
        "paypal-community.com",
        "okta.com",
        "acme.okta.com",
        "oktacdn.com",
        "twilio.com",
        "api.twilio.com",
        "microsoft.com",
        "login.microsoftonline.com",
        "amazon-adsystem.com",
        "media-amazon.com",
        "att.com",
        "box.com",
        "chase.com",
        "jpmorganchase.com",
        "target.com",
        "usps.com",
        "e-zpassny.com",
        "t-mobile.com",
        # short and word brands inside other words
        "toolbox.com",
        "inbox.com",
        "boxing.com",
        "matter.com",
        "ingles.com",
        "citizens.com",
        "metadata.com",
        "appleton.org",
        "upstart.com",
        "dhlexpress.net",
        "attention.com",
        "targeted.com",
        "chasebank-history.org",
        "orangecounty.gov",
        "evrim.org",
        "box-office.com",
        "apple-pie.com",
        "ațt.com",  # a 3-letter name with an accent, as a language may write its words
        "аха.com",  # all in Cyrillic: a Russian word (aha) rather than AXA in look-alikes
        # words and names one edit from a brand
        "venom.com",
        "came.com",
        "acne.com",
        "acre.com",
        "elle.com",
        "tmall.com",
        "xvideos2.com",
        # unrelated, shared hosts' own names, infrastructure
        "example.com",
        "google.com",
        "vercel.app",
        "pages.dev",
        "www.apple.com.edgekey.net",
        "douyincdn.com.c.volcfcdndvs.com",
        "paypal.com.ssl.d1.sc.omtrdc.net",  # far in front elsewhere: a CDN's CNAME
        "paypal.com.edgekey.net.tm.aka700.net",  # (words, but a CNAME chain's)
        "paypal.com.x1.y2.qzvrk.com",  # (no words between)
        "apple-icloudx.qzvrk.cn",  # two names of one brand in one label: not two in front
        "cdn-paypal-com-x1.qzvrk.net",  # a domain spelled inside a CDN's label, not in front
        "live.com.akadns.net",  # a short domain written out in a CDN's name
        "welcome-me.com",  # its name alone (me of me.com) in a registered name
        "tax.service.gov.uk",  # its own domain's hosts
    ],
)
def test_never_flags(index: LookalikeIndex, host: str) -> None:
    assert index.match(host) is None


@pytest.mark.parametrize(
    "host",
    [
        "",
        ".",
        "a..b",
        "com",
        "localhost",
        "10.0.0.1",
        "-",
        "*.",
        "xn--",
        "xn--zz.com",
        "日本.jp",
        "a" * 254,
        "acme-okta.com" + "." * 300,
    ],
)
def test_invalid_or_unreadable_is_none(index: LookalikeIndex, host: str) -> None:
    assert index.match(host) is None


@pytest.mark.parametrize(
    "variant", ["ACME-OKTA.COM", "*.acme-okta.com", "acme-okta.com.", "Acme-Okta.Com."]
)
def test_spellings_of_the_same_host(index: LookalikeIndex, variant: str) -> None:
    found = index.match(variant)
    assert found is not None
    assert found.domain == "acme-okta.com"
    assert (found.brand, found.keyword) == ("Acme", "okta")


@pytest.mark.parametrize(
    ("host", "low", "high"),
    [
        ("twilio-okta.com", 0.9, 1.0),  # keyword on a strong brand
        ("twillio-sso.com", 0.85, 0.95),  # typo + keyword
        ("paypa1.com", 0.85, 0.95),  # look-alike characters
        ("xn--pypal-4ve.com", 0.9, 1.0),
        ("twiilio.com", 0.7, 0.8),  # typo alone
        ("paypal.com.secure-login.info", 0.8, 0.9),  # subdomain
        ("paypal-com-login.com", 0.9, 1.0),  # its domain spelled, then a keyword
        ("paypal.xyz", 0.5, 0.65),  # another suffix, where swaps phish
        ("paypal.net", 0.3, 0.4),  # a legacy or country suffix: mostly the brand's own
        ("gstatic.net", 0.3, 0.4),
    ],
)
def test_scores(index: LookalikeIndex, host: str, low: float, high: float) -> None:
    found = index.match(host)
    assert found is not None
    assert low <= found.score <= high


def test_weak_brands_score_lower(index: LookalikeIndex) -> None:
    strong, short, word, tiny = (
        index.match(h)
        for h in ("twilio-login.com", "acme-login.com", "chase-login.com", "att-login.com")
    )
    assert strong
    assert short
    assert word
    assert tiny
    assert strong.score > short.score > word.score >= tiny.score


def test_company_beats_the_identity_provider_beside_it(index: LookalikeIndex) -> None:
    # okta is both a brand and a keyword: beside Acme it is the pretext, not the target
    for host in ("acme-okta.com", "okta-acme.us", "acme.okta-login.co"):
        found = index.match(host)
        assert found is not None
        assert found.brand == "Acme"
        assert found.keyword == "okta"


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("acme-okta.com", "acme-okta.com imitates Acme: it joins the name Acme with 'okta', "
         "but it is not one of Acme's domains"),
        # a slip in look-alike letters names both
        ("c0inbaes.com", "c0inbaes.com imitates Coinbase: 'c0inbaes' is 'coinbase' with two "
         "letters swapped and look-alike characters"),
        # Unicode look-alikes beside a keyword are quoted as written (a Cyrillic а), in the
        # registered name and in a subdomain label, not as their ASCII reading
        ("xn--pypal-login-yij.com", "xn--pypal-login-yij.com imitates PayPal: 'pаypal' spells "
         "'paypal' with look-alike characters, joined with 'login'"),
        ("xn--pypallogin-zqi.com", "xn--pypallogin-zqi.com imitates PayPal: 'pаypal' spells "
         "'paypal' with look-alike characters, joined with 'login'"),
        # and a slip in a Unicode name says it holds look-alike characters (ł), in its letters
        ("xn--twilio-5db.com", "xn--twilio-5db.com imitates Twilio: 'twiłlio' is 'twilio' with "
         "a letter doubled and look-alike characters"),
        ("xn--twillio-lgin-8hb.com", "xn--twillio-lgin-8hb.com imitates Twilio: 'twillio' is "
         "'twilio' with a letter doubled, joined with 'login'"),  # (the ó is the keyword's)
    ],
)  # fmt: skip
def test_reason_reads_like_a_sentence(index: LookalikeIndex, host: str, reason: str) -> None:
    found = index.match(host)
    assert found is not None
    assert found.reason == reason


def test_matched_part_is_reported(index: LookalikeIndex) -> None:
    typo = index.match("twillio-sso.com")
    glyph = index.match("xn--pypal-4ve.com")
    assert typo is not None
    assert (typo.matched, typo.keyword) == ("twillio", "sso")
    assert glyph is not None
    assert glyph.matched == "pаypal"


def test_empty_policy_matches_nothing() -> None:
    index = LookalikeIndex.from_policy(Policy(brands=(), keywords=()))
    assert index.match("paypal-login.com") is None


def test_policy_keywords_are_used() -> None:
    policy = Policy(brands=(ACME,), keywords=("zorgbank",))
    index = LookalikeIndex.from_policy(policy)
    keyword = index.match("acme-zorgbank.com")
    other = index.match("acme-login.com")  # login is not a keyword of this policy
    assert keyword is not None
    assert keyword.score >= 0.85
    assert other is not None
    assert other.score < policy.thresholds.suspicious


@pytest.mark.parametrize(
    "host", ["twilio-careers.com", "coinbase-lounge.com", "binance-careers.com"]
)
def test_brand_beside_other_words_is_weak_evidence(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is not None
    assert found.kind is K.KEYWORD
    assert found.score < POLICY.thresholds.suspicious
    assert found.reason.startswith(f"{host} uses the name ")


@pytest.mark.parametrize(
    # a region or country (kr-acme.com) and a language after the name: brands' own names
    "host", ["paypal-2.com", "paypal-eu.com", "paypal-a1.com", "kr-acme.com", "acme-zh.com"]
)
def test_versions_and_regions_are_not_brand_beside_words(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is None or found.kind is not K.KEYWORD


@pytest.mark.parametrize(
    ("host", "brand"),
    [
        # a distinctive brand beside other words, a serial or glued into a word, in a
        # phishing-like place: a free host, a cheap ending, beside a sign-in word
        ("coinbase-hub.xyz", "Coinbase"),
        ("coinbase-careers.vercel.app", "Coinbase"),
        ("start-targetcom.webflow.io", "Target"),  # a word name's domain run together
        ("paypal-208461.weebly.com", "PayPal"),
        ("paypal73qk.blogspot.com", "PayPal"),
        ("coinbaseproexchange.top", "Coinbase"),
        ("coinbase-lounge-login.com", "Coinbase"),
        ("active-paypal.accounts-admin-bureau.com", "PayPal"),  # in a subdomain too
        ("att-208461.weeblysite.com", "AT&T"),
        ("paypal-208461.com", "PayPal"),  # a serial number is such a place too
        ("283776paypal.com", "PayPal"),  # a kit's serial in front of a distinctive name too
        ("paypal283776.com", "PayPal"),  # or after it
        ("vault.72813paypal.com", "PayPal"),
        # the brand in front of someone else's domain in such a place
        ("paypal.qzvrk.cc", "PayPal"),
        ("att.qzvrk.cc", "AT&T"),
        ("coinbase.login-79v.com", "Coinbase"),
        ("auth.paypal.detected-xqzv7.qzvrk.top", "PayPal"),  # labels in front, junk between
        ("coinbase.x7q2.site-x.weebly.com", "Coinbase"),
        # a long name made plural beside tags only or with a copy number: a kit's copies
        ("coinbases-mw.com", "Coinbase"),
        ("m-coinbases.com", "Coinbase"),
        ("coinbases2.com", "Coinbase"),
        # a distinctive name with a short tag glued on, beside a keyword: a kit's copy
        ("app-vzf-coinbasecc.com", "Coinbase"),
        ("secure-coinbasexq.com", "Coinbase"),
        # a word name in front of a kit's numbered domain: words, then a serial at the end
        ("chase.confirmation-id4936.com", "Chase"),
        ("chase.guest-hotel73352.com", "Chase"),
        # loose typos there: second or last letter, a digit for a letter
        ("twillo.top", "Twilio"),
        ("microsofd.vercel.app", "Microsoft"),
        ("coinbas3.xyz", "Coinbase"),
        ("coinbas3.zapier.app", "Coinbase"),  # a free host missing from the suffix list
        ("paypal-001-site1.qtempurl.com", "PayPal"),  # a web host's temporary site name
        ("managepaypalinfo021.ignorelist.com", "PayPal"),  # afraid.org's free subdomains
        ("twiliu.top", "Twilio"),
        ("twiliu.fit", "Twilio"),  # .fit, .kim, .rent, .bar, .host are such endings too
        ("twiliu.solutions", "Twilio"),  # and .onl, .company, .college, .solutions
        ("twilioa.top", "Twilio"),  # a letter added to a shorter name
        ("coinbasres.fit", "Coinbase"),  # a long name's typo made plural
        ("twiliu7.top", "Twilio"),  # a typo with a kit's number after it
        ("coinbsae06.top", "Coinbase"),
        ("pay-palxqz.top", "PayPal"),  # a name split by a hyphen, junk run on after it
        ("twi-liotqz.vercel.app", "Twilio"),
        # a short or tiny name glued to the head of junk there, a typo beside other words
        ("uspsxqzv.top", "USPS"),
        ("dhlqvxq.top", "DHL"),
        ("gov-dhlqvxq.top", "DHL"),  # ... beside keywords or top-level words only
        ("gov.uk-dhlqvxq.icu", "DHL"),
        ("wwwtwiliu.top", "Twilio"),  # www run into a typo there: read without it
        ("wwwtwiliu.vercel.app", "Twilio"),
        ("twiliu.qzvrk.top", "Twilio"),  # a typo as the label in front of the chosen one
        ("twiliu.qzvrk.vercel.app", "Twilio"),
        ("en-twillio.pages.dev", "Twilio"),
        ("en-paypa1.gitbook.io", "PayPal"),  # look-alike letters beside other words
        ("w-paypa1.top", "PayPal"),
        # a word or tiny name beside everyday keywords only (box-office) there
        ("chase-team.top", "Chase"),
        ("it-att.netlify.app", "AT&T"),
        ("attcom-206482.weeblysite.com", "AT&T"),  # its domain run together as a token
        ("attnet-206482.weeblysite.com", "AT&T"),  # (net is an English word too)
        ("safety-fb-ads-2073518149.vercel.app", "Meta"),  # a two-letter name beside a serial
        ("fb-verify-account.web.app", "Meta"),  # or beside keywords only, a sign-in word among
        ("fb-account-home.web.app", "Meta"),  # or beside keywords and English words
        ("fbwebmailsupport.weebly.com", "Meta"),  # or run together with words and one
        ("orangemy.live", "Orange"),  # or run together with everyday keywords
        ("coinbase-hub.my.id", "Coinbase"),  # cheap second levels are such endings too
        ("uspsqwzye.biz.id", "USPS"),
        ("coinbase-hub.hl.cn", "Coinbase"),  # a Chinese provincial second level
        ("hub-for-paypal.com.cn", "PayPal"),  # .com.cn, the name among hyphenated words
        ("hub-paypa-web.com.cn", "PayPal"),  # ... a loose typo there too
        ("go-net-paypalweb.com.cn", "PayPal"),
        ("paypal.web.id", "PayPal"),
        ("uspsqwzye.x.top", "USPS"),  # each of these in a subdomain label too
        ("chase-team.x.top", "Chase"),
        ("dhlsecure.top", "DHL"),
        # a sign-in word run together with English words is a sign-in word too
        ("citi.passwordresetcenter.net", "Citi"),
        ("coinbase-careers.accountrecoverycenter.com", "Coinbase"),
        ("coinbasesupport-qzvrk.com", "Coinbase"),  # ... or run on after the name itself
        ("qzvrk-verifycoinbase.com", "Coinbase"),  # ... or before it
        # a word or tiny name run together with a keyword, as one token among others
        ("attservice-qzvrk.webflow.io", "AT&T"),
        ("hsbcsupport-qzvrk.top", "HSBC"),  # a 4-letter name so
        ("www-chase.top", "Chase"),  # a word name after www-
    ],
)
def test_weak_evidence_in_a_phishing_place_is_suspicious(
    index: LookalikeIndex, host: str, brand: str
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert found.brand == brand
    assert found.score >= POLICY.thresholds.suspicious


@pytest.mark.parametrize(
    "host",
    [
        "coinbase-hub.com",  # the same shapes on .com, a country ending, or a cloud endpoint
        "coinbase-hub.co.id",  # (a country's second level where companies register)
        "paypalgalaxy.com.cn",  # on .com.cn a name glued to a word alone is the brand's own shape
        "paypal-content.com.cn",  # and so is a brand beside the words of a serving host
        "paypal-cdn-web.com.cn",
        "uspsqwzye.co.id",
        "coinbaseproexchange.com",
        "coinbasexsupport-qzvrk.com",  # not with other letters between the name and the word
        "pay-palxqz.com",  # a name split by a hyphen with junk after, not where phishing lives
        "pay-palace.top",  # or run on into a word
        "p-aypalxqz.top",  # or split after one letter
        "paypal365.com",  # fewer digits after a name are mostly versions and mirrors
        "paypal2x283776.com",  # a serial not right after the name
        "365paypal.com",  # a short number in front is a name's own (365scores)
        "283776chase.com",  # and a serial glues to distinctive names only
        "citi.qzvrk.net",  # a short name in front of someone's domain, no sign-in word
        "att.qzvrk.com",
        "chase.signature365.com",  # a number in a one-word label is a product's (365, 360)
        "paypal.detected-xqzv7.qzvrk.com",  # labels in front, not where phishing lives
        "paypal.data.us.qzvrk.top",  # or words between: a vendor's host for the brand
        "chase.law360-news.com",  # a serial not at the end
        "chase.confirmation-id49.com",  # two digits are no serial
        "twiliu.com",
        "twilioa.com",  # a letter added to a name under 8 letters (tiktokv.com is TikTok's)
        "coinbasres.com",  # a typo made plural: a plural is mostly a site of its own
        "coinbases.com",  # and so is a plural alone
        "vzf-coinbasecc.com",  # a name with a tag glued on, no keyword beside it
        "app-vzf-coinbasexqzv.com",  # or a longer tail glued on
        "coinbases-live.com",  # or beside words
        "paypals-mw.com",  # and a shorter name's plural beside a tag
        "coinbas3.com",
        "twiliu7.com",  # a typo with a number after it, not where phishing lives
        "coinbase-data.s3.amazonaws.com",
        "paypal73qk.blob.core.windows.net",
        "uspsxqzv.com",
        "dhlqvxq.com",
        "gov-dhlqvxq.com",
        "blue-dhlqvxq.top",  # beside a word that is no keyword
        "wwwtwiliu.com",
        "twiliu.qzvrk.com",
        "fscdn.qzvrk.top",  # a CDN's label, not a typo of fbcdn
        "linkcdn.top",  # slips that make a CDN's stem: no linkedin
        "get-twillio.com",  # a typo beside a word (en-twillio.com is a language's host)
        "acmme-kr.com",  # a short name's typo beside a tag: another name's regional site
        "paypaiexpress.com",  # look-alike letters glued on: not when a folded letter ends it
        "paypa1xy.com",  # nor with fewer than three letters after it
        "visitscotland.com",  # nor inside words (scotla as Scotia's look-alike)
        "newsmlcrosoft365.com",  # nor after a word that is no sign-in word
        "rnicrosoftstore.com",  # nor when a fold changes the name's length (rn as m)
        "app1eshop.com",  # nor for an everyday word's name
        "netfilm.com",  # folded, a slip from netflix: look-alikes and a slip need 8+ letters
        "paypa1l.com",
        "chase-team.com",
        "it-att.example.com",
        "chase.my-gwnp.net",  # a weak name before an everyday keyword and a tag
        "dhl.net.example.org",  # a weak name's domain not run on into the chosen label
        "attcom-206482.com",
        "uspsqwzye.x.com",
        "active-paypal.admin-bureau.com",
        "safety-fb-ads-2073518149.com",
        "safety-fb-ads.vercel.app",
        "fb-verify-account.com",  # a two-letter name beside keywords, not where phishing lives
        "fb-team-online.web.app",  # or beside everyday keywords only
        "fb-home-online.web.app",  # or beside words and everyday keywords
        "fb-account-home.com",  # or beside words and a sign-in word, not where phishing lives
        "fb-verify-zzqx.web.app",  # or beside junk
        "fbwebmailsupport.com",  # run together with words and a sign-in word, not on a free host
        "fbteamphotos.weebly.com",  # or with no sign-in word
        "orangemy.com",
        "dhlsecure.com",
        "luckyorange.com",  # a keyword that is an everyday word
        "trackmytarget.com",  # a run of keywords
        "citi.resetqzv.net",  # a sign-in word glued to junk is not read
        "paypal-ads.com",  # nor one inside the brand's own token (pay-pal)
        "www-chase.com",
        "hsbcsupport-qzvrk.com",
        "start-targetcom.com",
        "hats-paypal.com",  # two slips from https, but no tp or tt: a word
    ],
)
def test_weak_evidence_elsewhere_stays_below_suspicious(index: LookalikeIndex, host: str) -> None:
    found = index.match(host)
    assert found is None or found.score < POLICY.thresholds.suspicious, found


@pytest.mark.parametrize(
    "host", ["paypal.qzvrk.net", "www.paypal.qzvrk.com", "paypal.xyz.de", "paypal.my-company.com"]
)
def test_a_distinctive_name_in_front_of_any_domain_is_suspicious(
    index: LookalikeIndex, host: str
) -> None:
    """paypal.qx-rate.net, hsbc.qzpayreset.com (made up): kits put the brand as the one label in
    front of a throwaway or hacked domain; vendors do too (spotify.demdex.net), so it is
    suspicious, not phishing."""
    found = index.match(host)
    assert found is not None
    assert (found.brand, found.kind) == ("PayPal", K.SUBDOMAIN)
    assert POLICY.thresholds.suspicious <= found.score < POLICY.thresholds.phishing


IMTOKEN = Policy(brands=(Brand(name="imToken", domains=("token.im",), aliases=("imtoken",)),))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("tokeo.im", True),  # one slip of its own domain's name, on its own ending
        ("tocken.im", True),
        ("www.t0den.im", True),  # in look-alike letters too
        ("tokeo.com", False),  # the slip of an everyday word elsewhere: another name
        ("toke.im", False),  # a letter left out: mostly a word of its own
        ("tower.im", False),  # two slips
        ("token.im", False),  # its own
    ],
)
def test_a_slip_of_the_brands_own_domain_on_its_own_ending(host: str, flagged: bool) -> None:
    """imToken's token.im: kits register tokeo.im, tocken.im, toekn.im. The name is an
    everyday word, whose slips are other words on .com, but on the brand's own country
    ending a slip of its domain is its address mistyped."""
    assert_flagged(IMTOKEN, host, flagged)


OWN_NAMES = Policy(brands=(
    Brand(name="Microsoft", domains=("microsoft.com", "microsoftonline.com")),
))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("microsoftonline.us", False),  # its domain's name on another ending: mostly its own
        ("login.microsoftonline.us", False),
        ("microsoftonline.xyz", True),  # but on a cheap ending, its name elsewhere
        ("microsoft-online.us", True),  # a hyphen added to its name
        ("microsoft-login.us", True),
    ],
)
def test_a_label_that_is_a_brand_name_is_read_as_that_name(host: str, flagged: bool) -> None:
    """"microsoftonline" is one of Microsoft's names (microsoftonline.com), not "microsoft"
    beside the keyword "online"."""
    assert_flagged(OWN_NAMES, host, flagged)


NAMED_LONGER = Policy(brands=(
    Brand(name="Facepunch Studios", domains=("facepunch.com",)),
    Brand(name="Call of Duty Mobile", domains=("callofduty.com",), aliases=("CODM",)),
))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("facepunch-login.com", True),  # the domain's name, though the brand's is longer
        ("facepnuch-helpdesk.com", True),  # and its typos
        ("facepunchstudios-login.com", True),
        ("callofduty-verify.com", True),
        ("callofdutymobile.com", False),  # its whole name on .com: mostly its own
        ("callofdutymobile.xyz", True),  # and on a cheap ending, its name elsewhere
    ],
)
def test_a_brand_named_with_more_words_than_its_domain(host: str, flagged: bool) -> None:
    """Facepunch Studios owns facepunch.com: "facepunch" is its name, not a cut of it; and a
    label that is the brand's whole name is read as that name, not as the shorter one beside a
    keyword ("callofduty" + "mobile")."""
    assert_flagged(NAMED_LONGER, host, flagged)


DARB = Policy(brands=(Brand(name="Darb", domains=("darb.itc.gov.ae",)),))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("darb.itc.gov.ae-ovrd.com", True),  # the whole host, its last label run on
        ("darb.ae-poen.com", True),  # the name and its own ending, run on
        ("login.darb.itc.gov.ae-ovrd.com", True),
        ("darb.fr-poen.com", False),  # not its ending
        ("darb.itc.gov.ae", False),  # its own host
        ("pay.darb.itc.gov.ae", False),
    ],
)
def test_a_brand_host_written_out_and_run_on_into_the_registered_name(
    host: str, flagged: bool
) -> None:
    """A toll kit writes Darb's address, darb.itc.gov.ae, in front of its own .com and runs the
    last label on into it (darb.itc.gov.ae-ovrd.com), or only the name and the ending."""
    found = LookalikeIndex.from_policy(DARB).match(host)
    assert (found is not None and found.score >= 0.4) is flagged, (host, found)
    if flagged:
        assert found is not None
        assert found.kind is K.SUBDOMAIN
        assert "darb." in found.matched


OLX = Policy(brands=(Brand(name="OLX", domains=("olx.pl", "olx.com")),
                    Brand(name="Allegro", domains=("allegro.pl",))))


@pytest.mark.parametrize(
    ("host", "spelled"),
    [
        ("olx-pl.iteses.pics", "olx.pl"),  # as olx.pl.iteses.pics: a hyphen for its dot
        ("www.olx-pl.example.com", "olx.pl"),
        ("allegro-pl.kupno.shop", "allegro.pl"),
        ("olx-de.iteses.pics", None),  # not one of its domains
        ("olx-pl.com", None),  # a registered name so is mostly a brand's regional site
        ("allegro-pl.com", None),
    ],
)
def test_a_brand_domain_with_its_own_ending_spelled_in_a_subdomain_label(
    host: str, spelled: str | None
) -> None:
    """Kits write the brand's address with a hyphen for its dot in front of their domain
    (olx-pl.iteses.pics for olx.pl): read as the dotted form, whatever the name's strength,
    when the ending is one of the brand's own domains' (olx.pl), not any country's."""
    found = LookalikeIndex.from_policy(OLX).match(host)
    if spelled is None:
        assert found is None or found.kind is not K.SUBDOMAIN, found
        return
    assert found is not None
    assert (found.kind, found.matched) == (K.SUBDOMAIN, spelled)
    assert found.score >= 0.7


@pytest.mark.parametrize(
    ("host", "brand", "keyword"),
    [
        ("coinbaselivehelp.com", "Coinbase", "help"),
        ("paypalissuesupport.com", "PayPal", "support"),
        ("supportpaypalcenter.com", "PayPal", "support"),
        ("twiliotrustedsecurity.net", "Twilio", "security"),
        ("www.acmelivehelp.de", "Acme", "help"),  # a short name too
        ("coinbasesupportcenter.example.com", "Coinbase", "support"),  # a subdomain label too
        ("targetstorelogin.com", "Target", "login"),  # a word name of 6 letters or more
        ("targetwebhelp.com", "Target", "help"),  # ... beside keywords only (web, help)
        ("targetaccount.com", "Target", "account"),  # ... or a sign-in word alone
    ],
)
def test_a_name_glued_to_words_and_a_sign_in_word_is_suspicious(
    index: LookalikeIndex, host: str, brand: str, keyword: str
) -> None:
    """The glued form of coinbase-live-help.com: the same evidence without the hyphens."""
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind, found.keyword) == (brand, K.KEYWORD, keyword)
    assert POLICY.thresholds.suspicious <= found.score < POLICY.thresholds.phishing


@pytest.mark.parametrize(
    "host",
    [
        "coinbaselivemusic.com",  # words, but no sign-in word
        "coinbasexqzhelp.com",  # junk beside the sign-in word
        "chaselivehelp.com",  # a word name under 6 letters is never read inside a longer word
        "targetlivemusic.com",  # nor one of 6 or more without a sign-in word
        "paypa1livehelp.com",  # look-alike letters beside words
    ],
)
def test_a_name_glued_to_other_words_stays_below_suspicious(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)
    assert found is None or found.score < POLICY.thresholds.suspicious, found


@pytest.mark.parametrize("host", ["dhlhub.top", "uspshub.top", "attack.top"])
def test_weak_names_beside_a_word_are_not_glued(index: LookalikeIndex, host: str) -> None:
    # real sites name themselves so (metahub, olxtoto); a word is never a glued brand
    assert index.match(host) is None


FIVE_LETTERS = Policy(brands=(Brand(name="Orico", domains=("orico.co.jp",)),))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("oricoxq.top", True),  # a name of 5 letters glued to junk, at its head
        ("xqorico.top", True),  # or at its end
        ("xqoricocom.top", True),  # or its domain written out at the end
        ("xqoricoxq.top", False),  # strictly inside: mostly other words' letters
        ("voriconazole.online", False),
    ],
)
def test_a_short_distinctive_name_glues_only_at_either_end(host: str, flagged: bool) -> None:
    assert_flagged(FIVE_LETTERS, host, flagged)


SOUNDS = Policy(brands=(Brand(name="Telekom", domains=("telekom.de",)),
                        Brand(name="Mercado Libre", domains=("mercadolibre.com",))))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("telecom.kz", False),  # a c for a k: the same sound, as other languages spell it
        ("telecom.com", False),
        ("telecom.top", True),  # ... a typo where phishing sites live
        ("telecom.vercel.app", True),
        ("telecom-login.com", True),  # and beside a keyword
        ("mercadolivre.com.br", False),  # a v for a b: Mercado Libre's name in Portuguese
        ("mercadolivre.top", True),
        ("mercadolidre.com", True),  # another letter for the b is a typo anywhere
    ],
)
def test_a_letter_for_the_same_sound_is_a_typo_only_where_phishing_sites_live(
    host: str, flagged: bool
) -> None:
    assert_flagged(SOUNDS, host, flagged)


WORDS = Policy(brands=(Brand(name="Telegram", domains=("telegram.org",)),
                       Brand(name="Chase", domains=("chase.com",))))


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        # an everyday word of 8 letters or more is misspelled as a distinctive name is
        ("telegarm.com", True),
        ("telrgram.net", True),
        ("telegran-login.com", True),
        ("telegramlogin.com", True),  # run together with a sign-in word that is a word
        ("chaselogin.com", False),  # a shorter word so: other sites
        ("telegrams.com", False),  # a plural is a word of its own
        ("telegrcams.com", False),
        ("telegrams.fit", True),  # but where phishing sites live it is the name's, and so
        ("telegrcams.club", True),  # is its typo made plural (a kit's many domains)
        ("telegramsummary.click", True),  # glued into a longer word there, as a name is
        ("telegramsummary.com", False),
        ("telegrram.qzvrk.top", True),  # a typo as the label in front of the chosen one
        ("chasse.qzvrk.top", False),
        ("telegram4you.top", False),  # beside digits: versions and mirrors
        ("telegramx.com", False),  # a word and a letter is often a name of its own
        ("telegraph.com", False),  # two slips alone: another word
        # a shorter one is not: its slips are other words and names (chose, chasm, chaser)
        ("chasr.com", False),
        ("chasee.com", False),
    ],
)
def test_long_everyday_words_are_misspelled_as_names_are(host: str, flagged: bool) -> None:
    assert_flagged(WORDS, host, flagged)


@pytest.mark.parametrize(
    ("word_host", "name_host"),
    [
        ("tvlegram.top", "tvlegrom.top"),  # a changed second letter, where phishing sites live
        ("fun-telegrem.top", "fun-telegrom.top"),  # a slip beside a word that is no keyword
    ],
)
def test_long_everyday_words_get_the_loose_slips_distinctive_names_get(
    word_host: str, name_host: str
) -> None:
    word = LookalikeIndex.from_policy(WORDS).match(word_host)
    distinctive = LookalikeIndex.from_policy(
        Policy(brands=(Brand(name="Telegrom", domains=("telegrom.org",)),))
    ).match(name_host)
    assert word is not None
    assert distinctive is not None
    assert word.score == distinctive.score, (word, distinctive)


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("kuoinbasselogin.webflow.io", True),  # three slips, its first sound kept (c as k)
        ("kuoinbasse-login.webflow.io", True),
        ("kuoinbasse.webflow.io", False),  # no sign-in word beside it
        ("kuoinbasselogin.com", False),  # not on a free host
        ("zuoinbasselogin.webflow.io", False),  # its first sound changed
        ("koinbxxxxlogin.webflow.io", False),  # more than three slips
        # the sign-in word garbled past what one slip says (loxgoin, logunx, l0gen)
        ("kuoinbasseloxgoin.webflow.io", True),
        ("kuoinbasselogunx.godaddysites.com", True),
        ("kuoinbassel0gen.gitbook.io", True),
        ("kuoinbasseloxgoin.com", False),  # not on a free host
        ("kuoinbasselogic.webflow.io", False),  # an English word after it
        ("kuoinbassexgoin.webflow.io", False),  # no l, o, g: no sign-in word
        ("kuoinbasse-logiez.godaddysites.com", True),  # or as a token of its own
        ("kuoinbasse-logic.godaddysites.com", False),
    ],
)
def test_a_kits_garbled_name_beside_a_sign_in_word_on_a_free_host(
    index: LookalikeIndex, host: str, flagged: bool
) -> None:
    found = index.match(host)
    assert (found is not None and found.brand == "Coinbase") == flagged, found


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("coi1nba7sex.top", True),  # digits put in, a letter added (fideli7t1x)
        ("c0inb4sex1.top", True),  # digits written for letters (fid3l1t1)
        ("m1cr0s7ftx.xyz", True),
        ("c0in-ba7sex.top", True),  # across a hyphen (f1del-ility)
        ("coi1nba7sex.weebly.com", True),  # on a free host too
        ("coi1nba7sex.com", False),  # not where phishing sites live
        ("coin-ba7sex.top", False),  # a word beside a tenant's id (mail-u0ti) is no name
        ("c0i1nb4s3e.top", False),  # four digits
        ("zoi1nba7se.top", False),  # its first two letters changed
        ("c01aba5eb.top", False),  # a hex string: a hash or an id
    ],
)
def test_a_name_with_digits_sprinkled_in_where_phishing_sites_live(
    index: LookalikeIndex, host: str, flagged: bool
) -> None:
    found = index.match(host)
    assert (found is not None and found.brand in ("Coinbase", "Microsoft")) == flagged, found
    if flagged:
        assert found is not None
        assert "digits sprinkled in" in found.reason


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("wallet-paypalcom.qzvrk.com", True),  # its domain run together beside a keyword
        ("paypalcom-wallet.qzvrk.com", True),
        ("wallet-paypalnet.qzvrk.com", True),
        ("wallet-paypales.qzvrk.com", False),  # two letters end words (binges): not an ending
    ],
)
def test_a_brands_domain_run_together_beside_a_keyword_in_a_subdomain(
    index: LookalikeIndex, host: str, flagged: bool
) -> None:
    found = index.match(host)
    assert (found is not None and found.brand == "PayPal"
            and found.score >= POLICY.thresholds.suspicious) == flagged, found


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("telegramzn.com", True),  # a kit's copies, each with its own tag
        ("www.telegramtvb.org", True),
        ("telegramai.com", False),  # a product's suffix
        ("telegramcdn.com", False),  # a CDN's stem
        ("telegramone.com", False),  # a word glued on
        ("chasezn.com", False),  # a word name shorter than 8 letters
    ],
)
def test_an_everyday_word_name_with_a_tag_glued_on(host: str, flagged: bool) -> None:
    assert_flagged(WORDS, host, flagged)


@pytest.mark.parametrize(
    ("host", "read_as", "registered"),
    [
        ("acmme-loggin.qzvrk.com", "acme-login.qzvrk.com", "qzvrk.com"),
        ("acmme-loggin.com", "acme-login.com", "acmme-loggin.com"),
        ("ACMME-LOGGIN.com", "acme-login.com", "acmme-loggin.com"),
        # a word's own double kept: walllet is wallet, suppoort support (not walet, suport)
        ("acmme-walllet.qzvrk.com", "acme-wallet.qzvrk.com", "qzvrk.com"),
        ("acmme-suppoort.qzvrk.com", "acme-support.qzvrk.com", "qzvrk.com"),
    ],
)
def test_a_label_stretched_by_doubled_letters_is_read_with_them_written_once(
    index: LookalikeIndex, host: str, read_as: str, registered: str
) -> None:
    found = index.match(host)
    assert found is not None
    assert found.brand == "Acme"
    assert found.score >= 0.8
    assert found.domain == host.lower()
    assert found.registered == registered
    assert f"{host.lower()} (read as {read_as})" in found.reason


@pytest.mark.parametrize(
    "host",
    [
        "acmme-login.qzvrk.com",  # one stretched token: a slip, read as typos are
        "book-loggin.qzvrk.com",  # an English word is no stretched token
        "acmme.loggin.qzvrk.com",  # two labels, not one label's tokens
    ],
)
def test_a_label_with_fewer_than_two_stretched_tokens_is_not_rewritten(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)
    assert found is None or "read as" not in found.reason, found


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("upohulld-iogin.webflow.io", True),  # an everyday word's name garbled, as a kit does
        ("upohulld_iogin.godaddysites.com", True),
        ("upohulldx.webflow.io", False),  # no sign-in word beside it
        # (its consonants alone, u-p-h-l-d and nothing more, are read: test_misspellings)
        ("upohulld.webflow.io", True),
        ("upohulld-iogin.com", False),  # not on a free host
        ("upheld-login.webflow.io", False),  # an English word of its own
    ],
)
def test_an_everyday_words_name_garbled_beside_a_sign_in_word_on_a_free_host(
    host: str, flagged: bool
) -> None:
    index = LookalikeIndex.from_policy(Policy(brands=(Brand(name="Uphold",
                                                            domains=("uphold.com",)),)))
    found = index.match(host)
    assert (found is not None and found.score >= 0.4) == flagged, found


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("cawebmailsupport.weebly.com", True),
        ("canarymail.weebly.com", False),  # the whole tenant reads as words (canary, mail)
    ],
)
def test_a_two_letter_name_run_together_with_words_on_a_free_host(
    host: str, flagged: bool
) -> None:
    policy = Policy(brands=(Brand(name="California", domains=("ca.gov",)),))
    assert_flagged(policy, host, flagged)


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        # a name run together with a sign-in word reads as written apart, in a token among
        # others
        ("paypallogin-2024.com", "paypal-login-2024.com"),
        ("loginpaypal-qzx.top", "login-paypal-qzx.top"),
        # a keyword with a kit's copy number after it reads as the keyword
        ("paypal-login2.com", "paypal-login.com"),
        ("www.paypal-verify07.com", "www.paypal-verify.com"),
        ("paypal-com3.net", "paypal-com.net"),  # or the ending spelled out with one
        ("lcloud-support1.com", "lcloud-support.com"),  # beside letters that fold (cl as d)
        ("paypallogin2.com", "paypallogin.com"),  # run together, as written apart
        ("paypalverify07.top", "paypalverify.top"),
    ],
)
def test_a_kits_spelling_reads_as_the_plain_one(
    index: LookalikeIndex, variant: str, plain: str
) -> None:
    found, expected = index.match(variant), index.match(plain)
    assert found is not None
    assert expected is not None
    assert (found.score, found.keyword) == (expected.score, expected.keyword), (found, expected)
    assert found.score >= POLICY.thresholds.suspicious


@pytest.mark.parametrize("host", ["paypal-login365.com", "paypal-a1.com", "paypal-login2x.com"])
def test_longer_numbers_or_other_tags_are_not_copy_numbers(
    index: LookalikeIndex, host: str
) -> None:
    found = index.match(host)  # three digits are a year or a version; a1 is no keyword
    assert found is None or found.keyword not in ("login", "a"), found


def test_the_words_beside_a_name_with_folded_letters_are_shown_as_written(
    index: LookalikeIndex,
) -> None:
    # icloud folds to ldoud (cl reads as d): the words beside it are not shown folded
    found = index.match("icloud-login-2024.info")
    assert found is not None
    assert "'login'" in found.reason, found.reason


@pytest.mark.parametrize(
    ("host", "shown"),
    [("lcloud-support.com", "lcloud"), ("lcloud-support1.com", "lcloud"),
     ("www.lcloud-verify.com", "lcloud")],
)
def test_a_name_in_letters_that_fold_is_shown_as_written(
    index: LookalikeIndex, host: str, shown: str
) -> None:
    # cl reads as d: the name is shown as its letters, not as the whole label
    found = index.match(host)
    assert found is not None
    assert found.matched == shown, found
    assert f"'{shown}' spells" in found.reason, found.reason


def test_a_name_run_together_with_an_everyday_keyword_is_not_split(
    index: LookalikeIndex,
) -> None:
    # microsoftonline-p.com is Microsoft's: an everyday keyword glued on is a name's own
    assert index.match("paypalonline-2024.com") is None


def test_an_everyday_word_of_8_letters_in_look_alike_letters_beside_a_tag() -> None:
    found = LookalikeIndex.from_policy(WORDS).match("teiegram-qi.com")  # as a typo would be
    assert found is not None
    assert (found.brand, found.kind) == ("Telegram", K.HOMOGLYPH), found
    assert found.score >= 0.4


@pytest.mark.parametrize(
    ("brands", "host", "brand"),
    [
        # a two-letter name beside keywords, read after one that is a keyword itself (my)
        ((("myGov", "my.gov.au"), ("EE", "ee.co.uk")), "my-ee-login-auth.web.app", "EE"),
        # an everyday word's name as near leaves a garbled distinctive name alone
        ((("KuCoin", "kucoin.com"), ("Booking", "booking.com")), "kkooinxlogn.webflow.io",
         "KuCoin"),
    ],
)
def test_which_of_two_brands_weak_evidence_reads(
    brands: tuple[tuple[str, str], ...], host: str, brand: str
) -> None:
    policy = Policy(brands=tuple(Brand(name=n, domains=(d,)) for n, d in brands))
    found = LookalikeIndex.from_policy(policy).match(host)
    assert found is not None
    assert (found.brand, found.score) == (brand, 0.42), found


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("recovery.paypal.qzvrk.com", True),  # keyword labels in front of the brand's label,
        ("verify.recovery.paypal.qzvrk.com", True),  # as frequent labels (www, login) count
        ("m.paypal.qzvrk.com", True),  # and a mobile site's (m, wap, h5)
        ("wap.paypal.qzvrk.com", True),
        ("bakery.paypal.qzvrk.com", False),  # a label that is neither
        ("paypal.verification-account.qzvrk.top", True),  # keyword labels after it: a kit's
        ("paypal.secure.logln.qzvrk.cprapid.com", True),  # host where phishing sites live
        ("paypal.login.qzvrk.com", False),  # elsewhere a vendor's (cisco.login.duosecurity.com)
        ("paypal.login.shop.qzvrk.top", False),  # not keywords only
    ],
)
def test_a_brands_label_beside_keyword_labels(
    index: LookalikeIndex, host: str, flagged: bool
) -> None:
    assert _flagged_as(index, host, "PayPal") == flagged, index.match(host)


@pytest.mark.parametrize(
    ("host", "flagged"),
    [
        ("coinbasse.com.qzvrk.net", True),  # its domain mistyped, right in front
        ("coinbasse.com-login.net", True),  # or run on into the registered name
        ("coinbasx.com-wallet.site", True),  # a loose typo where phishing sites live
        ("coinbasx.com-wallet.net", False),  # ... and not elsewhere
        ("coinbasse.com.x.y.qzvrk.net", False),  # far in front: a CDN's CNAME may be so
        ("coinbasse.cdn.qzvrk.net", False),  # no top-level word after it
    ],
)
def test_a_brands_domain_mistyped_in_front_of_someone_elses(
    index: LookalikeIndex, host: str, flagged: bool
) -> None:
    assert _flagged_as(index, host, "Coinbase") == flagged, index.match(host)


def _flagged_as(index: LookalikeIndex, host: str, brand: str) -> bool:
    """Whether ``host`` is flagged (suspicious or worse) as imitating ``brand``."""
    found = index.match(host)
    return found is not None and found.brand == brand and found.score >= 0.4


@pytest.mark.parametrize(
    ("host", "brand"),
    [
        ("metaaaamask-wallet.webflow.io", "MetaMask"),  # not Meta glued to junk
        ("metamsaak-login.gitbook.io", "MetaMask"),
        ("metaqzvrk-login.webflow.io", "Meta"),  # no misspelling of the longer one: the short
    ],
)
def test_a_misspelled_longer_name_beats_the_shorter_name_inside_it(host: str, brand: str) -> None:
    policy = Policy(brands=(Brand(name="Meta", domains=("meta.com",)),
                            Brand(name="MetaMask", domains=("metamask.io",))))
    found = LookalikeIndex.from_policy(policy).match(host)
    assert found is not None
    assert found.brand == brand, found


def test_a_name_written_as_a_domain_is_read_as_the_name_before_its_dot() -> None:
    index = LookalikeIndex.from_policy(
        Policy(brands=(Brand(name="Booking.com", domains=("booking.com",)),))
    )
    found = index.match("booking.com.reserva-8841.homes")
    assert found is not None
    assert (found.brand, found.kind, found.matched) == ("Booking.com", K.SUBDOMAIN, "booking.com")
    assert index.match("booking.com") is None


def test_match_many_keeps_order(index: LookalikeIndex) -> None:
    found = index.match_many(["example.com", "acme-sso.net"])
    assert found[0] is None
    assert found[1] is not None


def test_huge_input_returns_fast(index: LookalikeIndex) -> None:
    huge = "a" * 10_000_000
    # a name longer than DNS allows must be refused before any scan, far below this bound
    found = within_cpu(0.5, lambda: (index.match(huge), index.match("acme-" + huge)))
    assert found == (None, None)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_text(text: str) -> None:
    found = LOOSE.match(text)
    assert found is None or found.domain.isascii()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?|xn--[a-z0-9-]{1,20}", fullmatch=True),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["com", "net", "co.uk", "xyz", "vercel.app", "pages.dev", "zz"]),
)
def test_never_raises_on_hostnames(labels: list[str], suffix: str) -> None:
    host = ".".join(labels) + "." + suffix
    found = LOOSE.match(host)
    if found is not None:
        assert found.domain == host
        assert 0 < found.score <= 1
        assert found.reason


LOOSE = LookalikeIndex.from_policy(POLICY)


def test_index_pickles_for_workers(index: LookalikeIndex) -> None:
    clone = pickle.loads(pickle.dumps(index))
    assert clone.match("acme-okta.com") == index.match("acme-okta.com")


# Hosts sharing a chosen label or a subdomain label, in every place the answer depends on.
SHARED_LABELS = [
    "acme-okta.com", "acme-okta.xyz", "acme-okta.vercel.app", "login.acme-okta.com",
    "acme.okta-login.co", "acme.com.verify-id.xyz", "acme.com.verify-id.com", "acme.example.com",
    "acme.example.top", "www.acme.com", "paypa1.com", "paypa1.top", "paypal.xyz", "paypal.de",
    "twil.io.com", "x.twil.io.com", "acme.example.edgekey.net", "example.com", "example.top",
    "twilio.vercel.app", "twilio.net", "twilio.top",
    "go-twiliox.com.cn", "go-twiliox.com", "go-twiliox.top", "e-zpassny.com.cn", "e-zpassny.top",
]  # fmt: skip


def test_memos_never_change_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = [LookalikeIndex.from_policy(POLICY).match(h) for h in SHARED_LABELS]
    warm = LookalikeIndex.from_policy(POLICY)
    for _ in range(2):
        assert warm.match_many(SHARED_LABELS) == fresh
        assert warm.match_many(SHARED_LABELS[::-1]) == fresh[::-1]
    monkeypatch.setattr("smishguard.domains.lookalike.MEMO_SIZE", 3)  # emptied all along
    small = LookalikeIndex.from_policy(POLICY)
    assert small.match_many(SHARED_LABELS * 2) == fresh * 2
    assert pickle.loads(pickle.dumps(warm)).match_many(SHARED_LABELS) == fresh


# Names as near to two brands each (made-up hosts of the shapes that showed it): which brand is
# named must not depend on the order of a set, which changes with each process's hashing.
_TIES = """
from smishguard.domains.lookalike import LookalikeIndex
from smishguard.policy import Brand, Policy
names = ("docomo", "dotomi", "naukri", "nikkei", "paypal", "paypai")
index = LookalikeIndex.from_policy(Policy(brands=tuple(Brand(n, (n + ".com",)) for n in names)))
for host in ("e-doc01.bitbucket.io", "x-naskel-biz8.pages.dev", "paypak-login.com"):
    print(host, index.match(host))
"""


def test_ties_are_broken_alike_in_every_process() -> None:
    runs = {
        subprocess.run(
            [sys.executable, "-c", _TIES], env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in range(8)
    }  # fmt: skip
    assert len(runs) == 1, runs
    assert "docomo" in runs.pop()  # the first of the equally near names, in name order


PRODUCT = LookalikeIndex.from_policy(
    Policy(brands=(Brand(name="USPS", domains=("usps.com",), aliases=("informed delivery",)),))
)


@pytest.mark.parametrize(
    ("host", "score"),
    [
        ("informed.delivery.top", 0.75),  # a dot put inside a product name
        ("informed.delivery-track.com", 0.9),  # ... run on into a keyword
        ("informed.deliverywxz.top", 0.45),  # ... into junk where phishing sites live
        ("informed.deliverydaily.com", 0.5),  # ... into English words, anywhere
        ("informed.deliverywxz.com", None),  # ... into junk elsewhere
    ],
)
def test_a_name_split_by_a_dot(host: str, score: float | None) -> None:
    found = PRODUCT.match(host)
    assert (found and found.brand, found and found.score) == (score and "USPS", score)


@pytest.mark.parametrize(
    ("host", "score"),
    [
        ("t.arget-qzv.com", 0.42),  # an everyday-word name split by a dot, junk run on after it
        ("tar.getq.com", 0.42),
        ("t.arget-login.com", 0.73),  # ... a keyword after it
        ("tar.getaway.com", None),  # ... English words after it: another name
        ("t.arget.com", None),  # a dot alone in a word name: a subdomain of someone's domain
    ],
)
def test_a_word_name_split_by_a_dot(index: LookalikeIndex, host: str, score: float | None) -> None:
    found = index.match(host)
    assert (found and found.brand, found and found.score) == (score and "Target", score)


@pytest.mark.parametrize("host", ["acme-login.gov.au", "acme-okta.gov", "acmeokta.mil.br"])
def test_no_look_alike_is_registered_where_only_governments_register(
    index: LookalikeIndex, host: str
) -> None:
    """Under gov, mil and their country second levels a name is the agency's own."""
    assert index.match(host) is None


def test_a_brand_in_front_of_a_government_domain_is_still_read(index: LookalikeIndex) -> None:
    """A hacked agency site can host a kit: the labels in front are judged as anywhere."""
    found = index.match("acme.com.portal.gov.br")
    assert found is not None
    assert (found.brand, found.kind) == ("Acme", K.SUBDOMAIN)


@pytest.mark.parametrize(
    ("host", "brand", "spelled"),
    [("acmecom.evil.net", "Acme", "acme.com"), ("boxcom.evil.net", "Box", "box.com")],
)
def test_a_brand_domain_run_together_in_front_of_another(
    index: LookalikeIndex, host: str, brand: str, spelled: str
) -> None:
    """ledgercom.qz-teach.com (made up): the dot dropped from the domain, in front of another."""
    found = index.match(host)
    assert found is not None
    assert (found.brand, found.kind, found.matched) == (brand, K.SUBDOMAIN, spelled)
    assert found.score >= POLICY.thresholds.phishing


@pytest.mark.parametrize(
    "host",
    [
        "boxcom.d3.sc.example.net",  # deeper than the label in front: a CDN's CNAME
        "targetnet.evil.org",  # a word brand's ending it does not own (target.net)
    ],
)
def test_a_run_together_domain_needs_its_place_and_its_owner(
    index: LookalikeIndex, host: str
) -> None:
    assert index.match(host) is None


@pytest.mark.parametrize(
    "host", ["onedrive.cloud.microsoft", "login.microsoft", "secure.hsbc", "www.barclays"]
)
def test_names_under_a_brands_own_top_level_domain_are_its_own(
    index: LookalikeIndex, host: str
) -> None:
    """Only Microsoft registers names under .microsoft (a brand's own ICANN top level)."""
    assert index.match(host) is None


def test_an_everyday_word_top_level_domain_is_anyones(index: LookalikeIndex) -> None:
    """.box is a top level anyone can buy a name in (box is an everyday word): Box's
    look-alikes there still count."""
    found = index.match("box-login.box")
    assert found is not None
    assert found.brand == "Box"


def test_a_brand_alone_in_front_of_a_service_is_its_own_tenant(index: LookalikeIndex) -> None:
    """paypal.zendesk.com is PayPal's help desk; anyone can open paypal-login.zendesk.com."""
    assert index.match("paypal.zendesk.com") is None
    found = index.match("paypal-login.zendesk.com")
    assert found is not None
    assert (found.brand, found.kind) == ("PayPal", K.SUBDOMAIN)


@pytest.mark.parametrize(
    ("host", "brand"),
    [
        ("www-paypal-com.translate.goog", None),  # paypal.com itself, translated
        ("en-acme-com.translate.goog", None),
        ("acme--login-com.translate.goog", "Acme"),  # acme-login.com translated
        ("paypal-com-verify-account.translate.goog", "PayPal"),
    ],
)
def test_a_translate_proxy_name_is_judged_as_the_site_it_serves(
    index: LookalikeIndex, host: str, brand: str | None
) -> None:
    found = index.match(host)
    assert (found and found.brand) == brand
    if found is not None:
        assert found.domain == host
        assert found.score >= POLICY.thresholds.suspicious


@pytest.mark.parametrize(("host", "registered"), [
    ("login.acme-okta.com", "acme-okta.com"),
    ("acme-login.vercel.app", "acme-login.vercel.app"),  # a shared host's tenant
    ("acme.com.verify-id.co.uk", "verify-id.co.uk"),
])
def test_an_imitation_names_the_registered_domain_it_was_read_on(host: str,
                                                                registered: str) -> None:
    found = LookalikeIndex.from_policy(
        Policy(brands=(Brand(name="Acme", domains=("acme.com",)),))).match(host)
    assert found is not None
    assert found.registered == registered


# "mail" is no built-in keyword; a policy may list it (the watch benchmark's does).
PAYPAL = Policy(brands=(Brand(name="PayPal", domains=("paypal.com",)),),
                keywords=(*DEFAULT_KEYWORDS, "mail"))


@pytest.mark.parametrize(("host", "reported"), [
    # how companies name their own sites: weak evidence alone (alibabacorp.com,
    # sonymobile.com, quickbooksconnect.com, yandex-team.ru, redditmail.com, samsungpay.com,
    # uberinternal.com are theirs)
    ("paypal-corp.com", False),
    ("paypalcorp.com", False),
    ("paypalmobile.com", False),
    ("paypal-team.com", False),
    ("paypalconnect.com", False),
    ("paypalmail.com", False),
    ("mobile-paypal.com", False),
    ("paypalpay.com", False),  # a brand's payment product (samsungpay.com, shopeepay.sg)
    ("internal-paypal.com", False),  # and its staff's sites (uberinternal.com)
    # where phishing sites live, with a sign-in word, in front of someone else's domain
    ("paypal-corp.top", True),
    ("paypalcorp.blogspot.com", True),
    ("paypal-corp-login.com", True),
    ("mobile-paypal-verify.com", True),
    ("paypal-corp.qzvrk.com", True),
    ("paypalpay.top", True),
    ("paypal-pay-login.com", True),
    ("paypal-app.com", True),  # app and id stay: kits use them as much as brands do
    ("paypal-id.com", True),
])
def test_a_distinctive_name_beside_an_own_site_word_alone_is_weak_evidence(
        host: str, reported: bool) -> None:
    found = LookalikeIndex.from_policy(PAYPAL).match(host)
    assert found is not None
    assert (found.score >= 0.4) is reported, found
    if not reported:
        assert found.score == 0.38
        assert found.kind is K.KEYWORD


@pytest.mark.parametrize(("host", "reported"), [
    ("google.tk", False),  # Freenom's endings are country endings again: Google's sites there
    ("google.ml", False),
    ("google.gq", False),
    ("google.de", False),
    ("google.top", True),  # cheap endings stay where phishing sites live
    ("google.cc", True),
])
def test_freenoms_former_free_endings_are_country_endings(host: str, reported: bool) -> None:
    found = LookalikeIndex.from_policy(
        Policy(brands=(Brand(name="Google", domains=("google.com",)),))).match(host)
    assert found is not None
    assert found.kind is K.TLD_SWAP
    assert (found.score >= 0.4) is reported, found


@pytest.mark.parametrize(("host", "reported"), [
    ("ussp.com", False),  # two of four letters swapped: mostly another acronym (ussp.io)
    ("smcb.jp", False),
    ("ussp.top", True),  # where phishing sites live
    ("ussp.weebly.com", True),
    ("ussp-login.com", True),  # beside a sign-in word
    ("uspss.com", True),  # a letter doubled is no other acronym
    ("hsbcc.com", True),
    ("amce.com", True),  # a word's letters swapped are no other word
])
def test_an_initialism_with_two_letters_swapped_is_weak_alone(host: str,
                                                                  reported: bool) -> None:
    found = LookalikeIndex.from_policy(Policy(brands=(
        Brand(name="USPS", domains=("usps.com",)), Brand(name="SMBC", domains=("smbc.co.jp",)),
        Brand(name="HSBC", domains=("hsbc.com",)), Brand(name="Acme", domains=("acme.com",)),
    ))).match(host)
    assert (found is not None and found.score >= 0.4) is reported, found


@pytest.mark.parametrize(("host", "reported"), [
    ("skyexch.vip", False),  # a word's 3 letters heading a made-up name (skyexch, upstox)
    ("skybap.site", False),
    ("upsxq.top", False),
    ("sky744.top", True),  # with a kit's serial
    ("skynet37459.weebly.com", True),
    ("dhlqvx.top", True),  # a name that is no word heads junk only in kits
])
def test_a_three_letter_word_name_heading_junk_needs_a_serial(host: str, reported: bool) -> None:
    found = LookalikeIndex.from_policy(Policy(brands=(
        Brand(name="Sky", domains=("sky.com",)), Brand(name="UPS", domains=("ups.com",)),
        Brand(name="DHL", domains=("dhl.com",)),
    ))).match(host)
    assert (found is not None and found.score >= 0.4) is reported, found


def _assert_imitates(index: LookalikeIndex, host: str, brand: str | None) -> None:
    """``host`` is reported as ``brand``'s look-alike at 0.7 or more, or (None) not at all."""
    found = index.match(host)
    if brand is None:
        assert found is None, found
    else:
        assert found is not None, host
        assert (found.brand, found.score >= 0.7) == (brand, True), found


@pytest.mark.parametrize(("host", "brand"), [
    # the built-in brands of the unpaid-toll and parcel texts, and their own domains
    ("txtag-tollpay.com", "TxTag"), ("ncquickpass-invoice.xyz", "NC Quick Pass"),
    ("ezdrivema-toll.com", "EZDriveMA"), ("linkt-toll.com.au", "Linkt"),
    ("auspost-redelivery.com", "Australia Post"), ("canadapost-delivery.info", "Canada Post"),
    ("indiapost-track.in", "India Post"), ("usaa-secure-login.com", "USAA"),
    ("mercadolibre-pagos.top", "Mercado Libre"), ("pikepass-toll.com", "PikePass"),
    ("dpd-redelivery.co.uk", "DPD"), ("xfinity-billing.com", "Xfinity"),
    ("www.txtag.org", None), ("www.xfinity.com", None), ("ncquickpass.com", None),
    ("auspost.com.au", None), ("www.mercadopago.com", None),
])  # fmt: skip
def test_built_in_brands_of_toll_and_parcel_texts(index: LookalikeIndex, host: str,
                                                   brand: str | None) -> None:
    _assert_imitates(index, host, brand)


@pytest.mark.parametrize(("host", "brand"), [
    # one swap of the name's own letters is its look-alike...
    ("clti-login.com", "Citi"), ("c1ti-verify.com", "Citi"), ("citl-secure.com", "Citi"),
    ("lcici-login.com", "ICICI Bank"), ("1c1c1bank-login.com", "ICICI Bank"),
    ("icicibank-login.com", "ICICI Bank"),
    # ...a swap over a swap is not: i -> l, then cl -> d (dtl folds as citi does)
    ("dtl-login.com", None), ("dtl.xyz", None), ("dtl.qzvrk.top", None),
    ("idd-login.com", None), ("idd.sony.net", None), ("icicibank.com", None),
    ("www.icici.bank.in", None),
])  # fmt: skip
def test_a_look_alike_of_a_look_alike_is_not_the_name(index: LookalikeIndex, host: str,
                                                      brand: str | None) -> None:
    _assert_imitates(index, host, brand)


@pytest.mark.parametrize(("host", "kind"), [
    # galicia folds to gallda (i -> l, then cl -> d): a slip from that skeleton is no slip
    # of the name as written
    ("legaldaily.weebly.com", None), ("garda.weebly.com", None), ("galda-login.com", None),
    ("galiciaa.weebly.com", K.TYPO), ("bancogalica-login.com", K.TYPO_KEYWORD),
    ("ga1icia-login.com", K.HOMOGLYPH), ("galicia-login.com", K.KEYWORD),
])  # fmt: skip
def test_a_slip_from_a_folded_fold_is_not_a_typo(host: str, kind: K | None) -> None:
    galicia = Brand(name="Banco Galicia", domains=("bancogalicia.com.ar",), aliases=("galicia",))
    found = LookalikeIndex.from_policy(Policy(brands=(galicia,))).match(host)
    if kind is None:
        assert found is None, found
    else:
        assert found is not None, host
        assert (found.kind, found.score >= 0.4) == (kind, True), found


def test_not_lookalikes_and_the_names_under_them_are_never_reported() -> None:
    brand = Brand(name="Suncoast Credit Union", domains=("suncoastcreditunion.com",),
                  aliases=("suncoast",))
    before = LookalikeIndex.from_policy(Policy(brands=(brand,)))
    after = LookalikeIndex.from_policy(Policy(brands=(brand,), not_lookalikes=("mysuncoast.com",)))
    for host in ("mysuncoast.com", "www.mysuncoast.com", "MySuncoast.com."):
        assert before.match(host) is not None  # a namesake: flagged until reviewed
        assert after.match(host) is None, host
    for host in ("mysuncoast-login.com", "mysuncoast.com.verify-id.xyz", "suncoast-sso.net"):
        found = after.match(host)  # only the reviewed domain and the names under it
        assert found is not None, host
        assert found.brand == brand.name


@pytest.mark.parametrize(("host", "reported"), [
    ("scorecardresearch.weebly.com", False),  # a longer word opens it: score, not SCO
    ("bamboohr.weebly.com", False),
    ("attentivemobile.weebly.com", False),
    ("scoqvxz.weebly.com", True),  # the name heads junk
    ("bamxqzt.top", True),
    ("attqzvx.weebly.com", True),
])
def test_a_three_letter_name_is_not_read_at_the_head_of_a_longer_word(host: str,
                                                                      reported: bool) -> None:
    found = LookalikeIndex.from_policy(Policy(brands=(
        Brand(name="SCO", domains=("sco.gov.pk",)), Brand(name="BAM", domains=("bam.com.gt",)),
        Brand(name="AT&T", domains=("att.com",)),
    ))).match(host)
    assert (found is not None and found.score >= 0.4) is reported, found


FOLD_POLICY = Policy(brands=(Brand("Santander", ("santander.com",)),
                             Brand("Nubank", ("nubank.com.br",)),
                             Brand("VakifBank", ("vakifbank.com.tr",))))


@pytest.mark.parametrize(("host", "brand", "kind"), [
    ("santandernet.weebly.com", "Santander", K.KEYWORD),  # rn of santander|net read as an m
    ("avaliadornubank.netlify.app", "Nubank", K.KEYWORD),  # rn of avaliador|nubank
    ("wvvakifbank.click", "VakifBank", K.KEYWORD),  # vv of w|vakifbank
    # in front of someone else's domain: its domain run together beside a keyword
    ("santandernet-login.qzvrk.top", "Santander", K.SUBDOMAIN),
])
def test_a_letter_pair_across_a_names_edge_does_not_hide_it(
    host: str, brand: str, kind: K
) -> None:
    found = LookalikeIndex.from_policy(FOLD_POLICY).match(host)
    assert found is not None
    assert (found.brand, found.kind, found.score >= 0.4) == (brand, kind, True)
    # the name as written (santander.net: its domain), not a misspelling of it
    assert found.matched.split(".")[0] == brand.lower()


@pytest.mark.parametrize(("host", "kind", "score"), [
    ("login_coinbase.xyz", K.KEYWORD, 0.92),  # was 'login_coinbase', a word glued on: 0.45
    ("netflix_login.weebly.com", K.KEYWORD, 0.92),  # was 'netflix_', a letter added
    ("trust_wallet.godaddysites.com", K.TYPO, 0.75),  # the name with a separator put in
])
def test_an_underscore_separates_words_as_a_hyphen_does(host: str, kind: K,
                                                        score: float) -> None:
    policy = Policy(brands=(Brand("Coinbase", ("coinbase.com",)),
                            Brand("Netflix", ("netflix.com",)),
                            Brand("Trust Wallet", ("trustwallet.com",))))
    found = LookalikeIndex.from_policy(policy).match(host)
    assert found is not None
    assert (found.kind, found.score) == (kind, score)


@pytest.mark.parametrize("host", ["fidelltyportfolloknowledge.lat",
                                  "ledger-wallet-crypto-guide.com"])
def test_www_in_front_keeps_a_hit_whose_name_holds_a_cdn_stem_in_a_word(host: str) -> None:
    """knowledge and ledger hold edge: with a subdomain in front, the CDN check read them as
    a CDN's name and dropped the hit."""
    index = LookalikeIndex.from_policy(Policy(brands=(
        Brand("Fidelity", ("fidelity.com",)), Brand("Crypto.com", ("crypto.com",)))))
    alone, with_www = index.match(host), index.match("www." + host)
    assert alone is not None
    assert with_www is not None
    assert (with_www.brand, with_www.score) == (alone.brand, alone.score)


TAIL_POLICY = Policy(brands=(Brand("AT&T", ("att.com",), ("att",)), Brand("DHL", ("dhl.com",)),
                             Brand("UPS", ("ups.com",))))


@pytest.mark.parametrize(("host", "brand"), [
    ("futurehomeatt.weebly.com", "AT&T"),  # English words, then the name
    ("webmailhomeatt-204811.weeblysite.com", "AT&T"),  # beside a kit's serial
    ("latestnews52dhl.weebly.com", "DHL"),  # a kit's number before it
    ("dhlparcelnews-20411.weeblysite.com", "DHL"),  # or the name before the words
    ("servicesattupdate.weebly.com", "AT&T"),  # or between words
    ("signinattcom03.weebly.com", "AT&T"),
])
def test_a_3_letter_name_beside_words_on_a_free_host(host: str, brand: str) -> None:
    found = LookalikeIndex.from_policy(TAIL_POLICY).match(host)
    assert found is not None
    assert (found.brand, found.kind, found.score) == (brand, K.KEYWORD, 0.42)


@pytest.mark.parametrize("host", [
    "futurehomeatt.com",  # not where phishing sites live
    "futurehomeatt.top",  # (a free host's tenant only)
    "sunnyups.weebly.com",  # a name that is an English word
    "combat.weebly.com",  # a word that ends in it
    "wombatt.weebly.com",  # a word with its last letter doubled
    "attachedpierce.weebly.com",  # the name opens a word (attached)
    "acmefoodsdhl-com-orders.workers.dev",  # a domain written out (acmefoodsdhl.com)
    "servicesattupdate.com",
    "combattone.weebly.com",  # words run together across it (combat, tone)
    "greatattitude.weebly.com",  # the name opens a word there (attitude)
])
def test_a_3_letter_name_beside_words_stays_quiet_elsewhere(host: str) -> None:
    found = LookalikeIndex.from_policy(TAIL_POLICY).match(host)
    assert found is None or found.score < 0.4, found


@pytest.mark.parametrize(("host", "flagged"), [
    ("riverwelcomed.weebly.com", False),  # comed inside the English word welcomed
    ("xyzcomedq.weebly.com", True),  # glued to junk
    ("shawlogin5521.framer.website", True),  # shawl is one letter longer: Shaw's login
    ("uniswaptraderz.weebly.com", True),
])
def test_a_name_glued_inside_a_longer_english_word_is_that_word(host: str,
                                                                 flagged: bool) -> None:
    index = LookalikeIndex.from_policy(Policy(brands=(
        Brand("ComEd", ("comed.com",)), Brand("Shaw", ("shaw.ca",)),
        Brand("Uniswap", ("uniswap.org",)))))
    found = index.match(host)
    assert (found is not None and found.score >= 0.4) is flagged, found



@pytest.mark.parametrize(("host", "flagged"), [
    ("whatsapwacs.com", True),  # a long name with a letter left out, a tag run on: any ending
    ("mircosoftqz.com", True),  # two letters swapped
    ("coinbseqz.com", True),
    ("coursearqz.com", True),
    ("coursearc.com", False),  # the label reads as English words (course, arc)
    ("microsftware.com", False),  # the tag is a word
    ("microssoftqz.com", False),  # a letter added or changed reaches other names (springserve)
    ("microzoftqz.com", False),
    ("microsftqzxyw.com", False),  # a tag of 5 letters or more
    ("netflxqz.com", False),  # a name under 8 letters
    ("ncli-whatsepp.com", True),  # the tag as a token of its own, either side
    ("telegrm-qzx.com", True),
    ("telegrm-news.com", False),  # a word is no tag
    ("telegrm-qzxyw.com", False),
])
def test_a_long_name_mistyped_with_a_tag_run_on(host: str, flagged: bool) -> None:
    assert_flagged(Policy(brands=(*POLICY.brands, Brand("Coursera", ("coursera.org",)))), host,
                   flagged)


def test_a_mistyped_name_with_a_tag_says_both(index: LookalikeIndex) -> None:
    found = index.match("telegrmqz.com")
    assert found is not None
    assert found.kind is K.TYPO
    assert found.reason == ("telegrmqz.com imitates Telegram: 'telegrm' is 'telegram' with a "
                            "letter left out, tagged 'qz'")

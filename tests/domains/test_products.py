"""Famous products phished by their own name (Apple ID, Ledger Live, TikTok Shop) are read as
their maker's names, and their own sites are never flagged."""

from __future__ import annotations

import pytest

from smishguard.domains.lookalike import LookalikeIndex
from smishguard.domains.policy_review import review_policy
from smishguard.domains.products import Product, with_products
from smishguard.domains.suffixes import suffix_table
from smishguard.domains.words import english_words
from smishguard.model import ImitationKind as K
from smishguard.policy import Brand, Policy

APPLE = Brand("Apple", ("apple.com", "icloud.com"), ("icloud",))
LEDGER = Brand("Ledger", ("ledger.com",))
STEAM = Brand("Steam", ("steampowered.com", "steamcommunity.com"))
MICROSOFT = Brand("Microsoft", ("microsoft.com", "live.com"), ("outlook",))
ROBLOX = Brand("Roblox", ("roblox.com",))
XFINITY = Brand("Xfinity", ("xfinity.com", "comcast.net"))
META = Brand("Meta", ("facebook.com", "instagram.com"))
SMBC = Brand("SMBC", ("smbc.co.jp",))
TIKTOK = Brand("TikTok", ("tiktok.com",))
# A namesake that does not own the maker's domain gets none of the maker's products.
APPLE_BANK = Brand("Apple Bank", ("applebank.com",))
POLICY = Policy(brands=(APPLE, LEDGER, TIKTOK, APPLE_BANK, STEAM, MICROSOFT, ROBLOX, XFINITY,
                             META, SMBC))
SUSPICIOUS = POLICY.thresholds.suspicious


@pytest.fixture(scope="module")
def index() -> LookalikeIndex:
    return LookalikeIndex.from_policy(POLICY)


def test_a_brand_that_owns_the_makers_domain_gets_the_products_names_and_domains() -> None:
    apple, ledger, tiktok, bank, steam, microsoft, *_ = with_products(POLICY.brands)
    assert apple.aliases == ("icloud", "appleid", "applecare")
    assert apple.domains == ("apple.com", "icloud.com", "appleid.com", "applecare.com")
    assert ledger.aliases == ("ledgerlive",)
    assert "tiktokshop" in tiktok.aliases
    assert "tiktokshop.com" in tiktok.domains
    assert steam.aliases == ("steamworkshop",)
    assert microsoft.aliases == ("outlook", "microsoft365", "msn", "owa")
    assert microsoft.domains == ("microsoft.com", "live.com", "microsoft365.com", "msn.com")
    assert bank == APPLE_BANK
    assert with_products((APPLE_BANK,)) == (APPLE_BANK,)


def test_a_product_domain_the_policy_gives_another_brand_stays_that_brands() -> None:
    reseller = Brand("Care Co", ("applecare.com",))
    care = Product(("apple.com",), ("applecare",), ("applecare.com",))
    apple, other = with_products((APPLE, reseller), (care,))
    assert apple.domains == APPLE.domains
    assert apple.aliases == ("icloud", "applecare")
    assert other == reseller


@pytest.mark.parametrize(
    ("host", "brand", "kind"),
    [
        ("appleid-suporte.com", "Apple", K.KEYWORD),  # apple alone is an everyday word
        ("appleid.login-alertid.info", "Apple", K.KEYWORD),
        ("apple-id.gzigvwkgw.co", "Apple", K.SUBDOMAIN),
        ("apple-care.report", "Apple", K.TYPO),
        ("us-ledgerlive.website", "Ledger", K.KEYWORD),
        ("ledgelive--loggi.webflow.io", "Ledger", K.TYPO),  # the long name read misspelled
        ("legrelive--app.webflow.io", "Ledger", K.TYPO_KEYWORD),
        ("titokshop.vip", "TikTok", K.TYPO),
        ("tiktokshop.ergosci.com", "TikTok", K.SUBDOMAIN),
        # Steam Workshop split by a dot and run on into words: a kit's many copies
        ("steam.workshopmake.com", "Steam", K.KEYWORD),
        ("steam.workshopitemvotedinfo.com", "Steam", K.KEYWORD),
        # a product's name of its own
        ("getrobux-here.blogspot.fr", "Roblox", K.KEYWORD),
        ("workplace.secure-owa.com", "Microsoft", K.KEYWORD),
        ("msn-verificacion-2026.iceiy.com", "Microsoft", K.KEYWORD),
        ("microsoft365prologin.com", "Microsoft", K.KEYWORD),  # Microsoft 365, with words
        ("webmailxfi.weeblysite.com", "Xfinity", K.KEYWORD),
        ("www.adsmanager-business-login.xyz", "Meta", K.KEYWORD),
        ("vpass-jp.cchrbj.com", "SMBC", K.SUBDOMAIN),  # SMBC Card's members' site
        ("www3-vpass.afuag.cn", "SMBC", K.SUBDOMAIN),  # its host www3.vpass.ne.jp
    ],
)
def test_a_products_name_is_read_as_its_makers(
    index: LookalikeIndex, host: str, brand: str, kind: K
) -> None:
    found = index.match(host)
    assert found is not None, host
    assert (found.brand, found.kind) == (brand, kind), found.reason
    assert found.score >= SUSPICIOUS


@pytest.mark.parametrize(
    "host",
    ["appleid.com", "www.appleid.com", "applecare.com", "tiktokshop.com",
     "seller-us.tiktokshopglobalselling.com", "www.msn.com", "owa.example.org",
     "adsmanager.facebook.com", "www3.vpass.ne.jp"],
)
def test_a_products_own_site_is_never_flagged(index: LookalikeIndex, host: str) -> None:
    assert index.match(host) is None
    assert index.is_own_domain("Apple", "appleid.com")


def test_without_the_product_the_same_names_go_unread() -> None:
    bare = LookalikeIndex.from_policy(Policy(brands=(APPLE_BANK,)))
    assert bare.match("appleid-suporte.com") is None


def test_the_policy_review_shows_the_products_names() -> None:
    review = review_policy(Policy(brands=(APPLE,)), english_words(), suffix_table())
    (apple,) = review.brands
    assert {"appleid", "applecare"} <= {n.name for n in apple.names}

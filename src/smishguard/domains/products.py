"""Famous products phished by their own name: Apple ID, Ledger Live, Robux, TikTok Shop, OWA.

A policy names its brand (Apple, apple.com) and seldom the products its customers know best,
which kits write where the brand's name would be (``appleid-suporte.com``,
``ledgelive--loggi.webflow.io``, ``steam.workshopmake.com``, ``titokshop.vip``): a compound of
the brand's name and a word, distinctive where the name alone is an everyday word (apple,
ledger, steam), and long enough to be read misspelled; or a name of its own, which the brand's
customers know as well as the brand's (``getrobux-here.blogspot.fr``, ``secure-owa.com``,
``webmailxfi.weeblysite.com``). :func:`with_products` gives a brand that owns a product's maker
domain the product's names as aliases and the product's own domains as its own, so the
look-alike index reads the product as the brand and never flags the product's real site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final

from smishguard.policy import Brand


@dataclass(frozen=True, slots=True)
class Product:
    """A product known by a name of its own: the domains that say which brand makes it (any
    one of them), the names kits write, and the product's own domains."""

    makers: tuple[str, ...]  # domains of the brand that makes it: apple.com
    names: tuple[str, ...]
    domains: tuple[str, ...] = ()


PRODUCTS: Final[tuple[Product, ...]] = (
    Product(("apple.com",), ("appleid", "applecare"), ("appleid.com", "applecare.com")),
    Product(("ledger.com",), ("ledgerlive",)),
    Product(("steampowered.com",), ("steamworkshop",)),
    # MSN and Outlook Web Access (OWA); not Hotmail, whose slips are others' sites (hotmaal.hot)
    Product(("microsoft.com",), ("microsoft365", "msn", "owa"), ("microsoft365.com", "msn.com")),
    Product(("facebook.com",), ("adsmanager",)),  # Meta's Ads Manager, for advertisers
    Product(("roblox.com",), ("robux",)),  # the game's currency
    Product(("xfinity.com",), ("xfi",)),  # Xfinity's xFi gateway and app
    # Sumitomo Mitsui Card's members' site, by the group's domain or the card company's
    Product(("smbc.co.jp", "smbc-card.com"), ("vpass",), ("vpass.ne.jp",)),
    Product(("tiktok.com",), ("tiktokshop",), ("tiktokshop.com", "tiktokshopglobalselling.com")),
)


def with_products(brands: tuple[Brand, ...],
                  products: Iterable[Product] = PRODUCTS) -> tuple[Brand, ...]:
    """``brands``, each that owns a maker domain of one of ``products`` with the product's
    names as aliases and its domains as its own; a product domain another brand of the policy
    lists stays that brand's alone. The brands keep their order (the first owner wins)."""
    listed = {domain for brand in brands for domain in brand.domains}
    made_by: dict[str, list[Product]] = {}
    for product in products:
        for maker in product.makers:
            made_by.setdefault(maker, []).append(product)
    out = []
    for brand in brands:
        made = list(dict.fromkeys(p for domain in brand.domains for p in made_by.get(domain, ())))
        if made:
            aliases = (*brand.aliases, *(n for p in made for n in p.names))
            domains = (*brand.domains, *(d for p in made for d in p.domains if d not in listed))
            brand = replace(brand, aliases=tuple(dict.fromkeys(aliases)),
                            domains=tuple(dict.fromkeys(domains)))
            listed.update(brand.domains)
        out.append(brand)
    return tuple(out)

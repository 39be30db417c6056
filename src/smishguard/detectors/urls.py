"""Link evidence: where the links in a message go, and how they try to hide it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from smishguard.detectors.base import ScanContext
from smishguard.model import Imitation, ImitationKind, Message, Signal, Url
from smishguard.policy import Brand, Policy
from smishguard.text.brands import counted_mentions

DETECTOR_IDS: dict[str, str] = {
    "url.lookalike": "A link goes to a domain that imitates a protected brand (keyword "
    "combination, typo, homoglyph, brand as a subdomain, alias or other suffix).",
    "url.userinfo_trick": "A link hides its real host behind a user-info part "
    "(https://acme.com@evil.example goes to evil.example).",
    "url.ip_host": "A link goes to a bare IP address instead of a domain name.",
    "url.shortener": "A link is hidden behind a URL shortener, so its destination is unseen.",
    "url.brand_mismatch": "The text names a protected brand but links to a domain that brand "
    "does not own.",
    "url.signin_path": "A link on a domain no protected brand owns leads to a sign-in, "
    "verification or payment page.",
    "url.risky_tld": "A link uses a top-level domain much abused for throw-away phishing sites.",
    "url.mixed_script": "A link's domain mixes alphabets or uses non-Latin look-alike letters.",
    "url.keyword_domain": "A link's domain is a hyphenated name built from pretext words "
    "(toll-payment-due.com, autopista-peajes.es), as throw-away scam sites are.",
    "url.fake_government": "A link's domain carries government words (gov, gob) but is not "
    "on a government domain ending.",
    "url.legit_owned_domain": "Counter-evidence: every link goes to a domain that a protected "
    "brand really owns.",
}

# Top-level domains with the highest share of phishing registrations in public abuse reports
# (cheap, throw-away). A weak signal on its own.
RISKY_TLDS = frozenset(
    (
        "top xyz icu cfd sbs click link buzz rest cyou bond monster quest lol autos boats "
        "homes mom tk ml ga cf gq zip mov win vip su pw ws cam fun"
    ).split()
)

_SIGNIN_PATH = re.compile(
    r"(?:log-?in|sign-?in|sso|auth|verif|account|password|passwd|reset|secure|wallet|"
    r"update|unlock|confirm|billing|payment|pay|acceso|cuenta|verifica|pago)",
    re.IGNORECASE,
)


_GOVERNMENT_TOKENS = frozenset({"gov", "gob", "gouv", "govt", "gobierno", "government"})
_TOKEN = re.compile(r"[a-z0-9]+")


def _poses_as_government(url: Url) -> bool:
    """``irs-gov.com``, ``sat-gob-mx.com``: government words on a non-government ending."""
    if not url.registrable_domain:
        return False
    name, _, suffix = url.registrable_domain.partition(".")
    on_government_suffix = any(part in _GOVERNMENT_TOKENS for part in suffix.split("."))
    return not on_government_suffix and not _GOVERNMENT_TOKENS.isdisjoint(
        _TOKEN.findall(name)
    )


def _keyword_only_name(url: Url, policy: Policy) -> str | None:
    """A hyphenated registrable name with a policy keyword in it (``toll-payment-due``,
    ``autopista-peajes``): the keyword, else None."""
    name = url.registrable_domain.partition(".")[0]
    if "-" not in name:
        return None
    keywords = policy.keyword_set
    return next((part for part in name.split("-") if part in keywords), None)


# Links that open a conversation with whoever sent them: scammers move victims there.
CHAT_LINK_HOSTS = frozenset(
    {"wa.me", "api.whatsapp.com", "chat.whatsapp.com", "t.me", "telegram.me", "m.me",
     "signal.me", "line.me", "viber.me"}
)


def _opens_chat(url: Url) -> bool:
    return url.host.removeprefix("www.") in CHAT_LINK_HOSTS


def _owned(url: Url, policy: Policy) -> bool:
    return bool(url.registrable_domain) and policy.owner_of(url.registrable_domain) is not None


def _is_tenant(url: Url, brand: Brand) -> bool:
    """``acme.zendesk.com``, ``acme.pagerduty.com``: the brand's own space on a SaaS platform.

    Only the plain brand label as a whole subdomain label counts; look-alikes that add a
    keyword (``acme.okta-login.co``) were already judged by the look-alike index.
    """
    return not url.subdomain.isdigit() and any(
        label in brand.labels for label in url.subdomain.split(".")
    )

# Keywords that make a look-alike a fake sign-in page rather than a fake shop or tracker.
SIGN_IN_WORDS = frozenset(
    "okta sso vpn mfa 2fa login logon signin auth password reset verify verification secure "
    "security account accounts portal id access identity session unlock recovery onelogin "
    "duo citrix azure office o365 webmail mailbox acceso cuenta verificar clave contrasena "
    "usuario seguridad".split()
)

_KIND_PHRASES: dict[ImitationKind, str] = {
    ImitationKind.KEYWORD: "joins the name {brand} with '{keyword}'",
    ImitationKind.TYPO_KEYWORD: "misspells {brand} as '{matched}' beside '{keyword}'",
    ImitationKind.TYPO: "misspells {brand} as '{matched}'",
    ImitationKind.HOMOGLYPH: "spells {brand} with look-alike characters ('{matched}')",
    ImitationKind.SUBDOMAIN: "puts {brand}'s name in front of someone else's domain",
    ImitationKind.ALIAS: "uses the name '{matched}' of {brand}",
    ImitationKind.TLD_SWAP: "uses {brand}'s name on a domain ending {brand} does not own",
}


def describe_imitation(imitation: Imitation, brand: Brand | None) -> str:
    """A sentence for people: where the link goes and why it is not the brand's own."""
    what = _KIND_PHRASES.get(imitation.kind, "imitates {brand}").format(
        brand=imitation.brand, keyword=imitation.keyword, matched=imitation.matched
    )
    is_identity = brand is not None and brand.category == "identity-provider"
    signs_in = is_identity or imitation.keyword in SIGN_IN_WORDS
    subject = f"{imitation.brand}'s sign-in" if signs_in else imitation.brand
    return (
        f"the link goes to {imitation.domain}, which imitates {subject} ({what}) "
        f"but is not one of {imitation.brand}'s domains"
    )


@dataclass(frozen=True, slots=True)
class UrlDetector:
    """Judges every link of a message with the look-alike index and simple link hygiene."""

    name: str = "url"

    def detect(self, message: Message, context: ScanContext) -> Iterator[Signal]:
        if not context.urls:
            return
        policy = context.policy
        brands = {b.name: b for b in policy.brands}
        owners: set[str] = set()
        imitated = False
        for url in context.urls:
            owner = policy.owner_of(url.registrable_domain) if url.registrable_domain else None
            if owner is not None:
                owners.add(owner.name)
                continue
            yield from self._hygiene(url)
            imitation = context.lookalikes.match(url.host) if url.host else None
            if imitation is not None:
                imitated = True
                yield Signal(
                    "url.lookalike",
                    imitation.score,
                    describe_imitation(imitation, brands.get(imitation.brand)),
                    url.host_unicode or url.host,
                )
            elif (word := _keyword_only_name(url, policy)) is not None:
                yield Signal(
                    "url.keyword_domain",
                    0.25,
                    f"the link's domain {url.registrable_domain} is made of pretext words "
                    f"('{word}'), the way throw-away scam sites are named",
                    url.host,
                )
            elif _SIGNIN_PATH.search(url.path):
                yield Signal(
                    "url.signin_path",
                    0.25,
                    f"the link leads to a sign-in or payment page on {url.host}, "
                    "a site no protected brand owns",
                    url.url,
                )
        named = {m.brand.name for m in counted_mentions(context.mentions)}
        # A link that opens a chat (wa.me/…) says nothing of who is at the other end.
        all_owned = all(_owned(u, policy) and not _opens_chat(u) for u in context.urls)
        if owners and owners <= named and all_owned:
            yield Signal(
                "url.legit_owned_domain",
                0.7,
                f"every link goes to a domain that {' and '.join(sorted(owners))}, "
                "named in the text, really owns",
                ", ".join(dict.fromkeys(u.registrable_domain for u in context.urls)),
            )
        elif not imitated:
            yield from self._brand_mismatch(context, policy)

    @staticmethod
    def _hygiene(url: Url) -> Iterator[Signal]:
        if _poses_as_government(url):
            yield Signal(
                "url.fake_government",
                0.5,
                f"the link's domain {url.registrable_domain} poses as a government site but "
                "is not on a government domain ending",
                url.host,
            )
        if url.userinfo:
            yield Signal(
                "url.userinfo_trick",
                0.75,
                f"the link shows '{url.userinfo}' first but really goes to {url.host}",
                url.url,
            )
        if url.is_ip:
            yield Signal(
                "url.ip_host",
                0.5,
                "the link goes to a bare IP address, which real organisations do not text",
                url.host,
            )
        if url.is_shortener:
            yield Signal(
                "url.shortener",
                0.2,
                f"the link is hidden behind the URL shortener {url.host}, "
                "so you cannot see where it goes",
                url.url,
            )
        suffix = url.host.rsplit(".", 1)[-1] if "." in url.host else ""
        if suffix in RISKY_TLDS:
            yield Signal(
                "url.risky_tld",
                0.2,
                f"the link's domain ends in .{suffix}, an ending much used for "
                "throw-away scam sites",
                url.host,
            )
        if url.host_unicode != url.host and not url.host_unicode.isascii():
            yield Signal(
                "url.mixed_script",
                0.5,
                f"the link's domain {url.host_unicode} uses non-Latin letters that look "
                "like Latin ones",
                url.host_unicode,
            )

    @staticmethod
    def _brand_mismatch(context: ScanContext, policy: Policy) -> Iterator[Signal]:
        for mention in counted_mentions(context.mentions):
            brand = mention.brand
            foreign = [
                u for u in context.urls
                if u.registrable_domain and not _owned(u, policy) and not _is_tenant(u, brand)
            ]
            if foreign:
                yield Signal(
                    "url.brand_mismatch",
                    0.35,
                    f"the text speaks for {brand.name}, but the link goes to "
                    f"{foreign[0].registrable_domain}, which {brand.name} does not own",
                    foreign[0].host,
                )
                return

"""Who controls a name: public suffixes, free hosting and CDN infrastructure, fast.

:mod:`smishguard.domains.registrable` answers the same question through tldextract, which
costs ~5 µs a name; the look-alike index needs it in well under a microsecond, so
:class:`SuffixTable` walks the same bundled Public Suffix List snapshot (tldextract's, so the
answers agree) as one dict lookup per label.

Two levels matter to look-alikes. The ICANN suffix gives the registrable domain
(``vercel.app`` in ``acme.vercel.app``). The private part of the list, plus the few free
hosts missing from it (:data:`EXTRA_FREE_HOSTS`), names places where anyone gets a name of
their own for free: there the *tenant* label (``acme``) is what an attacker chose.
"""

from __future__ import annotations

import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import Final

from tldextract.suffix_list import extract_tlds_from_suffix_list

from smishguard.domains.homoglyphs import skeleton
from smishguard.domains.words import Words
from smishguard.errors import DataError

# Free site builders and hosts where phishing pages live, missing from the private PSL.
# fmt: off
EXTRA_FREE_HOSTS: Final[tuple[str, ...]] = (
    "weebly.com", "weeblysite.com", "000webhostapp.com", "godaddysites.com", "my.site.com",
    "sandbox.my.site.com", "serv00.net", "wixstudio.io", "webnode.page", "jimdosite.com",
    "mystrikingly.com", "strikingly.com", "carrd.co", "tilda.ws", "framer.website", "framer.app",
    "mozello.com", "ukit.me", "site123.me", "wordpress.com", "blogspot.com", "ipfs.dweb.link",
    "replit.app", "repl.co", "glitch.me", "onrender.com", "railway.app", "fly.dev", "surge.sh",
    "hpage.com", "webwave.dev", "cprapid.com", "ngrok-free.app", "sharepoint.com", "typedream.app",
    "us.kg", "gitbook.io", "tiiny.site", "tiiny.io", "canva.site", "ubpages.com", "wasmer.app",
    "mybluehost.me", "temporary.site", "hostingersite.com", "webcindario.com", "daftpage.com",
    "squarespace.com", "webador.com", "freewebhostmost.com", "business.site", "webstarts.com",
    "odoo.com", "hs-sites.com", "hubspotpagebuilder.com", "mailchimpsites.com", "zohosites.com",
    "altervista.org", "webnode.com", "mobirisesite.com", "ucraft.site", "wuaze.com", "rf.gd",
    "epizy.com", "free.nf", "great-site.net", "infinityfreeapp.com", "lovestoblog.com",
    "powerappsportals.com", "softr.app", "glide.page", "jimdofree.com",
    "iceiy.com", "edgeone.app", "edgeone.dev", "zapier.app", "codeanyapp.com", "eu.cc",
    "us.cc", "zya.me", "studio.site", "4everland.app", "tempisite.com", "mytemp.website",
    "fwh.is", "wcomhost.com", "appwrite.network", "n0c.world", "sviluppo.host", "wixstudio.com",
    "square.site", "framer.ai", "sg-host.com", "kinsta.cloud", "kinsta.page", "flazio.com",
    "hstn.me", "ct.ws", "myfunnelish.com", "fourthwall.com", "kesug.com", "work.gd", "dns.army",
    "x10.mx", "mmm.page", "univer.se", "mystagingwebsite.com", "created.app", "rollout.site",
    "m-pages.com", "bravesites.com", "crabdance.com", "free.hr", "netsons.org",
    # free dynamic-DNS and subdomain services: afraid.org's shared domains, ChangeIP, YDNS,
    # dnsExit, Korea's free kro.kr; and SmarterASP.NET's temporary site names
    "mooo.com", "chickenkiller.com", "ignorelist.com", "jumpingcrab.com", "strangled.net",
    "twilightparadox.com", "us.to", "uk.to", "ns01.info", "ydns.eu", "publicvm.com", "kro.kr",
    "linkpc.net", "rr.nu", "gt.tc", "info.gf", "qtempurl.com",
)
# Blogger's country endings, dropped from the Public Suffix List in 2023 but still served.
BLOGSPOT_ENDINGS: Final[tuple[str, ...]] = (
    "ae", "al", "am", "ba", "be", "bg", "bj", "ca", "cf", "ch", "cl", "co.at", "co.id", "co.il",
    "co.ke", "co.nz", "co.uk", "co.za", "com.ar", "com.au", "com.br", "com.by", "com.co",
    "com.cy", "com.ee", "com.eg", "com.es", "com.mt", "com.ng", "com.tr", "com.uy", "cv", "cz",
    "de", "dk", "fi", "fr", "gr", "hk", "hr", "hu", "ie", "in", "is", "it", "jp", "kr", "li",
    "lt", "lu", "md", "mk", "mr", "mx", "my", "nl", "no", "pe", "pt", "qa", "re", "ro", "rs",
    "ru", "se", "sg", "si", "sk", "sn", "td", "tw", "ug", "vn",
)
# fmt: on

# CDN and traffic-manager names where a customer's own hostname is written into the label
# (``www.apple.com.edgekey.net``): a brand in the subdomain there is the brand's own setup.
# fmt: off
CDN_INFRASTRUCTURE: Final[frozenset[str]] = frozenset(
    (
        "edgekey.net", "edgesuite.net", "akamaiedge.net", "akamai.net", "akamaized.net",
        "akadns.net", "akamaihd.net", "srip.net", "edgekey-staging.net", "cloudfront.net",
        "fastly.net", "fastlylb.net", "azureedge.net", "azurefd.net", "trafficmanager.net",
        "footprint.net", "llnwd.net", "edgecastcdn.net", "cdn77.org", "cdngc.net", "cdnetworks.net",
        "impervadns.net", "incapdns.net", "stackpathdns.com", "b-cdn.net", "chinacache.net",
        "wscloudcdn.com", "kunlunca.com", "alikunlun.com", "cdntip.com", "dnsv1.com", "tdnsv5.com",
        "cloudflare.net", "msedge.net", "t-msedge.net", "s-msedge.net", "edgecastdns.net",
        "lldns.net", "hwcdn.net", "akahost.net", "fastly-edge.com", "akamaized-staging.net",
        "edgesuite-staging.net", "mcas.ms",
    )
)
# fmt: on
# Services that give each customer a subdomain named after it (initech.zendesk.com,
# twilio.pagerduty.com): a brand's name alone in front of one is most likely its own tenant.
# Anyone can open a tenant, so other shapes there (paypal-login.zendesk.com) are still read.
# fmt: off
SAAS_TENANT_HOSTS: Final[frozenset[str]] = frozenset(
    (
        "zendesk.com", "freshdesk.com", "freshservice.com", "zohodesk.com", "custhelp.com",
        "pagerduty.com", "statuspage.io", "atlassian.net", "slack.com", "service-now.com",
        "servicenowservices.com", "okta.com", "oktapreview.com", "okta-emea.com",
        "onelogin.com", "auth0.com", "my.salesforce.com", "force.com", "salesforce.com",
        "myworkday.com", "workday.com", "bamboohr.com", "greenhouse.io", "zoom.us", "webex.com",
        "box.com", "smartsheet.com", "monday.com", "awmdm.com", "jamfcloud.com", "docusign.net",
        "qualtrics.com", "medallia.com", "demdex.net", "scene7.com", "readme.io",
    )
)
# fmt: on
# Stems of CDN and DNS-steering names (volcfcdndvs.com, alibabadns.com, cdngslb.com): a brand's
# hostname written in front of them is a CNAME target, not an imitation.
INFRA_STEMS: Final = ("cdn", "dns", "gslb", "edge", "akamai", "cache")
# And the labels of a CNAME chain between a hostname and the CDN (x.com.ssl.d1.sc.omtrdc.net).
CNAME_STEMS: Final = (*INFRA_STEMS, "ssl")

_ICANN: Final = 1
_PRIVATE: Final = 2
_WILD_ICANN: Final = 4
_WILD_PRIVATE: Final = 8
_EXCEPTION: Final = 16
_TAIL: Final = 32


@dataclass(frozen=True, slots=True)
class SuffixTable:
    """The Public Suffix List as one dict: suffix (or a tail of one) → flags."""

    rules: dict[str, int]

    def __reduce__(self) -> tuple[type[SuffixTable], tuple[dict[str, int]]]:
        # By the constructor: compiled (mypyc), a frozen class refuses pickle's setattr.
        return SuffixTable, (self.rules,)

    @classmethod
    def from_rules(cls, icann: list[str], private: list[str]) -> SuffixTable:
        rules: dict[str, int] = {}

        def add(rule: str, plain: int, wild: int) -> None:
            if rule.startswith("!"):
                key, flag = rule[1:], _EXCEPTION
            elif rule.startswith("*."):
                key, flag = rule[2:], wild
            else:
                key, flag = rule, plain
            key = key.encode("idna").decode("ascii") if not key.isascii() else key
            rules[key] = rules.get(key, 0) | flag
            parts = key.split(".")
            for i in range(1, len(parts)):
                tail = ".".join(parts[i:])
                rules[tail] = rules.get(tail, 0) | _TAIL
            # the key itself is a tail of anything below it when it has children
            if flag in (_WILD_ICANN, _WILD_PRIVATE, _EXCEPTION):
                rules[key] |= _TAIL

        for rule in icann:
            add(rule, _ICANN, _WILD_ICANN)
        blogspot = (f"blogspot.{ending}" for ending in BLOGSPOT_ENDINGS)
        for rule in (*private, *EXTRA_FREE_HOSTS, *blogspot):
            add(rule, _PRIVATE, _WILD_PRIVATE)
        # keys that are both a rule and a parent of longer rules must keep walking
        for key in list(rules):
            parts = key.split(".")
            for i in range(1, len(parts)):
                rules[".".join(parts[i:])] |= _TAIL
        return cls(rules=rules)

    def is_top_level(self, label: str) -> bool:
        """Whether ``label`` is a top-level domain in the ICANN section (com, microsoft)."""
        return bool(self.rules.get(label, 0) & _ICANN)

    def depths(self, labels: list[str]) -> tuple[int, int]:
        """(ICANN suffix depth, free-host suffix depth) in labels, for ``labels`` of a host.

        Unknown top-level names count as a one-label suffix (the PSL's default ``*`` rule).
        The free-host depth is 0 when no private rule applies.
        """
        rules = self.rules  # rules.get, not a saved bound method: compiled, a direct call
        n = len(labels)
        key = labels[-1]
        flags = rules.get(key, 0)
        icann = 1  # a known TLD, or the default rule
        private = 0
        i = n - 1
        while flags & _TAIL and i > 0:
            wild = flags & (_WILD_ICANN | _WILD_PRIVATE)
            i -= 1
            key = labels[i] + "." + key
            flags = rules.get(key, 0)
            if flags & _EXCEPTION:  # !city.kawasaki.jp: the suffix is kawasaki.jp
                icann = max(icann, n - i - 1)
                break
            if flags & _ICANN or wild & _WILD_ICANN:
                icann = n - i
            if flags & _PRIVATE or wild & _WILD_PRIVATE:
                private = n - i
        return icann, private if private > icann else 0

    def free_host_parents(self) -> frozenset[str]:
        """Every domain with a free host below it, not the top-level ones: ``cloudflare.net``
        of ``cdn.cloudflare.net``, ``amazonaws.com`` of ``s3.amazonaws.com``, ``foo.com`` of a
        rule ``*.foo.com`` (a slow walk over the whole list: for reviewing a policy)."""
        parents: set[str] = set()
        for key, flags in self.rules.items():
            labels = key.split(".")
            if flags & _WILD_PRIVATE and len(labels) > 1:
                parents.add(key)
            if flags & _PRIVATE:
                parents.update(".".join(labels[i:]) for i in range(1, len(labels) - 1))
        return frozenset(parents)


@cache
def suffix_table() -> SuffixTable:
    """The table built from tldextract's bundled snapshot (read once, read-only after)."""
    raw = pkgutil.get_data("tldextract", ".tld_set_snapshot")
    if raw is None:
        raise DataError("tldextract's bundled suffix list is missing: reinstall tldextract")
    icann, private = extract_tlds_from_suffix_list(raw.decode("utf-8"))
    return SuffixTable.from_rules(icann, private)


# Public suffixes whose names only a government or its army may register: gov and mil, and
# the gov. and mil. second levels of country endings (gov.au, mil.br, gov.rw).
_RESTRICTED: Final = frozenset(("gov", "mil"))


def is_restricted_suffix(labels: list[str], suffix_at: int) -> bool:
    """Whether the public suffix starting at ``labels[suffix_at]`` takes registrations from
    governments only (``gov``, ``gov.au``, ``mil.br``): nobody registers a look-alike there,
    so a name under it that resembles a brand is the agency's own (``mygovid.gov.az``)."""
    return 0 <= suffix_at < len(labels) and labels[suffix_at] in _RESTRICTED


# Letters an English word around a CDN stem may reach beyond it (knowledge around edge).
_WORD_REACH: Final = 10


def is_infrastructure(
    labels: list[str], registrable_at: int, brand: str = "", free: bool = False,
    words: Words | None = None,
) -> bool:
    """Whether a host is a CDN or DNS-steering name (``x.com.c.volcfcdndvs.com``).

    ``registrable_at`` is the index of the registrable domain's first label. True for the
    known CDNs, and when the registrable name or a label below it names a CDN or DNS service;
    the letters of ``brand``, the name the host imitates, are not read as such a stem
    (``ledger`` holds ``edge``), nor, with ``words``, those of an English word around the
    stem (``knowledge``, ``pledge``: fidelityknowledge.lat is no CDN). ``free``: the host is a
    tenant of a shared host (a private entry of the Public Suffix List), where "dns" names a
    dynamic-DNS service that gives anyone a name (``duckdns.org``, ``ddns.net``), not DNS
    steering.
    """
    if ".".join(labels[registrable_at:]) in CDN_INFRASTRUCTURE:
        return True
    name = labels[registrable_at]
    if brand and brand in name:
        name = name.replace(brand, "-")
    if free:
        name = name.replace("dns", "-")
    # the word as attackers write it too, in look-alike letters (knowiedge)
    folded = name if words is None else skeleton(name, pairs=False)
    for stem in INFRA_STEMS:
        at = name.find(stem)
        while at >= 0:
            end = at + len(stem)
            # an English word two letters longer or more around it: not sedge of msedge.net
            if words is None or not (words.holds(name, at, end, _WORD_REACH, longer=2)
                                     or words.holds(folded, at, end, _WORD_REACH, longer=2)):
                return True
            at = name.find(stem, at + 1)
    return any(label in INFRA_STEMS for label in labels[:registrable_at])


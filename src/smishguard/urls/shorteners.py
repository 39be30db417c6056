"""Public link-shortening services: a link through one of them hides where it really goes.

The list holds well-known public shorteners and redirectors (general shorteners, the ones
built into big platforms, QR-code services and those common in Spanish-speaking countries).
It is hand-collected and not exhaustive; a detector should treat it as a hint, not a verdict.
"""

from __future__ import annotations

from typing import Final

SHORTENERS: Final[frozenset[str]] = frozenset(
    {
        # general-purpose services
        "1url.com",
        "adf.ly",
        "adfoc.us",
        "bc.vc",
        "bit.do",
        "bit.ly",
        "bl.ink",
        "buff.ly",
        "chilp.it",
        "cli.gs",
        "cli.re",
        "clck.ru",
        "cutt.ly",
        "cutt.us",
        "da.gd",
        "dlvr.it",
        "gg.gg",
        "goo.su",
        "han.gl",
        "hyperurl.co",
        "is.gd",
        "j.mp",
        "kutt.it",
        "lc.cx",
        "linktr.ee",
        "me2.kr",
        "n9.cl",
        "ouo.io",
        "ow.ly",
        "po.st",
        "qr.net",
        "rb.gy",
        "rebrand.ly",
        "s.id",
        "sh.st",
        "shor.by",
        "short.gy",
        "shorte.st",
        "shorturl.at",
        "shrtco.de",
        "smarturl.it",
        "snip.ly",
        "soo.gd",
        "spoo.me",
        "su.pr",
        "surl.li",
        "t.ly",
        "t2m.io",
        "tiny.cc",
        "tiny.one",
        "tiny.pl",
        "tinyurl.com",
        "tny.im",
        "tr.im",
        "trib.al",
        "u.nu",
        "u.to",
        "ur1.ca",
        "url.ie",
        "urlr.me",
        "urlz.fr",
        "v.gd",
        "vk.cc",
        "x.co",
        "x.gd",
        "zws.im",
        # platforms' own shorteners
        "1drv.ms",
        "a.co",
        "aka.ms",
        "amzn.eu",
        "amzn.to",
        "apple.co",
        "db.tt",
        "fb.me",
        "forms.gle",
        "g.co",
        "goo.gl",
        "hubs.li",
        "hubs.ly",
        "ift.tt",
        "lnkd.in",
        "mcaf.ee",
        "naver.me",
        "spoti.fi",
        "t.co",
        "tmblr.co",
        "wp.me",
        "y2u.be",
        "youtu.be",
        # QR-code and messaging link services
        "l.ead.me",
        "qrco.de",
        "qrs.ly",
        "wa.link",
        # common in Spanish- and Portuguese-speaking countries
        "acortar.link",
        "bom.so",
        "encurtador.com.br",
        # common in Germany
        "kurzelinks.de",
        "t1p.de",
    }
)


def is_shortener_host(host: str) -> bool:
    """Whether ``host`` (ASCII, any case, optional trailing dot) is a link shortener.

    Sub-domains count (``maps.app.goo.gl`` is ``goo.gl``), as does a ``www.`` prefix.
    """
    name = host.strip().rstrip(".").lower()
    while True:
        if name in SHORTENERS:
            return True
        dot = name.find(".")
        if dot < 0:
            return False
        name = name[dot + 1 :]

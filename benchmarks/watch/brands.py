"""The evaluation's brand list, the words every tool is given, and the names made from them.

The brands are the ones found imitating in the hand-labelled sample of the OpenPhish feed
(``benchmarks/data/watch_feed_labels.tsv``), each with its real domains. Every tool gets the
same list: smishguard as a policy TOML, dnstwist as the brands' domains, openSquat as
keywords.

:func:`constructed_names` is a deliberately simple, independent generator (it shares no code
or tables with smishguard's permutations) of the names attackers register: brand + keyword,
brand + another word, typo + keyword, a typo alone, and brand names in subdomains or on free
hosts. It is seeded, so every run grades the same names.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvalBrand:
    key: str  # the label used in benchmarks/data/watch_feed_labels.tsv
    name: str  # display name (the policy's brand name)
    domains: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    # Product names phished without the brand (USPS Informed Delivery): given to every tool as
    # aliases or keywords, never drawn by the generator (so the constructed names stay the same).
    products: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        """The names of the brand an attacker writes: its key and aliases (3 letters or more)."""
        return tuple(dict.fromkeys(w for w in (self.key, *self.aliases) if len(w) >= 3))


def _b(key: str, name: str, domains: str, aliases: str = "", products: str = "") -> EvalBrand:
    return EvalBrand(key, name, tuple(domains.split()), tuple(aliases.split()),
                     tuple(products.split()))


# Ordered by how often the brand appears in the labelled sample (ties: alphabetical), so the
# first ten are the 10-brand policy of the speed runs.
EVAL_BRANDS: tuple[EvalBrand, ...] = (
    _b("meta", "Meta", "facebook.com fb.com meta.com instagram.com whatsapp.com whatsapp.net "
       "fbcdn.net messenger.com wa.me", "facebook instagram whatsapp"),
    _b("usps", "USPS", "usps.com usps.gov", products="informeddelivery"),
    _b("trezor", "Trezor", "trezor.io"),
    _b("dpd", "DPD", "dpd.com dpd.co.uk dpd.de dpd.fr"),
    _b("att", "AT&T", "att.com att.net", "att"),
    _b("tmobile", "T-Mobile", "t-mobile.com tmobile.com", "tmobile"),
    _b("ledger", "Ledger", "ledger.com"),
    _b("metamask", "MetaMask", "metamask.io"),
    _b("steam", "Steam", "steampowered.com steamcommunity.com", "steampowered"),
    _b("dana", "DANA", "dana.id"),
    _b("gemini", "Gemini", "gemini.com"),
    _b("kucoin", "KuCoin", "kucoin.com"),
    _b("coinbase", "Coinbase", "coinbase.com"),
    _b("dhl", "DHL", "dhl.com dhl.de"),
    _b("allegro", "Allegro", "allegro.pl allegrolokalnie.pl"),
    _b("amazon", "Amazon", "amazon.com amazon.co.uk amazon.de amazon.es amazon-adsystem.com "
       "media-amazon.com amzn.to", "amzn"),
    _b("blockfi", "BlockFi", "blockfi.com"),
    _b("robinhood", "Robinhood", "robinhood.com"),
    _b("telegram", "Telegram", "telegram.org t.me"),
    _b("uphold", "Uphold", "uphold.com"),
    _b("xfinity", "Xfinity", "xfinity.com comcast.com comcast.net"),
    _b("bt", "BT", "bt.com btinternet.com", "btinternet"),
    _b("ebay", "eBay", "ebay.com ebay.co.uk ebay.de"),
    _b("exodus", "Exodus", "exodus.com"),
    _b("imtoken", "imToken", "token.im", "imtoken"),
    _b("kraken", "Kraken", "kraken.com"),
    # Not sharepoint.com, anyone's tenant (smishguard policy check): Microsoft's own tenants.
    _b("microsoft", "Microsoft", "microsoft.com microsoftonline.com live.com office.com "
       "outlook.com office365.com microsoft.sharepoint.com microsoft-my.sharepoint.com",
       "office365 outlook onedrive sharepoint"),
    _b("moonpay", "MoonPay", "moonpay.com"),
    _b("netflix", "Netflix", "netflix.com nflxext.com"),
    _b("orange", "Orange", "orange.fr orange.com orange.es"),
    _b("paypal", "PayPal", "paypal.com paypal.me paypalobjects.com"),
    _b("rackspace", "Rackspace", "rackspace.com"),
    _b("shaw", "Shaw", "shaw.ca"),
    _b("spotify", "Spotify", "spotify.com"),
    _b("tiktok", "TikTok", "tiktok.com"),
    _b("airbnb", "Airbnb", "airbnb.com"),
    _b("axa", "AXA", "axa.com axa.fr"),
    _b("bankofamerica", "Bank of America", "bankofamerica.com bofa.com", "bofa"),
    _b("banrural", "Banrural", "banrural.com.gt"),
    _b("bdo", "BDO", "bdo.com.ph"),
    _b("bdv", "Banco de Venezuela", "bancodevenezuela.com", "bdv"),
    _b("bell", "Bell", "bell.ca"),
    _b("bgmi", "BGMI", "battlegroundsmobileindia.com", "bgmi"),
    _b("binance", "Binance", "binance.com"),
    _b("bitvavo", "Bitvavo", "bitvavo.com"),
    _b("bnpparibas", "BNP Paribas", "bnpparibas.com mabanque.bnpparibas", "bnpp"),
    _b("bsi", "Bank Syariah Indonesia", "bankbsi.co.id", "bsi"),
    _b("bwh", "BWH Hotels", "bwhhotelgroup.com", "bwh"),
    _b("cagov", "CA.gov", "ca.gov"),
    _b("chase", "Chase", "chase.com jpmorganchase.com"),
    _b("codm", "Call of Duty Mobile", "callofduty.com", "codm"),
    _b("darb", "Darb", "darb.itc.gov.ae"),
    _b("denizbank", "DenizBank", "denizbank.com"),
    _b("dropbox", "Dropbox", "dropbox.com"),
    _b("ee", "EE", "ee.co.uk"),
    _b("garanti", "Garanti BBVA", "garantibbva.com.tr", "garanti"),
    _b("gmx", "GMX", "gmx.net gmx.de gmx.com"),
    _b("hsbc", "HSBC", "hsbc.com hsbc.co.uk"),
    _b("huntington", "Huntington", "huntington.com"),
    _b("illinois", "Illinois", "illinois.gov"),
    _b("indiapost", "India Post", "indiapost.gov.in"),
    _b("interac", "Interac", "interac.ca"),
    _b("interbank", "Interbank", "interbank.pe"),
    _b("jdpay", "JD Pay", "jd.com", "jdpay"),
    _b("kingdee", "Kingdee", "kingdee.com"),
    _b("latam", "LATAM Airlines", "latamairlines.com", "latam"),
    _b("leboncoin", "leboncoin", "leboncoin.fr"),
    _b("mediafire", "MediaFire", "mediafire.com"),
    _b("mercadolibre", "Mercado Libre", "mercadolibre.com mercadolibre.com.ar"),
    _b("mlbb", "Mobile Legends", "mobilelegends.com", "mlbb"),
    _b("monex", "Monex", "monex.co.jp"),
    _b("mygov", "myGov", "my.gov.au", "mygov"),
    _b("nickel", "Nickel", "nickel.eu"),
    _b("olx", "OLX", "olx.pl olx.com"),
    _b("promerica", "Promerica", "promerica.fi.cr"),
    _b("pubg", "PUBG", "pubg.com"),
    _b("ricardo", "Ricardo", "ricardo.ch"),
    _b("roblox", "Roblox", "roblox.com"),
    _b("scotiabank", "Scotiabank", "scotiabank.com", "scotia"),
    _b("shopee", "Shopee", "shopee.com shopee.co.id"),
    _b("smbc", "SMBC", "smbc.co.jp"),
    _b("snapchat", "Snapchat", "snapchat.com"),
    _b("sony", "Sony", "sony.com playstation.com"),
    _b("sudameris", "Sudameris", "sudameris.com.py"),
    _b("telstra", "Telstra", "telstra.com.au telstra.com"),
    _b("toki", "TOKI", "toki.gov.tr"),
    _b("trustwallet", "Trust Wallet", "trustwallet.com"),
    _b("uniswap", "Uniswap", "uniswap.org"),
    _b("walletconnect", "WalletConnect", "walletconnect.com"),
    _b("zimbra", "Zimbra", "zimbra.com"),
    _b("zoom", "Zoom", "zoom.us zoom.com"),
    # Added for the held-out sample of 2026-11-28 (benchmarks/data/watch_feed_labels_heldout.tsv).
    _b("fidelity", "Fidelity", "fidelity.com"),
    _b("apple", "Apple", "apple.com icloud.com", "icloud"),
    _b("bitmart", "BitMart", "bitmart.com"),
    _b("ezpass", "E-ZPass", "e-zpassiag.com e-zpassny.com ezpassnj.com", "ezpass e-zpass"),
    _b("itrustcapital", "iTrustCapital", "itrustcapital.com"),
    _b("booking", "Booking.com", "booking.com"),
    _b("ndax", "NDAX", "ndax.io"),
    _b("verizon", "Verizon", "verizon.com verizonwireless.com"),
    _b("1inch", "1inch", "1inch.io"),
    _b("amex", "American Express", "americanexpress.com aexp.com", "americanexpress amex"),
    _b("auspost", "Australia Post", "auspost.com.au", "auspost"),
    _b("bet365", "bet365", "bet365.com"),
    _b("bhd", "Banco BHD", "bhd.com.do bhdleon.com.do", "bhd"),
    _b("chainlink", "Chainlink", "chain.link"),
    _b("coinsquare", "Coinsquare", "coinsquare.com"),
    _b("correos", "Correos", "correos.es"),
    _b("creditagricole", "Credit Agricole", "credit-agricole.fr credit-agricole.com"),
    _b("dbs", "DBS Bank", "dbs.com dbs.com.sg", "dbs"),
    _b("deutschebank", "Deutsche Bank", "db.com deutsche-bank.de", "db"),
    _b("dgt", "DGT", "dgt.es"),
    _b("docaposte", "Docaposte", "docaposte.com"),
    _b("dwp", "DWP", "dwp.gov.uk"),
    _b("garena", "Garena", "garena.com"),
    _b("gopay", "GoPay", "gopay.co.id gojek.com", "gojek"),
    _b("intuit", "Intuit", "intuit.com", "quickbooks"),
    _b("irs", "IRS", "irs.gov"),
    _b("nab", "NAB", "nab.com.au"),
    _b("nsea", "Nevada State Education Association", "nsea-nv.org", "nsea"),
    _b("opensea", "OpenSea", "opensea.io"),
    _b("pancakeswap", "PancakeSwap", "pancakeswap.finance", "pancake"),
    _b("pbs", "PBS", "pbs.org"),
    _b("phantom", "Phantom", "phantom.app"),
    _b("pnc", "PNC", "pnc.com"),
    _b("qnb", "QNB", "qnb.com qnbfinansbank.com", "qnbfinans finansbank"),
    _b("swisscom", "Swisscom", "swisscom.ch swisscom.com"),
    _b("twint", "TWINT", "twint.ch"),
    _b("vietcombank", "Vietcombank", "vietcombank.com.vn"),
    # Added for the 3rd sample of 2026-11-29 (benchmarks/data/watch_feed_labels_3rd.tsv): the
    # brands its readers found that the list lacked, each with the domains they were sure of.
    _b("google", "Google", "google.com gmail.com", "gmail"),
    _b("cgd", "Caixa Geral de Depósitos", "cgd.pt", "caixadirecta caixageral"),
    _b("jagex", "Jagex", "jagex.com runescape.com", "runescape"),
    _b("netcoins", "Netcoins", "netcoins.ca"),
    _b("tokenpocket", "TokenPocket", "tokenpocket.pro"),
    _b("aeat", "Agencia Tributaria", "agenciatributaria.es agenciatributaria.gob.es",
       "agenciatributaria"),
    _b("alfasigma", "Alfasigma", "alfasigma.com"),
    _b("aliexpress", "AliExpress", "aliexpress.com"),
    _b("aramex", "Aramex", "aramex.com"),
    _b("bancodebogota", "Banco de Bogotá", "bancodebogota.com", "banco-de-bogota"),
    _b("bancolombia", "Bancolombia", "bancolombia.com"),
    _b("bancoprovincia", "Banco Provincia", "bancoprovincia.com.ar", "bapro"),
    _b("barclays", "Barclays", "barclays.co.uk barclays.com"),
    _b("bybit", "Bybit", "bybit.com"),
    _b("cashapp", "Cash App", "cash.app", "cashapp squarecash"),
    _b("crsorgi", "Civil Registration System (ORGI India)", "crsorgi.gov.in"),
    _b("discord", "Discord", "discord.com discord.gg"),
    _b("docusign", "DocuSign", "docusign.com docusign.net"),
    _b("fedex", "FedEx", "fedex.com"),
    _b("flipkart", "Flipkart", "flipkart.com"),
    _b("galicia", "Banco Galicia", "bancogalicia.com", "galicia bancogalicia"),
    _b("i4tools", "i4Tools", "i4.cn", "i4tools"),
    _b("itau", "Itaú", "itau.com.br", "itau"),
    _b("klarna", "Klarna", "klarna.com"),
    _b("mailru", "Mail.ru", "mail.ru"),
    _b("nubank", "Nubank", "nubank.com.br"),
    _b("orico", "Orico", "orico.co.jp"),
    _b("ourtime", "OurTime", "ourtime.com"),
    _b("pkobp", "PKO Bank Polski", "pkobp.pl", "ipko pko"),
    _b("pln", "PLN", "pln.co.id"),
    _b("porsche", "Porsche", "porsche.com"),
    _b("qantas", "Qantas", "qantas.com qantas.com.au", "qantasmoney"),
    _b("rogers", "Rogers", "rogers.com"),
    _b("royalmail", "Royal Mail", "royalmail.com"),
    _b("saskhealth", "Saskatchewan Health Authority", "saskhealthauthority.ca",
       "saskhealthauthority"),
    _b("sco", "Special Communications Organization (Pakistan)", "sco.gov.pk"),
    _b("skat", "Skattestyrelsen (Danish Tax Agency)", "skat.dk", "skattestyrelsen"),
    _b("sky", "Sky", "sky.com"),
    _b("spacex", "SpaceX", "spacex.com"),
    _b("spankki", "S-Pankki", "s-pankki.fi", "s-pankki"),
    _b("spl", "Saudi Post (SPL)", "splonline.com.sa", "splonline"),
    _b("suncoast", "Suncoast Credit Union", "suncoastcreditunion.com"),
    _b("swisspost", "Swiss Post", "post.ch"),
    _b("unionbank", "UnionBank of the Philippines", "unionbankph.com", "unionbankph"),
    _b("vakifbank", "VakifBank", "vakifbank.com.tr"),
    _b("webde", "WEB.DE", "web.de", "webde"),
    _b("wordpress", "WordPress", "wordpress.org"),  # not wordpress.com: anyone's blog
    # Added for the 4th sample of 2026-11-29 (benchmarks/data/watch_feed_labels_4th.tsv), as for
    # the 3rd: the brands its readers found that the list lacked, with the domains they gave.
    _b("santander", "Santander", "santander.com santander.com.mx santander.co.uk"),
    _b("yahoo", "Yahoo", "yahoo.com"),
    _b("alibaba", "Alibaba", "alibaba.com"),
    _b("brt", "BRT (Bartolini)", "brt.it"),
    _b("buckeye", "Buckeye Broadband", "buckeyebroadband.com bex.net"),
    _b("costco", "Costco", "costco.com"),
    _b("cryptocom", "Crypto.com", "crypto.com"),
    _b("cuscatlan", "Banco Cuscatlan", "bancocuscatlan.com", "cuscatlan"),
    _b("facepunch", "Facepunch Studios", "facepunch.com"),
    _b("georgianpost", "Georgian Post", "gpost.ge"),
    _b("henryscheinone", "Henry Schein One", "henryscheinone.com"),
    _b("indomaret", "Indomaret", "indomaret.co.id"),
    _b("juno", "Juno", "juno.com"),
    _b("lido", "Lido", "lido.fi"),
    _b("limoneira", "Limoneira", "limoneira.com"),
    _b("mexc", "MEXC", "mexc.com"),
    _b("midasbuy", "Midasbuy", "midasbuy.com"),
    _b("mobilepay", "MobilePay", "mobilepay.dk"),
    _b("nike", "Nike", "nike.com"),
    _b("openai", "OpenAI", "openai.com chatgpt.com"),
    _b("opel", "Opel", "opel.com"),
    _b("sbb", "SBB CFF FFS", "sbb.ch"),
    _b("servicenow", "ServiceNow", "servicenow.com"),
    _b("sfr", "SFR", "sfr.fr"),
    _b("sparkasse", "Sparkasse", "sparkasse.de"),
    _b("ups", "UPS", "ups.com"),
    _b("usaa", "USAA", "usaa.com"),
    _b("zedelivery", "Zé Delivery", "ze.delivery", "zedelivery"),
    # Added for the 5th sample of 2026-11-30 (benchmarks/data/watch_feed_labels_5th.tsv), as for
    # the 4th: the brands its readers found that the list lacked, with the domains they gave.
    _b("aruba", "Aruba", "aruba.it"),
    _b("bancodelanacion", "Banco de la Nación (Peru)", "bn.com.pe"),
    _b("bandainamco", "Bandai Namco", "bandainamcoent.com"),
    _b("blockchain", "Blockchain.com", "blockchain.com"),
    _b("bluegreen", "Bluegreen Vacations", "bluegreenvacations.com"),
    _b("comed", "ComEd", "comed.com"),
    _b("frontier", "Frontier", "frontier.com"),
    _b("hysteryale", "Hyster-Yale", "hyster-yale.com"),
    _b("linkedin", "LinkedIn", "linkedin.com"),
    _b("michelin", "Michelin", "michelin.com"),
    _b("netzero", "NetZero", "netzero.net"),
    _b("rakuten", "Rakuten", "rakuten.co.jp rakuten.com"),
    _b("talktalk", "TalkTalk", "talktalk.co.uk"),
    _b("telekom", "Deutsche Telekom", "telekom.de telekom.com"),
    _b("tigo", "Tigo", "tigo.com.co tigo.com.gt tigo.com.bo"),
    _b("tiscali", "Tiscali", "tiscali.it"),
    _b("wise", "Wise", "wise.com"),
    # Added for the 6th sample of 2026-11-30 (benchmarks/data/watch_feed_labels_6th.tsv), as for
    # the 4th and 5th: the brands its readers found that the list lacked, with the domains they
    # gave (1win's reader was sure of none, so it has none: its name is still given as a word).
    _b("1win", "1win", ""),
    _b("acmilan", "AC Milan", "acmilan.com"),
    _b("adobe", "Adobe", "adobe.com"),
    _b("applanix", "Applanix", "applanix.com"),
    _b("autenticacaogov", "Autenticação.gov (Portugal)", "autenticacao.gov.pt"),
    _b("bam", "BAM (Banco Agromercantil)", "bam.com.gt"),
    _b("ccr", "CCR", "grupoccr.com.br"),
    _b("codashop", "Codashop", "codashop.com"),
    _b("emiratespost", "Emirates Post", "emiratespost.ae"),
    _b("fibank", "Fibank", "fibank.bg"),
    _b("keplr", "Keplr", "keplr.app"),
    _b("kleinanzeigen", "Kleinanzeigen", "kleinanzeigen.de"),
    _b("poizon", "Poizon", "poizon.com"),
    _b("produbanco", "Produbanco", "produbanco.com.ec"),
    _b("saisoncard", "Saison Card", "saisoncard.co.jp"),
    _b("spectrum", "Spectrum", "spectrum.com spectrum.net"),
    _b("westpac", "Westpac", "westpac.com.au"),
    _b("wetransfer", "WeTransfer", "wetransfer.com"),
    _b("wework", "WeWork", "wework.com"),
    _b("windstream", "Windstream", "windstream.com"),
)

# The identity-provider and pretext words a careful user gives every tool that takes words
# (dnstwist's --dictionary, smishguard's extra_keywords; openSquat has no such setting).
IDP_WORDS: tuple[str, ...] = (
    "sso", "okta", "vpn", "mfa", "login", "signin", "auth", "help", "helpdesk", "servicedesk",
    "support", "hr", "it", "verify", "secure", "security", "account", "portal", "password",
    "reset", "update", "id", "access", "service", "webmail", "mail", "billing", "pay",
    "payment", "wallet", "track", "tracking", "delivery", "claim", "refund", "bonus", "app",
    "online", "web", "my", "team", "staff", "employee", "connect",
)
# Words attackers also use that no tool is told about (a careful list is never complete).
OTHER_WORDS: tuple[str, ...] = (
    "center", "official", "alerts", "hub", "global", "now", "express", "direct", "care",
    "status", "notice", "invoice", "store", "gift", "rewards", "promo", "usa", "info",
)
# Endings abused for look-alikes: dnstwist's --tld list and the generator's endings.
TLDS: tuple[str, ...] = (
    "com", "net", "org", "info", "xyz", "top", "online", "site", "shop", "app", "io", "co",
    "cc", "icu", "live", "support", "help", "vip", "cfd", "sbs", "click", "us", "de",
)
FREE_HOSTS: tuple[str, ...] = (
    "weebly.com", "vercel.app", "webflow.io", "pages.dev", "gitbook.io", "blogspot.com",
    "netlify.app", "godaddysites.com",
)

_NEAR = {  # QWERTY neighbours
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "adw", "d": "sfe", "f": "dgr",
    "g": "fht", "h": "gjy", "j": "hku", "k": "jli", "l": "kop", "z": "asx", "x": "zcs",
    "c": "xvd", "v": "cbf", "b": "vng", "n": "bmh", "m": "nj",
}
_DIGITS = {"o": "0", "l": "1", "i": "1", "e": "3", "a": "4", "s": "5"}
_TYPO_OPS = ("omit", "swap", "double", "insert", "near", "vowel", "digit")


def typo(word: str, rng: random.Random) -> str:
    """One random typing or look-alike mistake in ``word``, at any position."""
    for _ in range(50):
        op = rng.choice(_TYPO_OPS)
        i = rng.randrange(len(word))
        c = word[i]
        if op == "omit":
            out = word[:i] + word[i + 1 :]
        elif op == "swap" and i + 1 < len(word):
            out = word[:i] + word[i + 1] + c + word[i + 2 :]
        elif op == "double":
            out = word[:i] + c + word[i:]
        elif op == "insert" and c in _NEAR:
            out = word[: i + 1] + rng.choice(_NEAR[c]) + word[i + 1 :]
        elif op == "near" and c in _NEAR:
            out = word[:i] + rng.choice(_NEAR[c]) + word[i + 1 :]
        elif op == "vowel" and c in "aeiou":
            out = word[:i] + rng.choice([v for v in "aeiou" if v != c]) + word[i + 1 :]
        elif op == "digit" and c in _DIGITS:
            out = word[:i] + _DIGITS[c] + word[i + 1 :]
        else:
            continue
        if out != word:
            return out
    raise ValueError(f"no typo found for {word!r}")


def _token(rng: random.Random) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 5)))


def constructed_names(
    brands: Sequence[EvalBrand], seed: int = 20260901
) -> Iterator[tuple[str, str, str]]:
    """(subset, name, brand key) for every brand with a name of 3 letters or more: 5 brand +
    listed keyword, 2 brand + other word, 4 subdomain or free-host shapes, and for names of 5
    letters or more (a typo of a shorter name is mostly another name) 4 typo + keyword and
    2 typos alone. Names are drawn from the brand's name and aliases, TLDs from :data:`TLDS`."""
    rng = random.Random(seed)
    taken = {w for b in brands for w in b.words}
    for brand in brands:
        if brand.words:
            yield from _names_for(brand, rng, taken)


def _names_for(brand: EvalBrand, rng: random.Random, taken: set[str]
               ) -> Iterator[tuple[str, str, str]]:
    def word() -> str:
        return rng.choice(brand.words)

    def kw() -> str:
        return rng.choice(IDP_WORDS)

    def tld() -> str:
        return rng.choice(TLDS)

    def sep() -> str:
        return rng.choice(("-", ""))

    key = brand.key
    yield "brand+keyword", f"{word()}{sep()}{kw()}.{tld()}", key
    yield "brand+keyword", f"{kw()}{sep()}{word()}.{tld()}", key
    yield "brand+keyword", f"{word()}-{kw()}-{kw()}.{tld()}", key
    yield "brand+keyword", f"www.{word()}-{kw()}.{tld()}", key
    yield "brand+keyword", f"{kw()}-{word()}-{kw()}.{tld()}", key
    for _ in range(2):
        other, w = rng.choice(OTHER_WORDS), word()
        yield "brand+other word", rng.choice((f"{w}-{other}", f"{other}{w}")) + f".{tld()}", key
    yield "subdomain/free host", f"{word()}.com-{kw()}{_token(rng)}.{tld()}", key
    yield "subdomain/free host", f"{word()}.{kw()}-{_token(rng)}.{tld()}", key
    yield "subdomain/free host", f"{word()}-{kw()}-{_token(rng)}.{rng.choice(FREE_HOSTS)}", key
    yield "subdomain/free host", f"{kw()}-{word()}.{rng.choice(FREE_HOSTS)}", key
    long_words = [w for w in brand.words if len(w) >= 5]
    if not long_words:
        return
    for n in range(6):
        w = rng.choice(long_words)
        t = typo(w, rng)
        while t in taken:
            t = typo(w, rng)
        if n >= 4:
            yield "typo alone", f"{t}.{tld()}", key
            continue
        k = kw()
        yield "typo+keyword", f"{(f'{t}-{k}', f'{k}-{t}', f'{t}{k}', f'{k}{t}')[n]}.{tld()}", key


def policy_toml(brands: Sequence[EvalBrand]) -> str:
    """The smishguard policy for ``brands``: the built-in keywords plus :data:`IDP_WORDS`.

    Each brand's aliases are its key (the name its readers gave it: Suncoast for Suncoast
    Credit Union, AEAT for the Agencia Tributaria), aliases and products: the names openSquat
    gets as keywords (``brand_json`` in watch_peers.py), so every tool knows the same names."""
    lines = ["# generated by benchmarks/watch_peers.py", "include_default_brands = false",
             f"extra_keywords = [{', '.join(_q(w) for w in IDP_WORDS)}]", ""]
    for brand in brands:
        lines += ["[[brands]]", f"name = {_q(brand.name)}",
                  f"domains = [{', '.join(_q(d) for d in brand.domains)}]"]
        aliases = dict.fromkeys((*brand.words, *brand.aliases, *brand.products))
        if aliases:
            lines.append(f"aliases = [{', '.join(_q(a) for a in aliases)}]")
        lines.append("")
    return "\n".join(lines)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

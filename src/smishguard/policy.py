"""Who we protect: brands, their real domains, look-alike keywords and verdict thresholds.

A policy is a frozen value. :func:`parse_policy` builds one from a mapping (the parsed TOML)
and rejects unknown keys and bad values with a :class:`PolicyError` naming the key;
:func:`load_policy` reads a TOML file; :func:`default_policy` is the built-in one.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smishguard.errors import PolicyError
from smishguard.model import Label

# Words attackers put beside a brand in a look-alike domain: identity providers, sign-in and
# help-desk words, HR and logistics pretexts, in English and Spanish, and the sign-in,
# update, payment and parcel pretexts of kits written in other languages (pinyin,
# Indonesian, Turkish, Portuguese, French, Italian, German, Dutch, Polish, Finnish,
# Vietnamese).
DEFAULT_KEYWORDS: tuple[str, ...] = (
    "okta", "sso", "vpn", "mfa", "2fa", "login", "logon", "signin", "auth", "help", "helpdesk",
    "servicedesk", "service", "desk", "support", "hr", "it", "verify", "verification",
    "secure", "security", "account", "accounts", "portal", "password", "reset", "update",
    "id", "access", "azure", "office", "o365", "onelogin", "duo", "citrix", "workday",
    "payroll", "benefits", "schedule", "admin", "alert", "billing", "confirm", "customer",
    "pay", "payment", "unlock", "recovery", "wallet", "track", "tracking", "delivery",
    "parcel", "package", "toll", "online", "web", "app", "my", "mobile", "team", "staff",
    "employee", "corp", "intranet", "remote", "connect", "identity", "session", "validate",
    "signon", "passwords", "recover", "locked", "verified", "authenticate", "authenticator",
    "otp", "ticket", "tickets", "itsupport", "helpline", "servicenow", "roster", "shift",
    "shifts", "timesheet", "pto", "mailbox", "webmail", "migration", "notice", "refund",
    "refunds", "claim", "reward", "rewards", "internal", "corporate", "hrportal",
    "acceso", "cuenta", "cuentas", "seguridad", "soporte", "ayuda", "verificar", "verificacion",
    "validacion", "clientes", "cliente", "banca", "pago", "pagos", "entrega", "entregas",
    "envio", "envios", "paquete", "paquetes", "multa", "multas", "peaje", "peajes",
    "personal", "empleado", "empleados", "nomina", "nominas", "actualizar", "actualizacion",
    "ti", "rrhh", "sistemas", "informatica", "turno", "turnos", "horario", "horarios",
    "ruta", "rutas", "reparto", "beneficios", "correo", "buzon", "migracion", "usuario",
    "usuarios", "clave", "contrasena", "desbloqueo", "bloqueo", "aviso", "avisos",
    "notificacion", "tramite", "devolucion", "reembolso", "portal-empleado", "coupon",
    "cupon", "promo", "gift", "bonus", "premio", "regalo", "redelivery", "reschedule",
    "withdraw", "withdrawal", "cancel", "dispute", "fraud", "retiro", "retiros", "cancelar",
    "prize", "prizes", "winner", "lucky", "sorteo", "ganador", "ofertas", "promocion",
    "promociones", "descuentos",
    "notification", "notifications", "agency", "suspended", "suspend", "restore", "unblock",
    "blocked", "limited", "activation", "activate", "renew", "renewal", "expired",
    "authentication", "signature", "esign", "documents", "appeal", "violation", "complaint",
    "copyright", "updates", "invoice", "phrase", "acct", "alerts", "claims", "promos",
    "official", "redeem", "backup", "notify", "disable", "helpcenter", "helpcentre",
    "authorize", "authorizes", "authorization", "firmware", "warning",
    "lost", "findmy", "encontrar", "localizar", "localizacao", "busca", "buscar", "rastrear",
    "dispositivo", "dispositivos", "passcode",
    "denglu", "guanwang", "qianbao", "kefu", "xiazai", "zhuce",
    "resmi", "bantuan", "layanan", "akun", "aktifkan", "aktivasi", "klaim", "pinjaman",
    "paylater", "pemulihan",
    "opisial", "kaget", "penukaran", "hadiah", "undian", "pengembalian", "formulir",
    "verifikasi", "konfirmasi", "pembaruan", "keamanan", "pelanggan", "tagihan", "pembayaran",
    "rekening", "blokir", "diblokir",
    "basvuru", "destek", "hesap", "dogrulama", "kampanya", "guncelle",
    "suporte", "acesso", "atendimento", "atualizar", "atualizacao", "regularizar",
    "regularizacao", "desbloquear", "ativar", "ativacao", "reativar", "reativacao", "cadastro",
    "recadastro", "recadastramento", "seguranca", "validacao", "confirmar", "confirmacao",
    "restaurar", "registrar", "protocolo", "pendencia", "pendente", "resgate", "resgatar",
    "fatura", "boleto", "encomenda", "rastreio", "rastreamento", "senha", "suspensao",
    "cancelamento", "estorno", "assinar", "ajustes", "desconectar", "desregular", "estabilizar",
    "queixa", "assegurar", "avaliar", "ficha", "depositos", "credito",
    "colis", "connexion", "paiement", "paiements", "suivi", "securite", "facture",
    "remboursement", "livraison", "identifiant", "verifier", "activer", "debloquer", "miseajour",
    "verifica", "assistenza", "controllo", "sicurezza", "aggiornamento", "pagamento",
    "rimborso", "consegna", "spedizione", "accedi", "sblocca", "verificare",
    "sicherheit", "anmelden", "anmeldung", "bestaetigen", "verifizierung", "aktualisieren",
    "aktualisierung", "zahlung", "rechnung", "sendung", "kundenservice", "kundendienst",
    "datenaktualisierung", "entsperren", "freischalten",
    "inloggen", "betaling", "bevestigen", "pakket", "verificatie", "beveiliging",
    "klantenservice",
    "logowanie", "zaloguj", "weryfikacja", "zmiana", "haslo", "platnosc", "doplata",
    "przesylka", "dostawa", "odblokuj", "aktualizacja", "bezpieczenstwo",
    "kampanja", "tunnistaudu", "tunnistautuminen", "vahvista", "vahvistus", "paivitys",
    "paivita", "asiakaspalvelu", "verkkopankki", "tunnukset",
    "sukien", "nhanqua", "quatang", "dangnhap", "giftcode",
)

def _fold_accents(text: str) -> str:
    """'ibérica' → 'iberica': brand names become domain-label letters, not dropped ones."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# An aside in a brand's name: "(Bartolini)", "[UK]".
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


@dataclass(frozen=True, slots=True)
class Brand:
    """A protected brand: its display name, the domains it really owns, other names."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    category: str = "company"  # company, identity-provider, bank, carrier, government, …

    @property
    def labels(self) -> tuple[str, ...]:
        """The brand's names as domain labels: the domains' names, the name, the aliases.

        A domain's name shorter than five letters (``a.co``, ``wf.com``, ``live.com``) or cut
        from a longer one (``twil.io``, ``youtu.be``) is a short link or an abbreviation that
        would match too much; it is kept only when it is the brand's name or an alias
        (``ups.com`` for UPS), or the first word of a name of several (``sbb.ch`` for SBB CFF
        FFS). A name written as a domain (``Booking.com``) does not cut its domain's name
        (``booking``) short, nor does a name with more words after the domain's
        (``facepunch.com`` for Facepunch Studios, ``callofduty.com`` for Call of Duty Mobile).
        An aside in brackets explains a name and is no part of it: BRT (Bartolini) is ``brt``,
        Banco de la Nación (Peru) ``bancodelanacion``.
        """
        written = [_ASIDE.sub(" ", n) for n in (self.name, *self.aliases)]
        words = [re.findall(r"[a-z0-9]+", _fold_accents(n.lower())) for n in written]
        names = ["".join(w) for w in words]
        whole = [n for n, w in zip(names, written, strict=True) if "." not in w]
        # the names' first words run together: Facepunch, Call of Duty (not cuts)
        heads = {"".join(w[:k]) for w in words for k in range(1, len(w))}
        from_domains = [d.split(".")[0] for d in self.domains]
        # the first word of a name of several, not written as a domain (SBB of SBB CFF FFS),
        # nor by a domain of the brand (cash of cash.app for Cash App: a cut)
        openers = {w[0] for w, n in zip(words, written, strict=True) if len(w) > 1 and "." not in n}
        openers -= {label for label, domain in zip(from_domains, self.domains, strict=True)
                    if domain.replace(".", "") in names}
        seen: dict[str, None] = {}
        for label in from_domains:
            is_cut = label not in heads and any(
                other != label and other.startswith(label) for other in (*from_domains, *whole)
            )
            if label in names or label in openers or (len(label) >= 5 and not is_cut):
                seen.setdefault(label, None)
        for label in names:
            if label:
                seen.setdefault(label, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score cut-offs for the labels: score >= phishing → phishing, >= suspicious → suspicious."""

    phishing: float = 0.7
    suspicious: float = 0.4


@dataclass(frozen=True, slots=True)
class Policy:
    """Everything the scanner and the watch need to know about who is protected."""

    brands: tuple[Brand, ...] = ()
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    thresholds: Thresholds = field(default_factory=Thresholds)
    # Domains found, on review, to imitate no brand (a namesake: mysuncoast.com beside Suncoast
    # Credit Union): never reported as look-alikes, nor the names under them.
    not_lookalikes: tuple[str, ...] = ()
    # owned domain → index of the first brand that lists it (owner_of runs for every link)
    _owners: dict[str, int] = field(init=False, repr=False, compare=False)
    _keyword_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        owners: dict[str, int] = {}
        for index, brand in enumerate(self.brands):
            for domain in brand.domains:
                owners.setdefault(domain, index)
        object.__setattr__(self, "_owners", owners)
        object.__setattr__(self, "_keyword_set", frozenset(self.keywords))

    @property
    def keyword_set(self) -> frozenset[str]:
        return self._keyword_set

    def label_for(self, score: float) -> Label:
        if score >= self.thresholds.phishing:
            return Label.PHISHING
        if score >= self.thresholds.suspicious:
            return Label.SUSPICIOUS
        return Label.CLEAN

    def owner_of(self, registrable_domain: str) -> Brand | None:
        """The brand that really owns this registrable domain (or a parent of it), if any;
        the first in ``brands`` when several do."""
        owners = self._owners
        found = owners.get(registrable_domain)
        # Parents: every name after a dot ("b.c" and "c" of "a.b.c").
        position = registrable_domain.find(".")
        while position != -1:
            index = owners.get(registrable_domain[position + 1 :])
            if index is not None and (found is None or index < found):
                found = index
            position = registrable_domain.find(".", position + 1)
        return None if found is None else self.brands[found]


_BRAND_KEYS = {"name", "domains", "aliases", "category"}
_THRESHOLD_KEYS = {"phishing", "suspicious"}
# "service" holds the settings of `smishguard serve` (read by smishguard.service.settings).
_TOP_KEYS = {"brands", "keywords", "extra_keywords", "thresholds", "include_default_brands",
             "not_lookalikes", "service"}


def _str(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"policy key '{key}' must be a non-empty string, got {value!r}")
    return value.strip()


def _str_list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise PolicyError(f"policy key '{key}' must be a list of strings, got {value!r}")
    return tuple(_str(item, f"{key}[{i}]") for i, item in enumerate(value))


def _domain(value: Any, key: str) -> str:
    text = _str(value, key).lower().rstrip(".")
    try:
        ascii_name = text.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise PolicyError(f"policy key '{key}': {text!r} is not a valid domain name") from exc
    if not _DOMAIN.match(ascii_name):
        raise PolicyError(f"policy key '{key}': {text!r} is not a valid domain name")
    return ascii_name


def _brand(raw: Any, index: int) -> Brand:
    where = f"brands[{index}]"
    if not isinstance(raw, Mapping):
        raise PolicyError(f"policy key '{where}' must be a table with name and domains")
    unknown = sorted(set(raw) - _BRAND_KEYS)
    if unknown:
        raise PolicyError(
            f"unknown policy key '{where}.{unknown[0]}' (allowed: {', '.join(sorted(_BRAND_KEYS))})"
        )
    if "name" not in raw:
        raise PolicyError(f"policy key '{where}.name' is required")
    name = _str(raw["name"], f"{where}.name")
    domains = tuple(
        _domain(d, f"{where}.domains[{i}]")
        for i, d in enumerate(_str_list(raw.get("domains", []), f"{where}.domains"))
    )
    aliases = _str_list(raw.get("aliases", []), f"{where}.aliases")
    category = _str(raw.get("category", "company"), f"{where}.category")
    brand = Brand(name=name, domains=domains, aliases=aliases, category=category)
    if not brand.labels:
        raise PolicyError(f"policy key '{where}.name': {name!r} has no letters or digits")
    return brand


def _keyword(value: str, key: str) -> str:
    word = value.lower()
    if not _NAME.match(word):
        raise PolicyError(f"policy key '{key}': {value!r} must be letters, digits and hyphens")
    return word


def _thresholds(raw: Any) -> Thresholds:
    if not isinstance(raw, Mapping):
        raise PolicyError("policy key 'thresholds' must be a table")
    unknown = sorted(set(raw) - _THRESHOLD_KEYS)
    if unknown:
        raise PolicyError(f"unknown policy key 'thresholds.{unknown[0]}'")
    values: dict[str, float] = {}
    for key in _THRESHOLD_KEYS & set(raw):
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise PolicyError(f"policy key 'thresholds.{key}' must be a number in (0, 1]")
        values[key] = float(value)
    thresholds = Thresholds(**values)
    if thresholds.suspicious > thresholds.phishing:
        raise PolicyError(
            "policy key 'thresholds.suspicious' must not be above 'thresholds.phishing'"
        )
    return thresholds


def parse_policy(raw: Mapping[str, Any]) -> Policy:
    """Build a policy from a parsed TOML mapping; raise PolicyError naming any bad key."""
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise PolicyError(
            f"unknown policy key '{unknown[0]}' (allowed: {', '.join(sorted(_TOP_KEYS))})"
        )
    brands_raw = raw.get("brands", [])
    if not isinstance(brands_raw, list):
        raise PolicyError("policy key 'brands' must be an array of tables ([[brands]])")
    brands = tuple(_brand(b, i) for i, b in enumerate(brands_raw))
    include_defaults = raw.get("include_default_brands", False)
    if not isinstance(include_defaults, bool):
        raise PolicyError("policy key 'include_default_brands' must be true or false")
    if include_defaults or not brands:
        own = {b.name.lower() for b in brands}
        brands += tuple(b for b in DEFAULT_BRANDS if b.name.lower() not in own)
    if "keywords" in raw:
        keywords = tuple(_keyword(w, f"keywords[{i}]")
                         for i, w in enumerate(_str_list(raw["keywords"], "keywords")))
    else:
        keywords = DEFAULT_KEYWORDS
    extra = _str_list(raw.get("extra_keywords", []), "extra_keywords")
    keywords += tuple(_keyword(w, f"extra_keywords[{i}]") for i, w in enumerate(extra))
    thresholds = _thresholds(raw.get("thresholds", {}))
    not_lookalikes = tuple(dict.fromkeys(
        _domain(d, f"not_lookalikes[{i}]")
        for i, d in enumerate(_str_list(raw.get("not_lookalikes", []), "not_lookalikes"))
    ))
    return Policy(brands=brands, keywords=tuple(dict.fromkeys(keywords)), thresholds=thresholds,
                  not_lookalikes=not_lookalikes)


def parse_policy_text(text: str, source: str = "policy") -> Policy:
    """A policy from TOML text (a stored tenant policy, an uploaded file)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source} is not valid TOML: {exc}") from exc
    return parse_policy(raw)


def load_policy(path: Path) -> Policy:
    """Read a policy TOML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PolicyError(f"policy file {path} does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read policy file {path}: {exc}") from exc
    return parse_policy_text(text, f"policy file {path}")


def resolve_policy(path: Path | None, cwd: Path) -> Policy:
    """The policy in force: --policy FILE, else smishguard.toml in cwd, else the default."""
    if path is not None:
        return load_policy(path)
    local = cwd / "smishguard.toml"
    if local.is_file():
        return load_policy(local)
    return default_policy()


def _b(name: str, domains: Sequence[str], aliases: Sequence[str] = (),
       category: str = "company") -> Brand:
    return Brand(name=name, domains=tuple(domains), aliases=tuple(aliases), category=category)


# Only domains whose every subdomain the brand controls belong here: never shared hosting where
# anyone can publish (sharepoint.com tenants, windows.net, amazonaws.com, googleusercontent.com,
# dropboxusercontent.com, pages.dev, workers.dev; googleapis.com and cloudflare.net, which their
# owners list as shared in the Public Suffix List: anyone's bucket.storage.googleapis.com), or
# a phishing page there would pass as owned. `smishguard policy check` finds them.
# Brands most imitated in SMS phishing (identity providers, banks, carriers, tolls, tax
# offices, big platforms), in the English- and Spanish-speaking world. Used when a policy
# names no brands of its own, or asks for them with include_default_brands = true.
DEFAULT_BRANDS: tuple[Brand, ...] = (
    _b("Okta", ["okta.com", "oktacdn.com", "okta-emea.com"], category="identity-provider"),
    _b("Microsoft", ["microsoft.com", "microsoftonline.com", "live.com", "office.com",
                     "office365.com", "outlook.com", "azure.com", "msft.net",
                     "microsoft365.com", "skype.com", "xbox.com", "msftauth.net",
                     "sharepointonline.com", "microsoftonline.us", "microsoftapp.net",
                     "onedrive.com"],
       ["office365", "outlook", "onedrive", "sharepoint", "msft"], "identity-provider"),
    _b("Google", ["google.com", "gmail.com", "gstatic.com", "youtube.com",
                  "youtu.be", "google.es", "goo.gl", "g.co", "google-analytics.com",
                  "youtube-nocookie.com", "gmail.googleapis.com", "youtube.googleapis.com"],
       category="identity-provider"),
    _b("Apple", ["apple.com", "icloud.com", "me.com", "apple.news", "aaplimg.com"],
       ["icloud", "appleid"]),
    _b("Amazon", ["amazon.com", "amazon.co.uk", "amazon.es", "amazon.de", "amazon.fr",
                  "amazon.it", "amazon.ca", "amazon.com.mx", "amazon-adsystem.com",
                  "media-amazon.com", "ssl-images-amazon.com", "images-amazon.com",
                  "amazon-dss.com", "payments-amazon.com",
                  "amzn.to", "a.co", "primevideo.com"], ["amzn"]),
    _b("PayPal", ["paypal.com", "paypal.me", "paypalobjects.com", "paypal-community.com"]),
    _b("Netflix", ["netflix.com", "nflxext.com", "nflximg.net", "nflxvideo.net"]),
    _b("Twilio", ["twilio.com", "twil.io", "twiliocdn.com"]),
    _b("Cloudflare", ["cloudflare.com", "cloudflare-dns.com",
                      "cloudflareinsights.com"]),
    _b("Coinbase", ["coinbase.com"]),
    _b("Binance", ["binance.com"]),
    _b("USPS", ["usps.com", "usps.gov"], category="carrier"),
    _b("UPS", ["ups.com"], category="carrier"),
    _b("FedEx", ["fedex.com"], category="carrier"),
    _b("DHL", ["dhl.com", "dhl.de", "dhl.es", "dhl.co.uk"], category="carrier"),
    _b("Royal Mail", ["royalmail.com", "royalmail.co.uk"], category="carrier"),
    _b("Evri", ["evri.com"], ["hermes"], "carrier"),
    _b("Correos", ["correos.es", "correos.com"], category="carrier"),
    _b("SEUR", ["seur.com"], category="carrier"),
    _b("Canada Post", ["canadapost.ca", "postescanada.ca", "canadapost-postescanada.ca"],
       category="carrier"),
    _b("Australia Post", ["auspost.com.au"], ["auspost"], "carrier"),
    _b("NZ Post", ["nzpost.co.nz"], category="carrier"),
    _b("An Post", ["anpost.com"], category="carrier"),
    _b("India Post", ["indiapost.gov.in"], category="carrier"),
    _b("Singapore Post", ["singpost.com"], ["singpost"], "carrier"),
    _b("Purolator", ["purolator.com"], category="carrier"),
    _b("Correos de México", ["correosdemexico.gob.mx"], category="carrier"),
    _b("DPD", ["dpd.com", "dpd.co.uk"], category="carrier"),
    _b("Yodel", ["yodel.co.uk"], category="carrier"),
    _b("Parcelforce", ["parcelforce.com"], category="carrier"),
    _b("E-ZPass", ["e-zpassny.com", "ezpassnj.com", "ezpassva.com", "ezpassmd.com",
                   "e-zpassiag.com", "ezpass.com"], ["ezpass"], "toll"),
    _b("SunPass", ["sunpass.com"], category="toll"),
    _b("FasTrak", ["bayareafastrak.org", "thetollroads.com"], ["fastrak"], "toll"),
    # The toll agencies of the unpaid-toll texts of 2024-2025 (and Australia's Linkt).
    _b("TxTag", ["txtag.org"], category="toll"),
    _b("NTTA", ["ntta.org"], ["tolltag"], "toll"),
    _b("NC Quick Pass", ["ncquickpass.com"], category="toll"),
    _b("Peach Pass", ["peachpass.com"], category="toll"),
    _b("Illinois Tollway", ["illinoistollway.com"], category="toll"),
    _b("EZDriveMA", ["ezdrivema.com"], category="toll"),
    _b("Good To Go", ["mygoodtogo.com"], category="toll"),
    _b("Linkt", ["linkt.com.au"], category="toll"),
    _b("PikePass", ["pikepass.com"], category="toll"),
    _b("ExpressToll", ["expresstoll.com"], category="toll"),
    _b("HCTRA", ["hctra.org"], ["eztag"], "toll"),
    _b("Kansas Turnpike", ["ksturnpike.com"], category="toll"),
    _b("IRS", ["irs.gov"], category="government"),
    _b("HMRC", ["gov.uk"], category="government"),
    _b("Agencia Tributaria", ["agenciatributaria.gob.es", "agenciatributaria.es"],
       ["aeat", "hacienda"], "government"),
    _b("DGT", ["dgt.es", "dgt.gob.es"], category="government"),
    _b("SSA", ["ssa.gov"], ["socialsecurity"], "government"),
    _b("DMV", ["dmv.ca.gov", "dmv.ny.gov", "dmv.virginia.gov"], category="government"),
    _b("ATO", ["ato.gov.au"], category="government"),
    _b("CRA", ["cra-arc.gc.ca"], category="government"),
    _b("DVLA", ["gov.uk"], category="government"),
    _b("NHS", ["nhs.uk"], category="government"),
    _b("Chase", ["chase.com", "jpmorganchase.com", "jpmorgan.com"], category="bank"),
    _b("Bank of America", ["bankofamerica.com", "bofa.com"], ["bofa"], "bank"),
    _b("Wells Fargo", ["wellsfargo.com", "wf.com"], category="bank"),
    _b("Citi", ["citi.com", "citibank.com", "citigroup.com", "citibankonline.com"],
       ["citibank"], "bank"),
    _b("Capital One", ["capitalone.com"], category="bank"),
    _b("HSBC", ["hsbc.com", "hsbc.co.uk", "hsbc.com.mx"], category="bank"),
    _b("Barclays", ["barclays.co.uk", "barclays.com"], category="bank"),
    _b("Lloyds", ["lloydsbank.com", "lloydsbank.co.uk", "lloydsbankinggroup.com"],
       ["lloydsbank"], "bank"),
    _b("NatWest", ["natwest.com"], category="bank"),
    _b("Santander", ["santander.com", "santander.es", "bancosantander.es",
                     "santander.co.uk", "santander.com.mx", "santanderbank.com"], category="bank"),
    _b("BBVA", ["bbva.com", "bbva.es", "bbva.mx", "bbva.com.co"], category="bank"),
    _b("CaixaBank", ["caixabank.es", "caixabank.com"], ["lacaixa"], "bank"),
    _b("Banco Sabadell", ["bancsabadell.com", "sabadell.com"], ["sabadell"], "bank"),
    _b("Bankinter", ["bankinter.com", "bankinter.es"], category="bank"),
    _b("ING", ["ing.com", "ing.es", "ing.nl", "ing.de"], category="bank"),
    _b("Revolut", ["revolut.com"], category="bank"),
    _b("Venmo", ["venmo.com"], category="bank"),
    _b("Cash App", ["cash.app", "cash.me", "squareup.com"], ["cashapp"], "bank"),
    _b("Zelle", ["zellepay.com", "zelle.com"], category="bank"),
    _b("Bizum", ["bizum.es"], category="bank"),
    _b("USAA", ["usaa.com"], category="bank"),
    _b("Navy Federal", ["navyfederal.org"], category="bank"),
    _b("PNC", ["pnc.com"], category="bank"),
    _b("U.S. Bank", ["usbank.com"], category="bank"),
    _b("TD Bank", ["td.com", "tdbank.com"], category="bank"),
    _b("Truist", ["truist.com"], category="bank"),
    _b("RBC", ["rbc.com", "rbcroyalbank.com"], ["rbcroyalbank"], "bank"),
    _b("Scotiabank", ["scotiabank.com"], category="bank"),
    _b("BMO", ["bmo.com"], category="bank"),
    _b("CIBC", ["cibc.com"], category="bank"),
    _b("Desjardins", ["desjardins.com"], category="bank"),
    _b("Interac", ["interac.ca"], category="bank"),
    _b("CommBank", ["commbank.com.au"], category="bank"),
    _b("NAB", ["nab.com.au"], category="bank"),
    _b("ANZ", ["anz.com", "anz.com.au"], category="bank"),
    _b("Westpac", ["westpac.com.au"], category="bank"),
    _b("Nationwide", ["nationwide.co.uk"], category="bank"),
    _b("Halifax", ["halifax.co.uk", "halifax-online.co.uk"], category="bank"),
    _b("Monzo", ["monzo.com"], category="bank"),
    _b("SBI", ["sbi.co.in", "onlinesbi.sbi", "sbi.bank.in"], ["onlinesbi"], "bank"),
    _b("HDFC Bank", ["hdfcbank.com", "hdfc.bank.in"], ["hdfc"], "bank"),
    _b("ICICI Bank", ["icicibank.com", "icici.bank.in"], ["icici"], "bank"),
    _b("Bancolombia", ["bancolombia.com"], category="bank"),
    _b("Nequi", ["nequi.com.co"], category="bank"),
    _b("Davivienda", ["davivienda.com"], category="bank"),
    _b("BancoEstado", ["bancoestado.cl"], category="bank"),
    _b("Banco de Chile", ["bancochile.cl"], category="bank"),
    _b("Banorte", ["banorte.com"], category="bank"),
    _b("Banamex", ["banamex.com"], category="bank"),
    _b("Mercado Libre", ["mercadolibre.com", "mercadolibre.com.mx", "mercadolibre.com.ar",
                         "mercadolibre.com.co", "mercadolibre.cl", "mercadolivre.com.br",
                         "mercadopago.com"], ["mercadopago"]),
    _b("AT&T", ["att.com", "att.net"], ["att"], "telecom"),
    _b("Verizon", ["verizon.com", "verizonwireless.com", "vzw.com"], category="telecom"),
    _b("T-Mobile", ["t-mobile.com", "tmobile.com"], ["tmobile"], "telecom"),
    _b("Vodafone", ["vodafone.com", "vodafone.es", "vodafone.co.uk"], category="telecom"),
    _b("Movistar", ["movistar.es", "movistar.com", "telefonica.com"], category="telecom"),
    _b("Xfinity", ["xfinity.com", "comcast.com", "comcast.net"], ["comcast"], "telecom"),
    _b("Telstra", ["telstra.com.au", "telstra.com"], category="telecom"),
    _b("Optus", ["optus.com.au"], category="telecom"),
    _b("Orange", ["orange.es", "orange.com", "orange.fr"], category="telecom"),
    _b("Meta", ["facebook.com", "fb.com", "meta.com", "instagram.com", "whatsapp.com",
                "whatsapp.net", "fbcdn.net", "messenger.com", "wa.me"],
       ["facebook", "instagram", "whatsapp"], "identity-provider"),
    _b("LinkedIn", ["linkedin.com", "licdn.com", "lnkd.in"]),
    _b("DocuSign", ["docusign.com", "docusign.net"]),
    _b("Dropbox", ["dropbox.com", "db.tt"]),
    _b("Adobe", ["adobe.com", "adobelogin.com", "adobe-identity.com"]),
    _b("Walmart", ["walmart.com"]),
    _b("Steam", ["steampowered.com", "steamcommunity.com"], ["steampowered"]),
    _b("TikTok", ["tiktok.com", "tiktokv.com", "tiktokcdn.com", "tiktokcdn-us.com"]),
    _b("Telegram", ["telegram.org", "t.me", "telegram.me"]),
    _b("eBay", ["ebay.com", "ebay.co.uk", "ebay.ca", "ebay.com.au", "ebay.es", "ebay.de",
                "ebaystatic.com", "ebayimg.com"]),
    _b("Costco", ["costco.com", "costco.ca", "costco.co.uk", "costcobusinessdelivery.com"]),
    _b("Home Depot", ["homedepot.com"]),
    _b("Best Buy", ["bestbuy.com"]),
    _b("Airbnb", ["airbnb.com"]),
    _b("Roblox", ["roblox.com", "rbxcdn.com"]),
    _b("Spotify", ["spotify.com", "spotify.link", "scdn.co", "spotifycdn.com"]),
    _b("Kraken", ["kraken.com"]),
    _b("MetaMask", ["metamask.io"]),
    _b("Ledger", ["ledger.com"]),
    _b("Trezor", ["trezor.io"]),
    _b("Robinhood", ["robinhood.com"]),
    _b("Shein", ["shein.com"]),
    _b("Temu", ["temu.com"]),
    _b("Klarna", ["klarna.com"]),
)


def default_policy() -> Policy:
    """The built-in policy: the default brands and keywords, default thresholds."""
    return Policy(brands=DEFAULT_BRANDS)

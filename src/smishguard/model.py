"""Frozen values that flow through the core: messages, URLs, signals, imitations, verdicts,
reports, campaigns and indicators.

Nothing here does I/O. Every record is a frozen, slotted dataclass: it compares, prints,
hashes and pickles, so it can cross process boundaries in batch workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Self


@dataclass(frozen=True, slots=True)
class Message:
    """One SMS as received: its text and, when known, who sent it."""

    text: str
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class Url:
    """A link found in an SMS, normalised.

    ``host`` is lower-case ASCII (IDNA/punycode) without a trailing dot; ``host_unicode`` is
    the same name as people read it. ``registrable_domain`` is the eTLD+1 from the bundled
    Public Suffix List ('' for IP literals and names without a public suffix).
    """

    raw: str  # exactly as it appeared in the text
    url: str  # re-fanged, with a scheme
    host: str
    host_unicode: str
    registrable_domain: str
    subdomain: str = ""
    port: int | None = None
    path: str = ""  # path + query + fragment, as written
    userinfo: str = ""  # the part before '@' in https://acme.com@evil.example
    has_scheme: bool = False
    is_defanged: bool = False  # written as hxxp://, [.] or (dot)
    is_ip: bool = False
    is_shortener: bool = False
    start: int = 0  # span in the (original) text
    end: int = 0


@dataclass(frozen=True, slots=True)
class Signal:
    """One reason for (or against) a verdict.

    ``detector`` is a stable, documented id such as ``url.lookalike``; ``weight`` in [0, 1]
    is how strongly this alone suggests phishing; ``reason`` is a sentence for people;
    ``evidence`` the exact URL, phrase or sender it rests on.
    """

    detector: str
    weight: float
    reason: str
    evidence: str = ""


class ImitationKind(StrEnum):
    """How a domain imitates a protected brand."""

    KEYWORD = "keyword"  # brand + identity-provider/pretext word: acme-okta.com, sso-acme.org
    TYPO = "typo"  # one or two edits away: acrne.com, amce.com, acme.co
    TYPO_KEYWORD = "typo+keyword"  # both: acrne-sso.com
    HOMOGLYPH = "homoglyph"  # look-alike characters: аcme.com (Cyrillic а), acrne, 4cme
    SUBDOMAIN = "subdomain"  # brand as a label of an unrelated domain: acme.com.verify-id.xyz
    ALIAS = "alias"  # an alias of the brand, exactly, on a domain not the brand's
    TLD_SWAP = "tld-swap"  # the brand's exact name on another suffix: acme.net.co


class CertifiedName(str):
    """A name as a certificate showed it: the name itself (a ``str``, so whatever reads names
    reads it) and ``certificate``, every name on that certificate (this one among them).

    A certificate authority checks that whoever asks for a certificate controls each name on
    it, so the names of one certificate have one holder: a name certified together with a
    brand's own domain is the brand's (:class:`~smishguard.watch.Watch`)."""

    certificate: tuple[str, ...]

    def __new__(cls, name: str, certificate: tuple[str, ...]) -> Self:
        self = super().__new__(cls, name)
        self.certificate = certificate
        return self

    def __reduce__(self) -> tuple[type[CertifiedName], tuple[object, ...]]:
        return CertifiedName, (str(self), self.certificate)


class CtName(CertifiedName):
    """A name as a certificate-transparency log showed it: a :class:`CertifiedName` and the
    entry that holds its certificate, ``log`` (the log's URL) and ``entry`` (the entry's
    number: the log's get-entries, or crt.sh, give the certificate)."""

    log: str
    entry: int

    def __new__(cls, name: str, log: str, entry: int,
                certificate: tuple[str, ...] = ()) -> Self:  # fmt: skip
        self = super().__new__(cls, name, certificate)
        self.log = log
        self.entry = entry
        return self

    def __reduce__(self) -> tuple[type[CtName], tuple[object, ...]]:
        return CtName, (str(self), self.log, self.entry, self.certificate)


@dataclass(frozen=True, slots=True)
class Imitation:
    """The answer of the look-alike index: which brand a name imitates, how, how surely."""

    domain: str  # the hostname that was judged (ASCII)
    brand: str  # the protected brand's display name
    kind: ImitationKind
    score: float  # 0..1, how confident
    matched: str  # the part of the name that imitates the brand ("acrne", "acme")
    keyword: str = ""  # the identity-provider / pretext word beside it, if any ("okta")
    reason: str = ""  # a sentence for people
    # The registered domain the index read (a shared host's tenant: "acme-sso.vercel.app").
    registered: str = ""


class Label(StrEnum):
    """The verdict's label, from the score and the policy's thresholds."""

    PHISHING = "phishing"
    SUSPICIOUS = "suspicious"
    CLEAN = "clean"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What smishguard says of one message."""

    label: Label
    score: float
    signals: tuple[Signal, ...] = ()
    urls: tuple[Url, ...] = ()
    failures: tuple[str, ...] = ()  # detectors that failed: "<detector>: <what happened>"


class Decision(StrEnum):
    """An analyst's decision on a report; kept for retraining."""

    PHISHING = "phishing"
    NOT_PHISHING = "not_phishing"


class Channel(StrEnum):
    """How a report reached smishguard."""

    SMS = "sms"  # forwarded to the tenant's reporting number (Twilio-style webhook)
    API = "api"  # submitted to the HTTP API


@dataclass(frozen=True, slots=True)
class Report:
    """A suspicious text an employee reported, with smishguard's verdict.

    ``reporter`` is pseudonymous: a keyed hash of the reporter's phone number or id, never
    the number itself; ``reporter_hint`` is at most its last two digits, for people.
    ``sender`` is who sent the suspicious text (the attacker's number or sender id).
    ``domains`` are the registrable domains of its links, in order of appearance.
    """

    id: str
    tenant_id: str
    text: str
    received_at: datetime
    verdict: Verdict
    sender: str | None = None
    reporter: str = ""
    reporter_hint: str = ""
    channel: Channel = Channel.API
    domains: tuple[str, ...] = ()
    decision: Decision | None = None


class CampaignStatus(StrEnum):
    """Where a campaign stands in the analysts' work."""

    NEW = "new"
    CONFIRMED = "confirmed"
    BLOCKED = "blocked"
    CLOSED = "closed"


class IndicatorKind(StrEnum):
    """What an indicator of compromise names."""

    DOMAIN = "domain"  # a registrable domain or hostname
    URL = "url"
    SENDER = "sender"  # a phone number, short code or sender id that sent the texts


@dataclass(frozen=True, slots=True)
class Indicator:
    """Something defenders can block or hunt for, with when it was seen."""

    kind: IndicatorKind
    value: str
    first_seen: datetime
    last_seen: datetime
    brand: str = ""  # the brand it imitates, when known
    campaign_id: str = ""


@dataclass(frozen=True, slots=True)
class Campaign:
    """Reports (and watch hits) connected into one attack.

    ``patterns`` are abstracted templates shared across tenants (``{brand}-okta.com``);
    ``tenant_count`` counts organizations that saw it, without naming them.
    """

    id: str
    title: str
    first_seen: datetime
    last_seen: datetime
    status: CampaignStatus = CampaignStatus.NEW
    report_ids: tuple[str, ...] = ()
    people_reached: int = 0
    domains: tuple[str, ...] = ()
    senders: tuple[str, ...] = ()
    samples: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    tenant_count: int = 1
    notes: tuple[str, ...] = ()

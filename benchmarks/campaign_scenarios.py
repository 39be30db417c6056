"""Labelled report streams for benchmarks/campaign_quality.py (see its docstring for how
each is built). Every label is set by the generator that made the item, never by the rules
the clusterer uses; everything is drawn from one ``random.Random(seed)``."""

from __future__ import annotations

import gzip
import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from smishguard.campaigns import Fingerprinter, WatchHit
from smishguard.model import Imitation, ImitationKind, Label, Report, Verdict
from smishguard.policy import Brand, Policy, default_policy

START = datetime(2022, 7, 1, tzinfo=UTC)
NAMES = ("John", "Maria", "Wei", "Ana", "Li", "Sam", "Fatima", "Jose", "Emma", "Raj", "Olga",
         "Kwame", "Priya", "Lucas", "Mei", "Omar", "Sofia", "Noah", "Aisha", "Diego")
PHISHING = Verdict(Label.PHISHING, 0.9)


@dataclass(frozen=True, slots=True)
class Item:
    """One report or watch hit and the campaign it truly belongs to."""

    truth: str  # the generator's label; a unique label for benign and one-off items
    report: Report | None = None
    hit: WatchHit | None = None

    @property
    def at(self) -> datetime:
        return self.report.received_at if self.report else self.hit.seen_at  # type: ignore[union-attr]

    @property
    def tenant_id(self) -> str:
        return self.report.tenant_id if self.report else self.hit.tenant_id  # type: ignore[union-attr]


@dataclass(slots=True)
class Scenario:
    name: str
    items: list[Item] = field(default_factory=list)
    policies: dict[str, Policy] = field(default_factory=dict)

    def fingerprinters(self) -> dict[str, Fingerprinter]:
        return {t: Fingerprinter(p) for t, p in self.policies.items()}


def vocabulary() -> list[str]:
    raw = resources.files("smishguard").joinpath("data/scowl_words.txt.gz").read_bytes()
    return [w for w in gzip.decompress(raw).decode().split() if w.isalpha() and 5 <= len(w) <= 9]


def tenant_brands(rng: random.Random, count: int) -> list[str]:
    """Made-up company names (so no real brand is in the simulated attack)."""
    words = vocabulary()
    names: dict[str, None] = {}
    while len(names) < count:
        word = rng.choice(words).lower()
        names.setdefault(word[:1].upper() + word[1:], None)
    return list(names)


def policies_for(brands: Sequence[str]) -> dict[str, Policy]:
    return {f"t{i:02d}": Policy(brands=(Brand(b, (f"{b.lower()}.com",)),))
            for i, b in enumerate(brands)}


_NUMBER = re.compile(r"\d")


def vary(text: str, rng: random.Random, edit_rate: float, words: Sequence[str]) -> str:
    """A kit's variation of a template: new digits everywhere (codes, amounts, numbers to
    call), and each word dropped, replaced by a word of the template or the word list, or
    swapped with the next one, with probability ``edit_rate`` in all."""
    text = _NUMBER.sub(lambda _: str(rng.randrange(10)), text)
    tokens = text.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if rng.random() < edit_rate and "://" not in token:
            kind = rng.randrange(3)
            if kind == 0:
                i += 1
                continue
            if kind == 1:
                out.append(rng.choice(tokens) if rng.random() < 0.5 else rng.choice(words))
                i += 1
                continue
            if i + 1 < len(tokens):
                out.extend((tokens[i + 1], token))
                i += 2
                continue
        out.append(token)
        i += 1
    return " ".join(out)


def random_domain(rng: random.Random, words: Sequence[str]) -> str:
    tld = rng.choice(("com", "net", "top", "xyz", "info", "live", "site", "online", "club"))
    return f"{rng.choice(words)}-{rng.choice(words)}.{tld}".lower()


def phone(rng: random.Random) -> str:
    return f"+1{rng.randrange(200, 999)}{rng.randrange(10**6, 10**7)}"


def spam_campaigns(
    rng: random.Random, templates: Sequence[str], tenants: Sequence[str], *,
    edit_rate: float, days: int, prefix: str, with_links: bool, words: Sequence[str],
) -> list[Item]:
    """Every template is one campaign of 2-30 reports (geometric sizes, mean ~7) at 1-5
    tenants over two days, its own site (when ``with_links``) and 1-3 sender numbers."""
    items: list[Item] = []
    for number, template in enumerate(templates):
        label = f"{prefix}{number}"
        size = min(30, 2 + int(rng.expovariate(1 / 5)))
        start = START + timedelta(seconds=rng.uniform(0, days * 86400))
        hit = rng.sample(list(tenants), k=rng.randint(1, 5))
        domain = random_domain(rng, words)
        senders = [phone(rng) for _ in range(rng.randint(1, 3))]
        for member in range(size):
            text = vary(template, rng, edit_rate, words)
            if with_links:
                text = f"{text} https://{domain}/{rng.choice(('', 'claim', 'verify', 'track'))}"
            at = start + timedelta(seconds=rng.uniform(0, 2 * 86400))
            items.append(Item(label, report=Report(
                id=f"{label}-{member}", tenant_id=rng.choice(hit), text=text, received_at=at,
                verdict=PHISHING, sender=rng.choice(senders), reporter=f"p{rng.randrange(10**6)}",
            )))
    return items


def benign_reports(rng: random.Random, texts: Sequence[str], verdicts: Sequence[Verdict],
                   tenants: Sequence[str], days: int, prefix: str) -> list[Item]:
    """Ordinary texts employees reported by mistake, each its own label; the scanner's real
    verdict decides whether the clusterer even looks at them."""
    items = []
    for number, (text, verdict) in enumerate(zip(texts, verdicts, strict=True)):
        at = START + timedelta(seconds=rng.uniform(0, days * 86400))
        items.append(Item(f"{prefix}{number}", report=Report(
            id=f"{prefix}{number}", tenant_id=rng.choice(list(tenants)), text=text,
            received_at=at, verdict=verdict, sender=phone(rng) if rng.random() < 0.7 else None,
            reporter=f"p{rng.randrange(10**6)}")))
    return items


# The 2022 kit: texts to employees naming their employer, look-alikes of its sign-in page.
OKTAPUS_TEXTS = (
    "{brand} IT: your password has expired. Log in at {url} to keep your access.",
    "Hi {name}, your {brand} schedule has changed. Review the new shifts at {url}",
    "{brand} HR: action required on your VPN account, sign in at {url} today.",
)
OKTAPUS_WORDS = ("okta", "sso", "help", "vpn", "hr")
OKTAPUS_ENDINGS = ("com", "net", "org", "us")
# A second, unrelated actor on ten of the same tenants, in the same weeks.
PAYROLL_TEXTS = (
    "Your {brand} benefits enrollment closes today, confirm your details at {url}",
    "Payroll notice from {brand}: update your direct deposit before Friday at {url}",
)


def targeted_attack(
    rng: random.Random, brands: Sequence[str], tenants: Sequence[str], *, label: str,
    texts: Sequence[str], words: Sequence[str], endings: Sequence[str], days: int,
    report_rate: float, watch_rate: float, senders: int, domain_shape: str,
    edit_rate: float = 0.0, spin_words: Sequence[str] = (),
) -> list[Item]:
    """One actor hitting each tenant in turn: two or three look-alikes registered per tenant
    (``domain_shape`` with the brand and a word), a burst of 20-100 texts within ten
    minutes from a shared pool of SIM-farm numbers, each employee reporting with
    ``report_rate``; the watch finds one of the tenant's look-alikes hours before the burst
    with ``watch_rate``. With ``edit_rate`` the kit spins its texts as :func:`vary` does."""
    pool = [phone(rng) for _ in range(senders)]
    items: list[Item] = []
    order = list(range(len(tenants)))
    rng.shuffle(order)
    for step, index in enumerate(order):
        brand, tenant = brands[index], tenants[index]
        label_name = brand.lower()
        domains = [domain_shape.format(brand=label_name, word=w) + f".{rng.choice(endings)}"
                   for w in rng.sample(list(words), k=rng.randint(2, 3))]
        burst = START + timedelta(days=days * step / len(order), seconds=rng.uniform(0, 3600))
        if rng.random() < watch_rate:
            domain = domains[0]
            items.append(Item(label, hit=WatchHit(
                id=f"{label}-watch-{tenant}", tenant_id=tenant,
                seen_at=burst - timedelta(hours=rng.uniform(2, 48)),
                imitation=Imitation(domain, brand, ImitationKind.KEYWORD, 0.9, label_name),
            )))
        variants = rng.sample(list(texts), k=min(len(texts), rng.randint(1, 2)))
        for person in range(rng.randint(20, 100)):
            if rng.random() >= report_rate:
                continue
            sent = burst + timedelta(seconds=rng.uniform(0, 600))
            text = rng.choice(variants).format(
                brand=brand, name=rng.choice(NAMES),
                url=f"https://{rng.choice(domains)}" + rng.choice(("", "/", "/login")))
            if edit_rate:
                text = vary(text, rng, edit_rate, spin_words)
            items.append(Item(label, report=Report(
                id=f"{label}-{tenant}-{person}", tenant_id=tenant, text=text,
                received_at=sent + timedelta(seconds=rng.expovariate(1 / 300)),
                verdict=PHISHING, sender=rng.choice(pool), reporter=f"{tenant}-p{person}",
            )))
    return items


def without_sender(item: Item) -> Item:
    return Item(item.truth, report=replace(item.report, sender=None)) if item.report else item


def one_off(rng: random.Random, number: int, text: str, words: Sequence[str]) -> Item:
    """A real smishing text sent once, with its own site."""
    at = START + timedelta(seconds=rng.uniform(0, 21 * 86400))
    return Item(f"oneoff{number}", report=Report(
        id=f"oneoff{number}", tenant_id=f"t{rng.randrange(50):02d}",
        text=f"{text} https://{random_domain(rng, words)}/", received_at=at, verdict=PHISHING,
        reporter=f"p{rng.randrange(10**6)}"))


def feed_scenario(feed: Path, labels: Path, rng: random.Random) -> Scenario:
    """The hand-labelled batches of the phishing feed as link-only reports at one tenant
    (the default policy), each arriving at a uniformly drawn moment of its 12-hour batch
    (the feed's own time granularity)."""
    wanted: dict[int, tuple[str, str]] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, digest, label = line.split("\t")
        wanted[int(number)] = (digest, label)
    scenario = Scenario("C: phishing feed, two hand-labelled batches, links only",
                        policies={"feed": default_policy()})
    with feed.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if number not in wanted:
                continue
            when, host, url = line.rstrip("\n").split("\t", 2)
            digest, label = wanted.pop(number)
            if hashlib.sha256(host.encode()).hexdigest()[:16] != digest:
                raise SystemExit(f"{feed}:{number}: not the labelled host (another feed file?)")
            at = datetime.fromisoformat(when.replace("Z", "+00:00"))
            at += timedelta(seconds=rng.uniform(0, 12 * 3600))
            scenario.items.append(Item(label, report=Report(
                id=f"feed-{number}", tenant_id="feed", text=url, received_at=at,
                verdict=PHISHING, reporter=f"p{number}")))
    if wanted:
        raise SystemExit(f"{feed}: {len(wanted)} labelled lines are missing")
    return scenario

"""The names every tool judges, read from the shared data and written to a scratch folder.

* the hand-labelled OpenPhish hosts: ``benchmarks/data/watch_feed_labels.tsv`` holds only
  line numbers of ``phishing_feed.txt``, the brand, and a hash of the host (the feed is
  non-commercial and must not be redistributed), so the hosts are read here and checked;
* benign_top.txt, split into its Tranco part (lines 1-100,000) and Umbrella part, and
  made-up free-host sites named with English words (:func:`free_host_tenants`), plus a
  seeded sample of each for the slowest peer;
* the speed stream (benign and feed hosts, shuffled) and the 10/100/1,000-brand lists,
  padded past the evaluation brands with Tranco's top names as in lookalike_speed.py.
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from watch.brands import EVAL_BRANDS, EvalBrand

LABELS = Path(__file__).resolve().parents[1] / "data" / "watch_feed_labels.tsv"
# A second sample, labelled by another reader after the engine work on the first: held out
# from 2026-11-28, developed on since the third (four readers, 2026-11-29) took its place; the
# third was held out for six sessions, developed on since the fourth (four other readers, drawn
# and labelled at the start of the fifteenth) took its place. The fourth's figure was read once
# per engine change for five sessions, never its misses; the fifth (four more readers, drawn
# and labelled in the nineteenth) and the sixth (four more, in the twentieth) are held out
# beside it.
SECOND_LABELS = LABELS.with_name("watch_feed_labels_2nd.tsv")
THIRD_LABELS = LABELS.with_name("watch_feed_labels_3rd.tsv")
FOURTH_LABELS = LABELS.with_name("watch_feed_labels_4th.tsv")
FIFTH_LABELS = LABELS.with_name("watch_feed_labels_5th.tsv")
HELDOUT_LABELS = LABELS.with_name("watch_feed_labels_6th.tsv")
# In the order they were drawn.
FEED_LABELS = (LABELS, SECOND_LABELS, THIRD_LABELS, FOURTH_LABELS, FIFTH_LABELS,
               HELDOUT_LABELS)
TRANCO_LINES = 100_000


def host_hash(host: str) -> str:
    return hashlib.sha256(host.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Labelled:
    line: int  # line number in phishing_feed.txt, 1-based, counting the header
    brand: str
    host: str


def feed_lines(root: Path) -> list[str]:
    return (root / "domains" / "phishing_feed.txt").read_text(encoding="utf-8").split("\n")


def labelled_hosts(lines: Sequence[str], labels: Path = LABELS) -> list[Labelled]:
    """The labelled hosts, each checked against the hash stored with its label."""
    out = []
    for row in labels.read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        number, brand, digest = row.split("\t")
        host = lines[int(number) - 1].split("\t")[1]
        if host_hash(host) != digest:
            raise ValueError(f"phishing_feed.txt line {number} is not the host that was "
                             "labelled: the feed file changed; relabel or use its old version")
        out.append(Labelled(int(number), brand, host))
    return out


def feed_hosts(lines: Sequence[str]) -> list[str]:
    return [line.split("\t")[1] for line in lines if line and not line.startswith("#")]


# Free hosts where phishing sites live and where people keep their own sites.
TENANT_HOSTS = ("weebly.com", "vercel.app", "netlify.app", "github.io", "godaddysites.com",
                "webflow.io", "pages.dev", "wixsite.com")


def free_host_tenants(words: Sequence[str], size: int, seed: int) -> list[str]:
    """``size`` made-up sites on free hosts, named as people name their own: one to three
    English words (3 to 8 letters) run together or hyphenated, a fifth with a number after
    them. Benign by construction (no brand chose these names) and independent of Tranco and
    Umbrella, which hold few free-host sites: a check of the rules read only on free hosts."""
    pool = sorted(w for w in words if w.isalpha() and 3 <= len(w) <= 8)
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < size:
        parts = [rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 3)))]
        tenant = rng.choice(("", "", "-")).join(parts)
        roll = rng.random()
        if roll < 0.2:
            tenant += str(rng.randrange(10, 9999))
        elif roll < 0.3:
            tenant += f"-{rng.randrange(100, 999999)}"
        names.add(f"{tenant}.{rng.choice(TENANT_HOSTS)}")
    return sorted(names)


_HEX = "0123456789abcdef"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def platform_named_sites(words: Sequence[str], size: int, seed: int) -> list[str]:
    """``size`` made-up sites named as free hosts name them when their owner does not: a
    random id beside the owner's words, in the shapes the platforms use (Netlify's
    ``melodious-manatee-c2a637``, a Vercel deployment's ``shop-3kd9xlq2z-acme``, Firebase's
    ``hometax-3dc2a``, a Cloudflare Pages preview's ``1a2b3c4d.shop.pages.dev``, an R2
    bucket's ``pub-<32 hex>``). Benign by construction; the random letters are where rules
    that read slips and consonants find names by chance."""
    pool = sorted(w for w in words if w.isalpha() and 3 <= len(w) <= 8)
    rng = random.Random(seed)

    def rand(alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def word() -> str:
        return rng.choice(pool)

    shapes = (
        lambda: f"{word()}-{word()}-{rand(_HEX, 6)}.netlify.app",
        lambda: f"{rand(_HEX, 24)}--{word()}-{word()}.netlify.app",
        lambda: f"{word()}-{rand(_BASE36, 9)}-{word()}s-projects.vercel.app",
        lambda: f"{word()}{rng.choice(('', '-'))}{word()}-{rand(_BASE36, 9)}-{word()}.vercel.app",
        lambda: f"{rand(_HEX, 8)}.{word()}-{word()}.pages.dev",
        lambda: f"{word()}-{word()}-{rand(_HEX, 5)}.{rng.choice(('web.app', 'firebaseapp.com'))}",
        lambda: f"{word()}-{word()}-{rand(_BASE36, 4)}.onrender.com",
        lambda: f"{word()}-app-{rand(_BASE36, 5)}.ondigitalocean.app",
        lambda: f"pub-{rand(_HEX, 32)}.r2.dev",
        lambda: f"main.d{rand(_BASE36, 13)}.amplifyapp.com",
        lambda: f"{word()}{rng.randrange(1, 9999)}.github.io",
        lambda: f"{word()}-{rand(_BASE36, 16)}.{rng.choice(('eastus', 'westeurope'))}-01"
                ".azurewebsites.net",
    )  # fmt: skip
    names: set[str] = set()
    while len(names) < size:
        names.add(rng.choice(shapes)())
    return sorted(names)


def benign_parts(root: Path) -> tuple[list[str], list[str]]:
    names = (root / "domains" / "benign_top.txt").read_text(encoding="utf-8").split()
    return names[:TRANCO_LINES], names[TRANCO_LINES:]


def speed_stream(benign: Sequence[str], phishing: Sequence[str], seed: int,
                 size: int = 20_000) -> list[str]:
    """``size`` benign names and a tenth as many phishing hosts, unique, shuffled."""
    rng = random.Random(seed)
    names = list(dict.fromkeys(rng.sample(list(benign), size)
                               + rng.sample(list(phishing), size // 10)))
    rng.shuffle(names)
    return names


def brand_sets(tranco: Sequence[str], counts: Sequence[int]) -> dict[int, list[EvalBrand]]:
    """The first ``n`` evaluation brands, padded with Tranco's top names to ``n``."""
    here = str(Path(__file__).resolve().parents[1])
    if here not in sys.path:
        sys.path.insert(0, here)
    from lookalike_speed import top_brands_policy  # the same padding as the index benchmark

    taken = {w for b in EVAL_BRANDS for w in b.words}
    taken |= {d.split(".")[0] for b in EVAL_BRANDS for d in b.domains}
    owned = {d for b in EVAL_BRANDS for d in b.domains}
    top, _ = top_brands_policy(tranco, max(counts) + len(EVAL_BRANDS))
    padding = [
        EvalBrand(b.name, b.name, tuple(d for d in b.domains if d not in owned))
        for b in top.brands
        if b.name not in taken and any(d not in owned for d in b.domains)
    ]
    sets = {}
    for n in counts:
        base = list(EVAL_BRANDS[:n])
        sets[n] = base + padding[: n - len(base)]
        if len(sets[n]) != n:
            raise ValueError(f"not enough Tranco names to pad to {n} brands")
    return sets


def sample(names: Sequence[str], size: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return sorted(rng.sample(list(names), min(size, len(names))))


def slug(part: str) -> str:
    """A file name's stem for a list's name (``Free hosts`` → ``free_hosts``)."""
    return part.lower().replace(" ", "_").replace("-", "_")


def write_list(path: Path, names: Sequence[str]) -> Path:
    path.write_text("\n".join(names) + "\n", encoding="utf-8")
    return path

"""How fast the dashboard's pages are with many reports stored.

    python benchmarks/dashboard_speed.py [--reports 100000] [--days 90] [--requests 20]
                                         [--backends sqlite,postgresql]

One tenant gets ``--reports`` reports spread over the last ``--days`` days (``--days 7`` puts
them all in the overview's week; ``--days 1`` all in its day), seeded straight into the store
in batches: the verdicts are real (the scanner's, on the labelled fixture messages, with the
fixture policy), each reused for many reports with its own id, time and reporter. 10 % are
decided (an audit entry each), 500 domains observed by the watch, and every report clustered
into campaigns (the service's fingerprints and index, stored in batches). Then the real app
is served by uvicorn on loopback and an analyst's signed-in session asks each page
``--requests`` times after two warm-up requests, one request at a time. Two figures per
page: the server's own time (the dashboard's ``Server-Timing`` header: from the request
reaching the dashboard to its answer starting) and the wall time of the whole HTTP exchange
seen by the client; medians, and the slowest of the requests.

PostgreSQL uses a fresh database on the server named by $SMISHGUARD_TEST_DATABASE_URL
(dropped afterwards), vacuumed and analysed after the load as autovacuum would. The machines
are shared: compare pages within a run.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # live_server: uvicorn on loopback

from backends import postgres_database  # noqa: E402
from live_server import serving  # noqa: E402

from smishguard.api import create_app  # noqa: E402
from smishguard.campaigns import CampaignIndex, Fingerprinter  # noqa: E402
from smishguard.model import Message, Report  # noqa: E402
from smishguard.policy import load_policy  # noqa: E402
from smishguard.records import DashboardUser, ObservedDomain, Passkey, Role  # noqa: E402
from smishguard.scanner import Scanner  # noqa: E402
from smishguard.service.invitations import create_invite, token_hash  # noqa: E402
from smishguard.service.sessions import Sessions  # noqa: E402
from smishguard.service.settings import Settings  # noqa: E402
from smishguard.service.tenancy import create_tenant  # noqa: E402
from smishguard.store import ReportQuery, Store  # noqa: E402
from smishguard.store.campaign_tables import campaign_items  # noqa: E402
from smishguard.store.rows import report_values  # noqa: E402
from smishguard.store.tables import audit_log, report_domains, reports  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"
SECRET = b"benchmark-secret"
BATCH = 5000


def fixture_messages() -> list[tuple[str, str | None]]:
    found = []
    for name in ("oktapus.csv", "everyday_smishing.csv", "legitimate.csv"):
        with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
            found += [(row["text"], row.get("sender") or None) for row in csv.DictReader(handle)]
    return found


def seed(store: Store, total: int, days: float, now: datetime) -> tuple[str, str]:
    """The tenant's reports, decisions, watch hits and one analyst; returns (tenant id, a
    session cookie value)."""
    policy_toml = (FIXTURES / "policy_fixture.toml").read_text(encoding="utf-8")
    tenant, _, _ = create_tenant(store, "Bench", lambda: now, policy_toml=policy_toml)
    scanner = Scanner(policy=load_policy(FIXTURES / "policy_fixture.toml"))
    pool = [(text, sender, scanner.scan(Message(text, sender)))
            for text, sender in fixture_messages()]
    rng = random.Random(7)
    span = days * 86400
    started = time.perf_counter()
    seeded: list[Report] = []
    moments = sorted(now - timedelta(seconds=rng.random() * span) for _ in range(total))
    with store.engine.begin() as connection:
        for first in range(0, total, BATCH):
            rows, domains, decided = [], [], []
            for received in moments[first:first + BATCH]:
                text, sender, verdict = rng.choice(pool)
                report = Report(
                    id=str(uuid.uuid4()), tenant_id=tenant.id, text=text, received_at=received,
                    verdict=verdict, sender=sender, reporter=uuid.uuid4().hex,
                    reporter_hint=f"{rng.randrange(100):02d}",
                    domains=tuple(dict.fromkeys(u.registrable_domain for u in verdict.urls
                                                if u.registrable_domain)))
                values = report_values(report) | {"recorded_at": received, "decided_at": None,
                                                  "decided_by": None}
                if rng.random() < 0.1:
                    values |= {"decision": "phishing" if verdict.label.value != "clean"
                               else "not_phishing", "decided_at": received,
                               "decided_by": "bench"}
                    decided.append({"tenant_id": tenant.id, "actor": "bench",
                                    "action": "report.decide", "subject": report.id,
                                    "at": received, "details": {"decision": values["decision"]}})
                rows.append(values)
                seeded.append(report)
            keys = connection.execute(insert(reports).returning(
                reports.c.seq, reports.c.domains, sort_by_parameter_order=True), rows).all()
            for seq, names in keys:
                domains += [{"report_seq": seq, "domain": d, "tenant_id": tenant.id}
                            for d in dict.fromkeys(names)]
            if domains:
                connection.execute(insert(report_domains), domains)
            if decided:
                connection.execute(insert(audit_log), decided)
    store.domains.observe(tenant.id, [
        ObservedDomain(domain=f"acme-{word}{i}.com", first_seen=now - timedelta(minutes=i),
                       last_seen=now - timedelta(minutes=i), brand="Acme" if i % 3 else "",
                       kind="keyword", score=0.8, reason="imitates Acme", source="bench")
        for i, word in enumerate(["okta", "sso", "login", "vpn", "help"] * 100)])
    print(f"seeded {total:,} reports over {days:g} days in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    cluster(store, tenant.id, Fingerprinter(load_policy(FIXTURES / "policy_fixture.toml")),
            seeded)
    _, token = create_invite(store, tenant.id, Role.ANALYST, "bench", lambda: now)
    user = DashboardUser(id=str(uuid.uuid4()), tenant_id=tenant.id, name="Bench Analyst",
                         role=Role.ANALYST, handle=uuid.uuid4().hex, created_at=now)
    store.users.enrol(token_hash(token), user, Passkey(
        id=uuid.uuid4().hex, user_id=user.id, public_key=b"-", created_at=now), now)
    return tenant.id, Sessions(store, SECRET, lambda: datetime.now(UTC)).open(user)


def cluster(store: Store, tenant_id: str, fingerprinter: Fingerprinter,
            seeded: list[Report]) -> None:
    """Cluster the reports into campaigns as the service would have as they arrived (the
    same fingerprints and index), stored in batches instead of one commit per report."""
    started = time.perf_counter()
    index = CampaignIndex()
    placed = []
    for report in seeded:  # in time order
        fp = fingerprinter.report(report)
        index.add(fp)
        placed.append(fp)
    with store.engine.begin() as connection:
        for first in range(0, len(placed), BATCH):
            connection.execute(insert(campaign_items), [
                {"item_id": fp.item_id, "tenant_id": tenant_id, "kind": fp.kind.value,
                 "campaign_id": index.campaign_of(fp.item_id), "seen_at": fp.seen_at,
                 "fingerprint": fp.to_json()}
                for fp in placed[first:first + BATCH]])
    sizes = sorted((len(index.members(c)) for c in index.campaigns()), reverse=True)
    print(f"clustered into {len(sizes):,} campaigns (largest {sizes[:3]}) in "
          f"{time.perf_counter() - started:.1f} s", flush=True)


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    admin = os.environ.get("SMISHGUARD_TEST_DATABASE_URL")
    if not admin:
        raise SystemExit("set SMISHGUARD_TEST_DATABASE_URL to measure PostgreSQL")
    with postgres_database(admin, "sg_bench") as url:
        yield url


Timing = tuple[str, float, float, float, float]  # page, server median/slowest, wall median/slowest


def measure(backend: str, total: int, days: float, requests: int) -> list[Timing]:
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as folder, database(backend, Path(folder)) as url:
        store = Store.open(url)
        try:
            tenant_id, session = seed(store, total, days, now)
            if backend == "postgresql":  # what autovacuum does after a bulk load
                with store.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as connection:
                    connection.execute(text("VACUUM ANALYZE"))
            report_id = store.reports.search(tenant_id, ReportQuery(limit=1)).reports[0].id
            by_size = sorted(store.campaigns.summaries(tenant_id, 10_000),
                             key=lambda row: row.own_items)
            largest, typical = by_size[-1].campaign_id, by_size[len(by_size) // 2].campaign_id
            settings = Settings(state_dir=Path(folder), database_url=url, secret_key=SECRET)
            app = create_app(settings, store)
            pages = [("overview, 24 h", "/dashboard/"), ("overview, 7 d", "/dashboard/?window=7d"),
                     ("triage", "/dashboard/triage"),
                     ("triage, phishing", "/dashboard/triage?label=phishing"),
                     ("report", f"/dashboard/reports/{report_id}"),
                     ("campaigns", "/dashboard/campaigns"),
                     (f"campaign, {by_size[-1].own_items:,} reports",
                      f"/dashboard/campaigns/{largest}"),
                     (f"campaign, {by_size[len(by_size) // 2].own_items:,} reports",
                      f"/dashboard/campaigns/{typical}"),
                     ("watch hits", "/dashboard/watch"), ("policy", "/dashboard/policy"),
                     ("audit log", "/dashboard/audit")]
            results = []
            with serving(app) as base, httpx.Client(
                    base_url=base.replace("127.0.0.1", "localhost"), timeout=60,
                    cookies={"smishguard_session": session}) as client:
                for name, path in pages:
                    server, wall = [], []
                    for attempt in range(requests + 2):
                        started = time.perf_counter()
                        answer = client.get(path)
                        elapsed = time.perf_counter() - started
                        if answer.status_code != 200:
                            raise SystemExit(f"{path}: HTTP {answer.status_code}")
                        if attempt >= 2:
                            wall.append(elapsed * 1000)
                            server.append(float(
                                answer.headers["server-timing"].split("dur=", 1)[1]))
                    results.append((name, statistics.median(server), max(server),
                                    statistics.median(wall), max(wall)))
                    print(f"  {backend:10} {name:18} server {results[-1][1]:6.1f} ms "
                          f"(slowest {results[-1][2]:6.1f})   HTTP {results[-1][3]:6.1f} ms "
                          f"(slowest {results[-1][4]:6.1f})", flush=True)
            return results
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--days", type=float, default=90.0)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    table: dict[str, dict[str, Timing]] = {}
    backends = args.backends.split(",")
    for backend in backends:
        for timing in measure(backend, args.reports, args.days, args.requests):
            table.setdefault(timing[0], {})[backend] = timing
    print(f"\n{args.reports:,} reports over {args.days:g} days; ms per page, median (slowest) "
          f"of {args.requests}: server time | whole HTTP exchange\n")
    print("| page | " + " | ".join(f"{b} server | {b} HTTP" for b in backends) + " |")
    print("|---|" + "--:|--:|" * len(backends))
    for name, by_backend in table.items():
        cells = [f"{t[1]:.0f} ({t[2]:.0f}) | {t[3]:.0f} ({t[4]:.0f})"
                 for t in (by_backend[b] for b in backends)]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

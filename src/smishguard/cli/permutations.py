"""``smishguard permutations``: the look-alikes an attacker could register, and which exist."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from smishguard.cli.common import counted, load_policy_option, policy_option, progress_bar
from smishguard.domains.permutations import permutations
from smishguard.errors import InvalidInput
from smishguard.sources.dns_lookup import (
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    Existence,
    NameRecords,
    look_up,
    parse_nameserver,
)
from smishguard.watch import normalize_name


@click.command("permutations")
@policy_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name per line.")
@click.option("--registered", is_flag=True,
              help="Look each name up in DNS and show only those that exist, with their NS, "
                   "A, AAAA and MX records.")
@click.option("--nameserver", "nameservers", multiple=True, metavar="IP[:PORT]",
              help="With --registered: the DNS resolver to ask (repeatable; default: the "
                   "system's, from /etc/resolv.conf).")
@click.option("--concurrency", type=click.IntRange(1, 1000), default=DEFAULT_CONCURRENCY,
              show_default=True, help="With --registered: DNS queries in flight at once.")
@click.option("--timeout", type=click.FloatRange(0.1, 60), default=DEFAULT_TIMEOUT,
              show_default=True,
              help="With --registered: seconds a query may take, retries included.")
@click.argument("domain")
def permutations_command(policy_path: Path | None, as_json: bool, registered: bool,
                         nameservers: tuple[str, ...], concurrency: int, timeout: float,
                         domain: str) -> None:
    """The look-alike names of DOMAIN an attacker could register, by category.

    With --registered, each name is looked up in DNS and only those that exist are shown: a
    name whose domain is delegated, or that resolves. Names no resolver answered are counted
    on stderr (and given in --json with "registered": null).
    """
    if not registered and (nameservers or concurrency != DEFAULT_CONCURRENCY
                           or timeout != DEFAULT_TIMEOUT):
        raise InvalidInput("--nameserver, --concurrency and --timeout apply with --registered")
    policy = load_policy_option(policy_path)
    by_category = permutations(domain, policy.keywords)  # InvalidInput for a non-domain
    pairs = [(category, name) for category, names in by_category.items() for name in names]
    if not registered:
        _print_names(domain, by_category, as_json)
        return
    servers = [parse_nameserver(text) for text in nameservers]
    _check_resolver(normalize_name(domain) or domain, servers, timeout)
    with progress_bar("looking up", len(pairs)) as advance:
        found = look_up([name for _, name in pairs], servers, concurrency, timeout,
                        None if advance is None else lambda _records: advance())
    rows = [(category, records) for (category, _), records in zip(pairs, found, strict=True)]
    shown = [(c, r) for c, r in rows if r.existence is not Existence.ABSENT]
    if as_json:
        for category, records in shown:
            click.echo(json.dumps(_records_json(category, records), ensure_ascii=False))
    else:
        _print_registered(domain, [(c, r) for c, r in shown
                                   if r.existence is Existence.REGISTERED])
    _summary(rows)


def _check_resolver(domain: str, servers: Sequence[tuple[str, int]], timeout: float) -> None:
    """The domain itself, first: a resolver that does not answer for it is not asked about
    thousands of names; one that says it does not exist is likely filtering."""
    own = look_up([domain], servers, 1, timeout)[0]
    if own.existence is Existence.UNANSWERED:
        raise InvalidInput(f"the DNS resolver gave no answer for {domain} itself ({own.error}): "
                           f"check the network, or give a resolver with --nameserver IP")
    if own.existence is Existence.ABSENT:
        click.echo(f"smishguard: warning: the DNS resolver says {domain} itself does not "
                   f"exist. If it does, the resolver filters (protective DNS hides new and "
                   f"malicious domains), and the names it calls absent may exist: give an "
                   f"unfiltered one with --nameserver IP", err=True)


def _print_names(domain: str, by_category: Mapping[str, Sequence[str]], as_json: bool) -> None:
    if as_json:
        for category, names in by_category.items():
            for name in names:
                click.echo(json.dumps({"category": category, "domain": name},
                                      ensure_ascii=False))
        return
    total = sum(len(names) for names in by_category.values())
    table = Table(title=f"look-alikes of {domain}", caption=f"{total:,} names")
    table.add_column("category", style="bold")
    table.add_column("domain")
    for number, (category, names) in enumerate((c, n) for c, n in by_category.items() if n):
        if number:
            table.add_section()
        for i, name in enumerate(names):
            table.add_row(f"{category} ({len(names)})" if i == 0 else "", name)
    Console().print(table)


def _records_json(category: str, records: NameRecords) -> dict[str, Any]:
    """{"category", "domain", "registered": true, "ns", "a", "aaaa", "mx"}; for a name no
    resolver answered, {"category", "domain", "registered": null, "error"}."""
    body: dict[str, Any] = {"category": category, "domain": records.name}
    if records.existence is Existence.UNANSWERED:
        return {**body, "registered": None, "error": records.error}
    return {**body, "registered": True, "ns": list(records.ns), "a": list(records.a),
            "aaaa": list(records.aaaa), "mx": list(records.mx)}


def _print_registered(domain: str, rows: list[tuple[str, NameRecords]]) -> None:
    table = Table(title=f"registered look-alikes of {domain}", caption=f"{len(rows):,} names")
    for column in ("category", "domain", "A / AAAA", "MX", "NS"):
        table.add_column(column, style="bold" if column == "domain" else None)
    for category, records in rows:
        table.add_row(category, records.name, "\n".join((*records.a, *records.aaaa)),
                      "\n".join(records.mx), "\n".join(records.ns))
    Console().print(table)


def _summary(rows: list[tuple[str, NameRecords]]) -> None:
    count = {kind: sum(r.existence is kind for _, r in rows) for kind in Existence}
    line = (f"smishguard: permutations: {counted(len(rows), 'name')} looked up, "
            f"{count[Existence.REGISTERED]:,} registered, {count[Existence.ABSENT]:,} absent")
    if count[Existence.UNANSWERED]:
        line += (f", {count[Existence.UNANSWERED]:,} unanswered (try a longer --timeout, "
                 f"less --concurrency or another --nameserver)")
    click.echo(line, err=True)

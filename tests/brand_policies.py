"""Policies built from data for measurements: shared by the tests and the benchmarks
(benchmarks put tests/ on sys.path)."""

from __future__ import annotations

from collections.abc import Sequence

from smishguard.domains.registrable import split_host
from smishguard.policy import Brand, Policy


def top_brands_policy(tranco: Sequence[str], count: int) -> tuple[Policy, int]:
    """``count`` brands named after Tranco's top names; each owns its top-ranked domains.

    Returns the policy and the number of Tranco lines it took (those are all owned).
    """
    domains: dict[str, list[str]] = {}
    used = 0
    for used, host in enumerate(tranco, 1):  # noqa: B007 - used after the loop
        parts = split_host(host)
        if not parts.registrable_domain or len(parts.name) < 3 or parts.name == "www":
            continue
        if parts.name not in domains and len(domains) == count:
            break
        domains.setdefault(parts.name, []).append(parts.registrable_domain)
    brands = tuple(Brand(name=name, domains=tuple(owned)) for name, owned in domains.items())
    return Policy(brands=brands), used

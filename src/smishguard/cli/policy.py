"""``smishguard policy check``: how the engine reads a policy, and what looks wrong in it."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from smishguard.cli.common import counted, load_policy_option, policy_option
from smishguard.domains.policy_review import STRENGTHS, Level, PolicyReview, review_policy
from smishguard.domains.suffixes import suffix_table
from smishguard.domains.words import english_words


@click.group("policy")
def policy_group() -> None:
    """The policy: who is protected, as the look-alike engine reads it."""


@policy_group.command("check")
@policy_option
@click.option("--names", "show_names", is_flag=True,
              help="Also list every brand's names, how freely each is read, and the names "
                   "left out.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print the notes (how brands with weak names only are read).")
@click.option("--json", "as_json", is_flag=True,
              help="The whole review as one JSON document (findings and every brand's names).")
@click.pass_context
def policy_check(ctx: click.Context, policy_path: Path | None, show_names: bool, verbose: bool,
                 as_json: bool) -> None:
    """Check the policy: each brand's names as the engine reads them, and the mistakes that
    leave a brand unprotected.

    Errors: an own domain or reviewed namesake that is a shared host (github.io,
    sharepoint.com), under which every look-alike would pass. Warnings: a brand with no
    name to be found by, a name another brand listed first, an own domain that is a public
    suffix or has shared hosts under it. Notes (-v): brands with weak names only. Exits 1
    when there is an error.
    """
    policy = load_policy_option(policy_path, warn=False)  # its errors are the findings
    review = review_policy(policy, english_words(), suffix_table())
    if as_json:
        click.echo(json.dumps(_document(review), ensure_ascii=False))
    else:
        if show_names:
            _print_names(review)
        for finding in review.findings:
            if verbose or finding.level is not Level.NOTE:
                click.echo(f"{finding.level.value}: {finding.message}")
        click.echo(_summary(review, verbose), err=True)
    if review.count(Level.ERROR):
        ctx.exit(1)


def _print_names(review: PolicyReview) -> None:
    for brand in review.brands:
        click.echo(f"{brand.brand} ({', '.join(brand.domains) or 'no domains'})")
        for name in brand.names:
            click.echo(f"  {name.name:<20} {name.strength:<14} {name.reading}")
        for spelled in brand.spelled_out:
            click.echo(f"  {spelled:<20} {'written out':<14} only whole, with its ending, in "
                       f"someone else's host ({spelled}.example.top)")
        for left in brand.left_out:
            click.echo(f"  {left.name:<20} {'left out':<14} {left.why}")


# How each of STRENGTHS reads after a count, one and several: "20 of 4 letters", "14 everyday
# words".
_COUNTED = dict(zip(STRENGTHS, (
    ("distinctive", "distinctive"), ("of 4 letters", "of 4 letters"),
    ("everyday word", "everyday words"), ("of 3 letters", "of 3 letters"),
    ("of 2 letters", "of 2 letters")), strict=True))


def _summary(review: PolicyReview, verbose: bool) -> str:
    names = review.names_by_strength()
    read = ", ".join(counted(count, *_COUNTED[label]) for label, count in names.items() if count)
    notes = review.count(Level.NOTE)
    hidden = "" if verbose or not notes else " (-v shows them)"
    return (f"policy: {counted(len(review.brands), 'brand')}, "
            f"{counted(sum(names.values()), 'name')} read ({read or 'none'}), "
            f"{counted(review.keywords, 'keyword')}: "
            f"{counted(review.count(Level.ERROR), 'error')}, "
            f"{counted(review.count(Level.WARNING), 'warning')}, "
            f"{counted(notes, 'note')}{hidden}")


def _document(review: PolicyReview) -> dict[str, Any]:
    return {
        "brands": [asdict(brand) for brand in review.brands],
        "keywords": review.keywords,
        "names_by_strength": review.names_by_strength(),
        "errors": review.count(Level.ERROR),
        "warnings": review.count(Level.WARNING),
        "notes": review.count(Level.NOTE),
        "findings": [
            {"level": f.level.value, "code": f.code.value, "brand": f.brand,
             "message": f.message}
            for f in review.findings
        ],
    }

"""``smishguard train``: rebuild the shipped text model from the development data."""

from __future__ import annotations

import os
from pathlib import Path

import click

# The seed of the shipped model; training itself (scikit-learn, slow to import) is imported
# only when this command runs, so every other command starts fast.
SHIPPED_SEED = 13


def default_data_dir() -> Path:
    """SMISHGUARD_DATA_DIR, else ../shared/data beside the working directory."""
    return Path(os.environ.get("SMISHGUARD_DATA_DIR", "../shared/data"))


@click.command("train")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Data folder with sms/*.csv (default: $SMISHGUARD_DATA_DIR "
              "or ../shared/data).")
@click.option("--out", "out_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Where to write the model (default: the package's own).")
@click.option("--seed", default=SHIPPED_SEED, show_default=True, help="Random seed.")
def train_command(data_dir: Path | None, out_path: Path | None, seed: int) -> None:
    """Rebuild the text model from the labelled SMS data (seeded: same result twice)."""
    from smishguard.textmodel.training import train_and_write

    report = train_and_write(data_dir or default_data_dir(), out_path, seed=seed,
                             progress=lambda line: click.echo(line, err=True))
    click.echo(report)

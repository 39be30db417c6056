"""The ``smishguard`` command: thin click commands over the library, one line per error."""

from __future__ import annotations

import sys

import click

from smishguard import __version__
from smishguard.cli.admin import admin_group
from smishguard.cli.alerts import alert_group, alerts_group
from smishguard.cli.campaigns import campaigns_group, export_command
from smishguard.cli.permutations import permutations_command
from smishguard.cli.policy import policy_group
from smishguard.cli.scan import eval_command, scan_command
from smishguard.cli.serve import serve_command
from smishguard.cli.service import db_group, key_group, tenant_group
from smishguard.cli.train import train_command
from smishguard.cli.watch import watch_command
from smishguard.errors import SmishguardError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="smishguard")
def cli() -> None:
    """smishguard: find SMS phishing (smishing) and the look-alike domains behind it."""


cli.add_command(scan_command)
cli.add_command(eval_command)
cli.add_command(train_command)
cli.add_command(watch_command)
cli.add_command(permutations_command)
cli.add_command(policy_group)
cli.add_command(serve_command)
cli.add_command(db_group)
cli.add_command(tenant_group)
cli.add_command(key_group)
cli.add_command(admin_group)
cli.add_command(alert_group)
cli.add_command(alerts_group)
cli.add_command(campaigns_group)
cli.add_command(export_command)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a SmishguardError becomes one line on stderr and its exit code."""
    try:
        # Not standalone: a command's ctx.exit(code) comes back here as the code.
        code = cli.main(args=argv, prog_name="smishguard", standalone_mode=False)
    except SmishguardError as exc:
        click.echo(f"smishguard: error: {' '.join(str(exc).split())}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("smishguard: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours. Silence the final flush.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        click.echo("smishguard: interrupted", err=True)
        return 130
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

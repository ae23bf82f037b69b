"""The ``emendo`` command: a thin layer over the library.

Each subcommand lives in its own module and only parses options, calls the
library and writes the result.  Any :class:`~emendo.errors.EmendoError` becomes
one line on standard error and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.util import find_spec
from typing import ClassVar

import click

from emendo.errors import EmendoError


class _Group(click.Group):
    """Loads subcommands on demand so ``emendo repair`` starts fast."""

    _commands: ClassVar[dict[str, str]] = {
        "repair": "emendo.cli.repair:repair",
        "eval": "emendo.cli.evaluate:evaluate",
        "cite": "emendo.cli.cite:cite",
        "batch": "emendo.cli.batch:batch",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, target in self._commands.items() if find_spec(target.split(":")[0]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self._commands.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = __import__(module_name, fromlist=[attribute])
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=_Group)
@click.version_option(package_name="emendo")
def cli() -> None:
    """Repair text extracted from PDF books into a clean, cited edition."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        status = cli.main(
            args=list(argv) if argv is not None else None, prog_name="emendo", standalone_mode=False
        )
    except EmendoError as err:
        click.echo(f"emendo: {err}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("emendo: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(status if isinstance(status, int) else 0)

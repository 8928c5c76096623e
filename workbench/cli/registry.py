"""Every command of the ``workbench`` command, collected from the modules of this
package: a module defines its commands on ``base.commands`` when it is imported, so a
new one needs no list to be added to."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import click

from workbench.cli.base import commands

_NOT_COMMANDS = {"base", "registry"}


def all_commands() -> dict[str, click.Command]:
    """Import every command module once; their commands by name."""
    for module in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if module.name not in _NOT_COMMANDS:
            importlib.import_module(f"workbench.cli.{module.name}")
    return commands.commands


def register_cli(app) -> None:
    """Put the workbench commands on ``app.cli``, where tests' CLI runner finds them."""
    for command in all_commands().values():
        app.cli.add_command(command)

"""The ``workbench`` command: thin wrappers that parse arguments and call one service.

Command modules import what they share from ``base``; ``registry`` collects their
commands (for ``create_app`` and for ``main``), so no module here imports this one."""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``workbench`` console script."""
    import click
    from flask.cli import ScriptInfo

    from workbench import create_app
    from workbench.cli.registry import all_commands

    group = click.Group(
        "workbench",
        commands=all_commands(),
        help="Fact-checking workbench: articles become claims, claims meet their sources.",
        callback=click.pass_context(
            lambda ctx: setattr(
                ctx, "obj", ScriptInfo(create_app=lambda *_: create_app(), set_debug_flag=False)
            )
        ),
    )
    group()

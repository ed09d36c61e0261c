"""What every command shares: exit codes, the SOURCE argument, the content-selection switches,
settings, and turning a :class:`~notes_site.base.errors.NotesSiteError` into a message and an
exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from notes_site.base.errors import Diagnostic, NotesSiteError
from notes_site.commands.settings import Settings, load_settings
from notes_site.hugo.page import LoadOptions

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2

SOURCE = click.argument(
    "source",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


T = TypeVar("T")


def run(call: Callable[[], T]) -> T:
    """Run a stage; a NotesSiteError becomes its message and exit code, never a traceback."""
    try:
        return call()
    except NotesSiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)


def site_settings(source: Path) -> Settings:
    return run(lambda: load_settings(source))


def load_options(
    settings: Settings, drafts: bool | None, future: bool | None, expired: bool | None
) -> LoadOptions:
    """Flags first, then ``[build]``."""
    build = settings.build
    return LoadOptions(
        drafts=build.drafts if drafts is None else drafts,
        future=build.future if future is None else future,
        expired=build.expired if expired is None else expired,
    )


def selection_options(function: click.decorators.FC) -> click.decorators.FC:
    """The --drafts/--future/--expired switches every command that loads content takes."""
    function = click.option(
        "--expired/--no-expired", default=None, help="Include pages whose expiryDate has passed."
    )(function)
    function = click.option(
        "--future/--no-future", default=None, help="Include pages whose publishDate is in the future."
    )(function)
    return click.option("-D", "--drafts/--no-drafts", default=None, help="Include drafts.")(function)


def print_diagnostics(diagnostics: tuple[Diagnostic, ...], *, levels: frozenset[str]) -> None:
    for diagnostic in diagnostics:
        if diagnostic.level in levels:
            click.echo(str(diagnostic), err=True)

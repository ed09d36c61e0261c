"""What every command shares: exit codes, the SOURCE argument, the content-selection switches,
settings, and turning a :class:`~notes_site.base.errors.NotesSiteError` into a message and an
exit code."""

from __future__ import annotations

import errno
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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


class GuardedGroup(click.Group):
    """The command group: whatever goes wrong in a command ends in a message, never a traceback.

    A :class:`NotesSiteError` is its message and exit code; an OSError (a folder that does not
    exist for ``-o``, a full disk) is one line and exit 1; anything else is a bug, reported as
    an internal error in one line (exit 1) unless ``NOTES_SITE_TRACEBACK=1`` asks for the
    traceback.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except NotesSiteError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)
        except OSError as error:
            click.echo(f"error: {describe_os_error(error)}", err=True)
            sys.exit(EXIT_CONTENT)
        except Exception as error:
            if os.environ.get("NOTES_SITE_TRACEBACK") == "1":
                raise
            click.echo(
                f"error: internal error ({type(error).__name__}: {str(error)[:200]}); this is a bug in "
                "notes-site: run again with NOTES_SITE_TRACEBACK=1 to see where, and please report it",
                err=True,
            )
            sys.exit(EXIT_CONTENT)


_DISK_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "that file system is read-only: write somewhere else (-o) or remount it",
}


def describe_os_error(error: OSError) -> str:
    """One line for an OSError: what went wrong, where, and for a full or read-only disk what
    to do. A failed copy names its destination (``filename2``), the file that could not be
    written, rather than the source it read."""
    disk = error.errno in _DISK_HINTS
    path = (error.filename2 or error.filename) if disk else error.filename
    where = f": {path}" if path else ""
    hint = f" ({_DISK_HINTS[error.errno]})" if disk and error.errno is not None else ""
    return f"{error.strerror or error}{where}{hint}"


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


REPEATS_SHOWN = 20
"""How many diagnostics of one code in one file are printed before the rest are counted."""


def diagnostic_lines(diagnostics: Iterable[Diagnostic], levels: frozenset[str]) -> Iterator[str]:
    """The diagnostics of *levels* as lines; past :data:`REPEATS_SHOWN` of one code in one file
    (a hostile file can make 10,000), the rest are one line that counts them."""
    shown: Counter[tuple[str, str]] = Counter()
    hidden: Counter[tuple[str, str, str]] = Counter()
    for diagnostic in diagnostics:
        if diagnostic.level not in levels:
            continue
        key = (diagnostic.source, diagnostic.code)
        shown[key] += 1
        if shown[key] <= REPEATS_SHOWN or not diagnostic.code:
            yield str(diagnostic)
        else:
            hidden[(diagnostic.source, diagnostic.level, diagnostic.code)] += 1
    for (source, level, code), count in hidden.items():
        yield f"{source}: {level}: {count:,} more {code} {level}s like the ones above"


def print_diagnostics(diagnostics: Iterable[Diagnostic], *, levels: frozenset[str]) -> None:
    for line in diagnostic_lines(diagnostics, levels):
        click.echo(line, err=True)

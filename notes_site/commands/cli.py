"""The ``notes-site`` command line: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 success, 1 content errors (or warnings under ``--strict``, or a file that
cannot be written, or an internal error, each one line), 2 usage errors (click's own, a
missing folder, a busy ``--port``, a bad ``notes-site.toml`` setting). No command ends in a
traceback (:class:`~notes_site.commands.cli_options.GuardedGroup`).
Settings come from ``notes-site.toml`` (``[build]``, ``[serve]``), then the environment
(``NOTES_SITE_BASE_URL``), then the flags.
"""

from __future__ import annotations

import gc
import importlib

import click

from notes_site import __version__
from notes_site.commands.cli_options import GuardedGroup

COMMANDS = {
    "build": "notes_site.commands.cli_build:build",
    "serve": "notes_site.commands.cli_serve:serve",
    "check": "notes_site.commands.cli_check:check",
    "export": "notes_site.commands.cli_check:export",
    "new": "notes_site.commands.cli_new:new",
    "papers": "notes_site.commands.cli_papers:papers",
}
"""Each command and where it lives (``module:attribute``), imported when it is run."""


class LazyGroup(GuardedGroup):
    """The guarded group (no traceback ever reaches the user) that imports a command's module only
    when that command runs (or lists its help), so ``notes-site build`` does not pay for the
    preview server's or the exporters' imports (the pattern click's documentation gives)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, _, attribute = where.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="notes-site")
def main() -> None:
    """Turn Hugo digests of research papers into a bilingual site.

    \b
    SOURCE is a site folder (with notes-site.toml, hugo.toml or config.toml and a
    content/ folder) or a bare Hugo content/ folder; it defaults to the current folder.

    \b
    Daily use:
      notes-site new site ~/notes && cd ~/notes
      notes-site serve                   # preview at http://127.0.0.1:1313/, reloads on save
      notes-site new entry posts/digest.md -t 训练范式 --arxiv 2506.10910 "Magistral"
      notes-site check && notes-site build --strict

    Exit codes: 0 ok, 1 content errors (or warnings with --strict), 2 usage errors.
    """


def run() -> None:
    """The ``notes-site`` program: :func:`main`, in a process that ends when it returns.

    Everything the command made is still in memory then, and the interpreter's last garbage
    collection would walk all of it (1.6 s after a build of 1,000 digests, a sixth of a
    one-file rebuild); frozen, it is skipped, and the exit handlers still run.
    """
    try:
        main(prog_name="notes-site")
    finally:
        gc.freeze()


if __name__ == "__main__":
    run()

"""The ``notes-site`` command line: parse arguments, call one function, map errors to exit codes.

Exit codes: 0 success, 1 content errors (or warnings under ``--strict``, or a file that
cannot be written, or an internal error, each one line), 2 usage errors (click's own, a
missing folder, a busy ``--port``, a bad ``notes-site.toml`` setting). No command ends in a
traceback (:class:`~notes_site.commands.cli_options.GuardedGroup`).
Settings come from ``notes-site.toml`` (``[build]``, ``[serve]``), then the environment
(``NOTES_SITE_BASE_URL``), then the flags.
"""

from __future__ import annotations

import click

from notes_site import __version__
from notes_site.commands.cli_build import build
from notes_site.commands.cli_check import check, export
from notes_site.commands.cli_new import new
from notes_site.commands.cli_options import GuardedGroup
from notes_site.commands.cli_serve import serve


@click.group(
    cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
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


for command in (build, serve, check, export, new):
    main.add_command(command)


if __name__ == "__main__":
    main()

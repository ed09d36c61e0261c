"""``python -m notes_site`` runs the command line, as ``notes-site`` does."""

from notes_site.commands.cli import run

run()

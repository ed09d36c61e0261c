"""What a person runs: the ``notes-site`` command line, the preview server, ``new`` (scaffolding),
``check --links`` and the ``[build]``/``[serve]`` settings.

Each command parses its arguments, calls one function of ``notes_site.build`` (or below)
and maps the result to an exit code.

May import: every other package.
"""

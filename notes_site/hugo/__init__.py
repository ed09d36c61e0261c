"""Hugo's content rules: config files, front matter, which files are pages, their URLs, dates,
languages, bundles, cascades, summaries. Checked against the real Hugo by ``tests/parity``.

The result is a list of frozen :class:`~notes_site.hugo.page.Page` records; nothing here
knows about digests, papers or HTML.

May import: ``notes_site.base``.
"""

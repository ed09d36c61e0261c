"""The model in formats other than HTML pages, and files on disk: JSON, CSV and BibTeX export,
the search index (Pagefind) and its per-paper fields, and the atomic write of a built site.

The site's pages embed BibTeX and search fields from here, so this layer sits below ``site``.

May import: ``notes_site.digest``, ``notes_site.markup``, ``notes_site.hugo``, ``notes_site.base``.
"""

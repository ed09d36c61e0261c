"""Markdown as Hugo's Goldmark renders it: the configured markdown-it parser, heading ids and
attributes, code highlighting, math, CJK-aware linkify and Hugo shortcodes.

One parser configuration serves the digest reader and the renderer, so the heading ids the
reader records are the ids the page carries.

May import: ``notes_site.hugo``, ``notes_site.base``.
"""

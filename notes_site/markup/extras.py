"""Hugo's ``markup.goldmark.extensions.extras`` (all off by default): ``~sub~`` and ``^sup^`` with
mdit-py-plugins' subscript and superscript plugins. With ``subscript`` on, a single ``~`` is a
subscript, as in Hugo, and only ``~~`` strikes through. ``insert`` (``++``) and ``mark``
(``==``) are not supported yet: their text is kept as written."""

from __future__ import annotations

from collections.abc import Set

from markdown_it import MarkdownIt
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin


def extras_plugin(md: MarkdownIt, enabled: Set[str]) -> None:
    """Enable the extras named in *enabled*."""
    if "subscript" in enabled:
        md.options["strikethrough_single_tilde"] = False
        md.use(sub_plugin)
    if "superscript" in enabled:
        md.use(superscript_plugin)

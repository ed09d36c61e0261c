"""The one configured markdown-it instance.

The digest parser and the renderer use the same parser configuration, so the heading ids
the parser records are the ids the rendered page carries.

Rendering follows Hugo's defaults where a reader would notice: fenced code is highlighted
by Pygments (classes, not inline styles: ``highlight.py``), ``$…$``/``$$…$$`` become MathML
at build time (no script or CDN on the page), raw HTML is replaced with
``<!-- raw HTML omitted -->`` unless allowed, images load lazily, and Hugo shortcodes are
rendered with Jinja templates (``shortcodes.py``).
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from notes_site.markup.headings import _heading_attributes
from notes_site.markup.linkify import _linkify
from notes_site.markup.math import _math_block, _math_block_label, _math_inline, _math_inline_double
from notes_site.markup.renderer import _Renderer
from notes_site.markup.rules import (
    _fence,
    _html_block_omitted,
    _html_inline_omitted,
    _image,
    _link_open,
    _mark_raw_html,
    _shortcode,
    _shortcode_escape,
    _shortcode_stray,
)
from notes_site.markup.shortcodes.parse import shortcodes_plugin


def create_markdown(
    *, allow_html: bool = False, linkify: bool = False, shortcodes: bool = True
) -> MarkdownIt:
    """A CommonMark parser with the GitHub extensions Hugo's Goldmark enables by default.

    ``allow_html`` mirrors Hugo's ``markup.goldmark.renderer.unsafe`` (off by default): raw
    HTML is always recognised, and rendered as ``<!-- raw HTML omitted -->`` unless allowed,
    as Hugo does. ``linkify`` turns bare URLs into links, including those glued to Chinese
    text or after a full-width colon, and ends them at CJK punctuation (linkify-it-py would
    swallow ``）和``). Heading ids come from mdit-py-plugins' anchors plugin, which matches
    Hugo's ids on Chinese headings (``训练范式``, a repeat gets ``训练范式-1``).
    ``shortcodes`` parses Hugo shortcodes; what renders them comes from ``env`` (see
    :func:`notes_site.shortcodes.render_env`), else the built-in templates are used.

    Math: ``$…$`` needs no space inside its dollars and no digit outside them, so prices
    (``$5 and $10``) stay text; ``25\\%`` is CommonMark's escaped ``%``.
    """
    md = MarkdownIt("commonmark", {"html": True, "typographer": False}, renderer_cls=_Renderer)
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(dollarmath_plugin, double_inline=True, allow_space=False, allow_digits=False)
    md.use(anchors_plugin, min_level=1, max_level=6)
    md.core.ruler.before("anchor", "heading_attributes", _heading_attributes)
    if shortcodes:
        md.use(shortcodes_plugin)
    if linkify:
        md.core.ruler.after("inline", "cjk_linkify", _linkify)
    if not allow_html:
        # Right after "inline", before plugins (task lists) add HTML tokens of their own.
        md.core.ruler.after("inline", "raw_html_mark", _mark_raw_html)
        md.add_render_rule("html_block", _html_block_omitted)
        md.add_render_rule("html_inline", _html_inline_omitted)
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
    return md


_RULES: dict[str, Any] = {
    "fence": _fence,
    "image": _image,
    "link_open": _link_open,
    "shortcode": _shortcode,
    "shortcode_escape": _shortcode_escape,
    "shortcode_stray": _shortcode_stray,
    "math_inline": _math_inline,
    "math_inline_double": _math_inline_double,
    "math_block": _math_block,
    "math_block_label": _math_block_label,
}

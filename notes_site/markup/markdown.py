"""The one configured markdown-it instance.

The digest parser and the renderer use the same parser configuration, so the heading ids
the parser records are the ids the rendered page carries.

Rendering follows Hugo's defaults where a reader would notice: fenced code is highlighted
by Pygments (classes, not inline styles: ``highlight.py``), ``$…$``/``$$…$$`` become MathML
at build time (``math.py``), raw HTML is replaced with ``<!-- raw HTML omitted -->`` unless
allowed, images load lazily (``rules.py``), and Hugo shortcodes are rendered with Jinja
templates (``shortcodes/``).
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from notes_site.base.urlsafety import is_dangerous_url
from notes_site.markup.bounds import bounds_plugin
from notes_site.markup.headings import heading_attributes
from notes_site.markup.linkify import cjk_linkify
from notes_site.markup.math import (
    render_math_block,
    render_math_block_label,
    render_math_inline,
    render_math_inline_double,
)
from notes_site.markup.renderer import MarkupRenderer
from notes_site.markup.rules import (
    mark_raw_html,
    render_fence,
    render_html_block,
    render_html_inline,
    render_image,
    render_link_open,
    render_shortcode,
    render_shortcode_escape,
    render_shortcode_stray,
)
from notes_site.markup.shortcodes.parse import shortcodes_plugin


class _Markdown(MarkdownIt):
    """markdown-it with Goldmark's link check, read strictly (see ``base/urlsafety.py``)."""

    def validateLink(self, url: str) -> bool:
        """``javascript:``, ``vbscript:``, ``file:`` and non-image ``data:`` URLs are not links,
        also when written with entities, percent escapes or white space inside."""
        return not is_dangerous_url(url)


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
    md = _Markdown("commonmark", {"html": True, "typographer": False}, renderer_cls=MarkupRenderer)
    md.enable(["table", "strikethrough"])
    md.use(bounds_plugin)
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(dollarmath_plugin, double_inline=True, allow_space=False, allow_digits=False)
    md.use(anchors_plugin, min_level=1, max_level=6)
    md.core.ruler.before("anchor", "heading_attributes", heading_attributes)
    if shortcodes:
        md.use(shortcodes_plugin)
    if linkify:
        md.core.ruler.after("inline", "cjk_linkify", cjk_linkify)
    if not allow_html:
        # Right after "inline", before plugins (task lists) add HTML tokens of their own.
        md.core.ruler.after("inline", "raw_html_mark", mark_raw_html)
        md.add_render_rule("html_block", render_html_block)
        md.add_render_rule("html_inline", render_html_inline)
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
    return md


_RULES: dict[str, Any] = {
    "fence": render_fence,
    "image": render_image,
    "link_open": render_link_open,
    "shortcode": render_shortcode,
    "shortcode_escape": render_shortcode_escape,
    "shortcode_stray": render_shortcode_stray,
    "math_inline": render_math_inline,
    "math_inline_double": render_math_inline_double,
    "math_block": render_math_block,
    "math_block_label": render_math_block_label,
}

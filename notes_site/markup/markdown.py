"""The configured markdown-it instance: CommonMark plus what Hugo's Goldmark does by default.

The digest parser and the renderer use the same configuration, so the heading ids the
parser records are the ids the page carries; the parser's instance (``linkify=False``) links
nothing and its text tokens keep the source as written (the typographer and emoji act only
when text is rendered), so titles and authors are read as written.

Rendering follows the site's ``[markup]`` config (:class:`MarkupConfig`, Hugo's defaults):
Goldmark's extensions (tables, ``~``/``~~`` strikethrough, linkify of ``https://``, ``www.``
and e-mail addresses, task lists, definition lists, footnotes in Goldmark's markup, the
typographer, emoji with ``enableEmoji``), heading ids (``github``/``blackfriday``),
highlighting (``codeFences``, ``lineNos``, Pygments classes: ``highlight.py``), raw HTML
omitted unless ``unsafe``, stand-alone images. notes-site adds ``$…$``/``$$…$$`` as MathML
(``math.py``), URLs glued to Chinese text linked (``linkify.py``), lazy images and Hugo
shortcodes rendered with Jinja templates (``shortcodes/``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from notes_site.base.urlsafety import is_dangerous_url
from notes_site.hugo.markup_config import MarkupConfig
from notes_site.markup.bounds import bounds_plugin
from notes_site.markup.extras import extras_plugin
from notes_site.markup.goldmark_html import (
    definition_looseness,
    footnote_anchor_renderer,
    render_footnote_block_close,
    render_footnote_block_open,
    render_footnote_close,
    render_footnote_open,
    render_footnote_ref,
    strikethrough_del,
    table_alignment,
    task_lists,
    text_renderer,
    unwrap_standalone_images,
)
from notes_site.markup.headings import heading_attributes, heading_ids_rule
from notes_site.markup.linkify import cjk_linkify, goldmark_linkify_rule
from notes_site.markup.math import (
    render_math_block,
    render_math_block_label,
    render_math_inline,
    render_math_inline_double,
)
from notes_site.markup.passthrough import passthrough_plugin
from notes_site.markup.renderer import MarkupRenderer
from notes_site.markup.rules import (
    fence_renderer,
    image_renderer,
    link_renderer,
    mark_raw_html,
    render_html_block,
    render_html_inline,
    render_shortcode,
    render_shortcode_escape,
    render_shortcode_stray,
)
from notes_site.markup.shortcodes.parse import shortcodes_plugin
from notes_site.markup.tables import goldmark_table_rows
from notes_site.markup.typographer import angle_quotes_rule, typographer_rule, typographer_text


class _Markdown(MarkdownIt):
    """markdown-it with Goldmark's link check, read strictly (see ``base/urlsafety.py``)."""

    def validateLink(self, url: str) -> bool:
        """``javascript:``, ``vbscript:``, ``file:`` and non-image ``data:`` URLs are not links,
        also when written with entities, percent escapes or white space inside."""
        return not is_dangerous_url(url)


def create_markdown(
    markup: MarkupConfig | None = None,
    *,
    allow_html: bool | None = None,
    linkify: bool = False,
    shortcodes: bool = True,
) -> MarkdownIt:
    """A parser rendering as Hugo's Goldmark does with *markup* (Hugo's defaults when None).

    ``allow_html`` overrides ``markup.unsafe``. ``linkify`` is the renderer's switch: bare URLs
    become links as *markup* says (Goldmark's rule, plus URLs glued to Chinese text with
    ``cjk_linkify``); the digest parser leaves it off and finds URLs itself. ``shortcodes``
    parses Hugo shortcodes; what renders them comes from ``env`` (see
    :func:`notes_site.markup.shortcodes.render.render_env`), else the built-in templates.

    Math (``markup.math``): ``$…$`` needs no space inside its dollars and no digit outside them,
    so prices (``$5 and $10``) stay text; ``25\\%`` is CommonMark's escaped ``%``.
    """
    markup = markup or MarkupConfig()
    if allow_html is not None:
        markup = replace(markup, unsafe=allow_html)
    md = _Markdown(
        "commonmark",
        {
            "html": True,
            "typographer": False,
            "xhtmlOut": False,
            "breaks": markup.hard_wraps,
            "strikethrough_single_tilde": True,
        },
        renderer_cls=MarkupRenderer,
    )
    md.use(bounds_plugin)
    if markup.table:
        md.enable("table")
        md.use(goldmark_table_rows)
        md.core.ruler.push("table_alignment", table_alignment)
    if markup.strikethrough:
        md.enable("strikethrough")
        md.core.ruler.push("strikethrough_del", strikethrough_del)
    if markup.extras:
        md.use(extras_plugin, markup.extras)
    if markup.footnote:
        md.use(footnote_plugin, inline=False)  # Goldmark has no ^[inline footnotes]: ^[a-z] is text
    if markup.definition_list:
        md.use(deflist_plugin)
        md.core.ruler.push("definition_looseness", definition_looseness)
    if markup.math:
        md.use(dollarmath_plugin, double_inline=True, allow_space=False, allow_digits=False)
    if markup.passthrough_block or markup.passthrough_inline:
        md.use(passthrough_plugin, markup.passthrough_block, markup.passthrough_inline, markup.math)
    if shortcodes:
        md.use(shortcodes_plugin)
    # Each after("inline") goes right after "inline": CJK-aware linkify runs after Goldmark's.
    if linkify and markup.cjk_linkify:
        md.core.ruler.after("inline", "cjk_linkify", cjk_linkify)
    if linkify and markup.linkify:
        md.core.ruler.after("inline", "goldmark_linkify", goldmark_linkify_rule(markup.linkify_protocol))
    if markup.typographer:
        md.core.ruler.before("text_join", "typographer", typographer_rule(markup.typographer))
        md.inline.ruler.before("html_inline", "angle_quotes", angle_quotes_rule(markup.typographer))
        md.core.ruler.after("text_join", "typographer_text", typographer_text)
        if linkify and markup.linkify:
            md.core.ruler.before(
                "text_join", "goldmark_linkify_2", goldmark_linkify_rule(markup.linkify_protocol)
            )
    md.core.ruler.after("inline", "heading_attributes", heading_attributes)
    md.core.ruler.push(
        "heading_ids",
        heading_ids_rule(markup.auto_heading_id_type, markup.auto_heading_id, markup.auto_definition_term_id),
    )
    if not markup.unsafe:
        # Right after "inline", before plugins (task lists) add HTML tokens of their own.
        md.core.ruler.after("inline", "raw_html_mark", mark_raw_html)
    md.add_render_rule("html_block", render_html_block)
    md.add_render_rule("html_inline", render_html_inline)
    if markup.task_list:
        md.core.ruler.push("task_lists", task_lists)
    if not markup.wrap_standalone_image:
        md.core.ruler.push("standalone_images", unwrap_standalone_images)
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
    md.add_render_rule("fence", fence_renderer(markup.highlight))
    md.add_render_rule("image", image_renderer(markup.image_hook))
    md.add_render_rule("link_open", link_renderer(markup.link_hook))
    md.add_render_rule("text", text_renderer(markup.enable_emoji))
    md.add_render_rule("footnote_anchor", footnote_anchor_renderer(markup.footnote_backlink_html))
    return md


_RULES: dict[str, Any] = {
    "shortcode": render_shortcode,
    "shortcode_escape": render_shortcode_escape,
    "shortcode_stray": render_shortcode_stray,
    "math_inline": render_math_inline,
    "math_inline_double": render_math_inline_double,
    "math_block": render_math_block,
    "math_block_label": render_math_block_label,
    "footnote_ref": render_footnote_ref,
    "footnote_block_open": render_footnote_block_open,
    "footnote_block_close": render_footnote_block_close,
    "footnote_open": render_footnote_open,
    "footnote_close": render_footnote_close,
}

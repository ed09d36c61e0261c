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

import re
from collections.abc import Sequence
from typing import Any

from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .errors import Diagnostic
from .highlight import highlight_code, parse_options
from .shortcodes import (
    ENV_DIAGNOSTICS,
    ENV_PAGE,
    ENV_SHORTCODES,
    PageInfo,
    ShortcodeRenderer,
    ShortcodeTag,
    shortcodes_plugin,
    template_environment,
)
from .text import find_urls

RAW_HTML_OMITTED = "<!-- raw HTML omitted -->"
"""What Hugo writes in place of raw HTML when ``markup.goldmark.renderer.unsafe`` is off."""

_FENCE_INFO_RE = re.compile(r"([^\s{]*)\s*(.*)", re.DOTALL)


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


# Goldmark's heading attributes: ``## Title {#id .class key=value}`` at the end of a heading.
_HEADING_ATTRS_RE = re.compile(
    r"\s*\{\s*((?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
    r"(?:\s+(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+)))*)\s*\}\s*$"
)
_ATTR_ITEM_RE = re.compile(r"([#.])([\w-]+)|([\w-]+)=(?:\"([^\"]*)\"|'([^']*)'|([^\s}]+))")


def _heading_attributes(state: StateCore) -> None:
    """Move a trailing ``{#id .class}`` from a heading's text onto the heading, as Hugo does.

    Runs before the anchors rule, which keeps an explicit id and never reuses it.
    """
    for index, token in enumerate(state.tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = state.tokens[index + 1]
        children = inline.children or []
        if not children or children[-1].type != "text":
            continue
        match = _HEADING_ATTRS_RE.search(children[-1].content)
        if match is None:
            continue
        children[-1].content = children[-1].content[: match.start()]
        inline.content = inline.content[
            : len(inline.content.rstrip()) - len(match.group(0).rstrip())
        ].rstrip()
        classes = []
        for item in _ATTR_ITEM_RE.finditer(match.group(1)):
            marker, name, key = item.group(1), item.group(2), item.group(3)
            if marker == "#":
                token.attrSet("id", name)
            elif marker == ".":
                classes.append(name)
            elif key:
                token.attrSet(key, next(v for v in item.group(4, 5, 6) if v is not None))
        if classes:
            token.attrSet("class", " ".join(classes))


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer, which also gathers a ``{{% %}}`` pair's inner tokens.

    A pair's inner markdown was parsed in place, between ``shortcode_open`` and
    ``shortcode_close``; it is rendered first and handed to the shortcode's template.
    """

    def __init__(self, parser: MarkdownIt | None = None) -> None:
        super().__init__(parser)
        self.md = parser
        self._fallback: ShortcodeRenderer | None = None

    def shortcodes(self, env: EnvType) -> ShortcodeRenderer:
        """The renderer in ``env``, or one with the built-in templates only."""
        given = env.get(ENV_SHORTCODES)
        if isinstance(given, ShortcodeRenderer):
            return given
        if self._fallback is None:
            self._fallback = ShortcodeRenderer(template_environment())
        return self._fallback

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        return self._render(tokens, options, env, inline=False)

    def renderInline(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        return self._render(tokens, options, env, inline=True)

    def _render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType, *, inline: bool) -> str:
        out: list[str] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "shortcode_open":
                close = _pair_end(tokens, index)
                inner = self._render(tokens[index + 1 : close], options, env, inline=inline)
                out.append(self.shortcode(token, env, inner=Markup(inner)))
                index = close + 1
                continue
            if token.type == "inline" and not inline:
                if token.children:
                    out.append(self._render(token.children, options, env, inline=True))
            elif token.type in self.rules:
                out.append(self.rules[token.type](tokens, index, options, env))
            else:
                out.append(self.renderToken(tokens, index, options, env))
            index += 1
        return "".join(out)

    def shortcode(self, token: Token, env: EnvType, *, inner: Markup | None) -> str:
        """Render the shortcode call *token* (any of the parsed shapes)."""
        assert self.md is not None, "the renderer is created by MarkdownIt"
        tag: ShortcodeTag = token.meta["tag"]
        html = self.shortcodes(env).render(
            self.md,
            tag,
            env,
            line=token.map[0] if token.map else 0,
            inner=inner,
            inner_source=token.meta.get("inner_source", token.content if token.meta.get("paired") else None),
            inner_line=int(token.meta.get("inner_line", 0)),
        )
        if not token.block:
            return str(html).rstrip("\n")
        return html.strip("\n") + "\n" if html.strip() else ""


def _pair_end(tokens: Sequence[Token], index: int) -> int:
    """The index of the ``shortcode_close`` matching the open at *index* (or the last token)."""
    depth = 0
    for position in range(index, len(tokens)):
        kind = tokens[position].type
        depth += (kind == "shortcode_open") - (kind == "shortcode_close")
        if depth == 0:
            return position
    return len(tokens) - 1


def _mark_raw_html(state: StateCore) -> None:
    """Flag the HTML tokens that come from the source, so only those are omitted."""
    for token in state.tokens:
        if token.type == "html_block":
            token.meta["raw"] = True
        for child in token.children or ():
            if child.type == "html_inline":
                child.meta["raw"] = True


def _html_block_omitted(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return RAW_HTML_OMITTED + "\n" if tokens[idx].meta.get("raw") else tokens[idx].content


def _html_inline_omitted(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return RAW_HTML_OMITTED if tokens[idx].meta.get("raw") else tokens[idx].content


def _fence(self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """Highlight with Pygments when the language is known; else markdown-it's plain ``<pre><code>``."""
    token = tokens[idx]
    match = _FENCE_INFO_RE.match(unescapeAll(token.info).strip())
    lang, attributes = (match.group(1), match.group(2)) if match else ("", "")
    options_ = parse_options(attributes) if attributes.startswith("{") else None
    highlighted = highlight_code(token.content, lang, options_)
    if highlighted is not None:
        return str(highlighted)
    return RendererHTML.fence(self, tokens, idx, options, env)


def _image(self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """markdown-it's ``<img>`` (alt text kept) with ``loading="lazy"``."""
    patched = list(tokens)
    patched[idx] = tokens[idx].copy(attrs={**tokens[idx].attrs, "loading": "lazy"})
    return RendererHTML.image(self, patched, idx, options, env)


def _link_open(self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A link whose destination is a shortcode (``[x]({{< ref "y" >}})``) gets its output as href."""
    token = tokens[idx]
    if "tag" not in token.meta or self.md is None:
        return self.renderToken(tokens, idx, options, env)
    href = Markup(self.shortcode(token, env, inner=None)).striptags()
    patched = list(tokens)
    patched[idx] = token.copy(attrs={**token.attrs, "href": self.md.normalizeLink(href)})
    return self.renderToken(patched, idx, options, env)


def _shortcode(self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    inner: Markup | None = None
    if token.meta.get("paired") and token.children is not None:
        # {{< >}}: the raw inner text, nested shortcodes rendered, escapes printed.
        inner = Markup(_render_raw(self, token.children, options, env))
    elif token.meta.get("paired") and self.md is not None:
        # {{% %}} found inside a {{< >}} pair's raw text: its inner text is markdown.
        inner = Markup(self.md.render(token.content, {k: v for k, v in env.items() if k != "footnotes"}))
    return self.shortcode(token, env, inner=inner)


def _render_raw(self: _Renderer, children: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
    out: list[str] = []
    for index, child in enumerate(children):
        if child.type == "shortcode_raw":
            out.append(child.content)
        elif child.type == "shortcode_escape":
            out.append(escapeHtml(child.content))
        else:
            out.append(_shortcode(self, children, index, options, env))
    return "".join(out)


def _shortcode_escape(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return escapeHtml(tokens[idx].content)


def _shortcode_stray(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A closing tag with no open: reported, rendered as nothing (Hugo stops the build)."""
    token = tokens[idx]
    name = token.meta["tag"].name
    _diagnose(
        env,
        token,
        f"closing shortcode {{{{< /{name} >}}}} has no opening tag",
        f"add {{{{< {name} >}}}} before it or remove it",
        "stray-shortcode-close",
    )
    return ""


def _diagnose(env: EnvType, token: Token, message: str, hint: str | None, code: str) -> None:
    page: PageInfo = env.get(ENV_PAGE) or PageInfo()
    line = page.body_line + (token.map[0] if token.map else 0)
    env.setdefault(ENV_DIAGNOSTICS, []).append(Diagnostic(page.source, line, "warning", message, hint, code))


def _mathml(env: EnvType, token: Token, display: bool) -> Markup:
    """The token's LaTeX as MathML, or the source in ``<code class="math-error">`` if it fails."""
    latex = token.content.strip()
    try:
        return Markup(latex_to_mathml(latex, display="block" if display else "inline"))
    except Exception as exc:  # latex2mathml raises bare Exception subclasses on bad input
        _diagnose(
            env,
            token,
            f"cannot convert formula to MathML: {latex!r} ({type(exc).__name__})",
            "check the LaTeX, or escape the dollar signs (\\$) if it is not math",
            "math-error",
        )
        return Markup('<code class="math-error">{}</code>').format(latex)


def _math_inline(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<span class="math inline">{}</span>').format(_mathml(env, tokens[idx], False))


def _math_inline_double(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<div class="math inline">{}</div>').format(_mathml(env, tokens[idx], True))


def _math_block(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<div class="math block">\n{}\n</div>\n').format(_mathml(env, tokens[idx], True))


def _math_block_label(
    self: _Renderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    label = tokens[idx].info
    return Markup(
        '<div id="{0}" class="math block">\n'
        '<a href="#{0}" class="mathlabel" title="Permalink to this equation">¶</a>\n{1}\n</div>\n'
    ).format(label, _mathml(env, tokens[idx], True))


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


def _link_tokens(url: str, level: int) -> list[Token]:
    link_open = Token("link_open", "a", 1, level=level, markup="linkify", info="auto")
    link_open.attrs = {"href": url}
    text = Token("text", "", 0, level=level + 1, content=url)
    return [link_open, text, Token("link_close", "a", -1, level=level, markup="linkify", info="auto")]


def _linkify(state: StateCore) -> None:
    """Split text tokens outside links at bare URLs and wrap each URL in a link."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        depth = 0
        for child in block.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "text" or depth > 0:
                children.append(child)
                continue
            pos = 0
            for start, end, url in find_urls(child.content):
                if not state.md.validateLink(url):
                    continue
                if start > pos:
                    children.append(Token("text", "", 0, level=child.level, content=child.content[pos:start]))
                children.extend(_link_tokens(url, child.level))
                pos = end
            if pos == 0:
                children.append(child)
            elif pos < len(child.content):
                children.append(Token("text", "", 0, level=child.level, content=child.content[pos:]))
        block.children = children

"""Render rules for the tokens whose HTML differs from markdown-it's: code fences, images,
raw HTML, links to shortcodes, shortcode calls and escapes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from notes_site.base.limits import LIMITS
from notes_site.base.urlsafety import BLOCKED_URL
from notes_site.markup.highlight import highlight_code, parse_options
from notes_site.markup.renderer import RAW_HTML_OMITTED, MarkupRenderer, check_local_link, diagnose
from notes_site.markup.shortcodes.render import ENV_DEPTH, Inner, LazyMarkup

_FENCE_INFO_RE = re.compile(r"([^\s{]*)\s*(.*)", re.DOTALL)


def mark_raw_html(state: StateCore) -> None:
    """Flag the HTML tokens that come from the source, so only those are omitted."""
    for token in state.tokens:
        if token.type == "html_block":
            token.meta["raw"] = True
        for child in token.children or ():
            if child.type == "html_inline":
                child.meta["raw"] = True


def render_html_block(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return RAW_HTML_OMITTED + "\n" if tokens[idx].meta.get("raw") else tokens[idx].content


def render_html_inline(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return RAW_HTML_OMITTED if tokens[idx].meta.get("raw") else tokens[idx].content


def render_fence(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Highlight with Pygments when the language is known; else markdown-it's plain ``<pre><code>``."""
    token = tokens[idx]
    match = _FENCE_INFO_RE.match(unescapeAll(token.info).strip())
    lang, attributes = (match.group(1), match.group(2)) if match else ("", "")
    options_ = parse_options(attributes) if attributes.startswith("{") else None
    highlighted = highlight_code(token.content, lang, options_)
    if highlighted is not None:
        return str(highlighted)
    return RendererHTML.fence(self, tokens, idx, options, env)


def render_image(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """markdown-it's ``<img>`` (alt text kept) with ``loading="lazy"``; a local image the site
    will not have is reported (``broken-link``)."""
    check_local_link(self, env, tokens[idx], str(tokens[idx].attrs.get("src", "")), True)
    attrs = {**tokens[idx].attrs, "loading": "lazy"}
    return _with_attrs(tokens, idx, attrs, RendererHTML.image, self, options, env)


def render_link_open(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A link whose destination is a shortcode (``[x]({{< ref "y" >}})``) gets its output as href."""
    token = tokens[idx]
    if "tag" not in token.meta or self.md is None:
        if token.markup != "linkify":
            check_local_link(self, env, token, str(token.attrs.get("href", "")), False)
        return self.renderToken(tokens, idx, options, env)
    href = self.md.normalizeLink(Markup(self.shortcode(token, env, inner=None)).striptags())
    attrs = {**token.attrs, "href": href if self.md.validateLink(href) else BLOCKED_URL}
    return _with_attrs(tokens, idx, attrs, RendererHTML.renderToken, self, options, env)


def _with_attrs(
    tokens: Sequence[Token],
    idx: int,
    attrs: dict[str, str | int | float],
    render: Any,
    self: MarkupRenderer,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """``render(self, tokens, idx, …)`` with the token's attributes set to *attrs* meanwhile (copying
    the token list instead made a paragraph of n images cost n²)."""
    token = tokens[idx]
    original = token.attrs
    token.attrs = attrs
    try:
        return str(render(self, tokens, idx, options, env))
    finally:
        token.attrs = original


def render_shortcode(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    inner: Inner = None
    children = token.children
    md = self.md
    if token.meta.get("paired") and children is not None:
        # {{< >}}: the raw inner text, nested shortcodes rendered, escapes printed (when used).
        inner = LazyMarkup(lambda: _render_raw(self, children, options, env))
    elif token.meta.get("paired") and md is not None:
        # {{% %}} found inside a {{< >}} pair's raw text: its inner text is markdown.
        content = token.content
        sub_env = {k: v for k, v in env.items() if k != "footnotes"}
        sub_env[ENV_DEPTH] = int(env.get(ENV_DEPTH, 0)) + 1
        inner = LazyMarkup(lambda: md.render(content, sub_env))
    return self.shortcode(token, env, inner=inner)


def _render_raw(self: MarkupRenderer, children: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
    out: list[str] = []
    for index, child in enumerate(children):
        if child.type == "shortcode_raw":
            if child.meta.get("too_deep"):
                diagnose(
                    env,
                    child,
                    f"shortcodes nested over {LIMITS.shortcode_depth} deep: the inner ones stay as written",
                    "nest fewer shortcodes inside each other",
                    "shortcode-too-deep",
                )
            out.append(child.content)
        elif child.type == "shortcode_escape":
            out.append(escapeHtml(child.content))
        else:
            out.append(render_shortcode(self, children, index, options, env))
    return "".join(out)


def render_shortcode_escape(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return escapeHtml(tokens[idx].content)


def render_shortcode_stray(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A closing tag with no open: reported, rendered as nothing (Hugo stops the build)."""
    token = tokens[idx]
    name = token.meta["tag"].name
    diagnose(
        env,
        token,
        f"closing shortcode {{{{< /{name} >}}}} has no opening tag",
        f"add {{{{< {name} >}}}} before it or remove it",
        "stray-shortcode-close",
    )
    return ""

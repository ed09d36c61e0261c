"""Render rules for the tokens whose HTML differs from markdown-it's: code fences, images,
raw HTML, links to shortcodes, shortcode calls and escapes."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

from markdown_it.common.utils import escapeHtml, unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from notes_site.base.limits import LIMITS
from notes_site.base.urlsafety import BLOCKED_URL
from notes_site.hugo.markup_config import Highlight
from notes_site.markup.highlight import HighlightOptions, highlight_code, parse_options
from notes_site.markup.hooks import hooked_destination, template_url
from notes_site.markup.renderer import RAW_HTML_OMITTED, MarkupRenderer, diagnose, record_local_link
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


SUMMARY_DIVIDER = "<!--more-->"
"""Hugo's summary divider: never part of ``.Content``."""


def _is_comment(html: str) -> bool:
    """Whether raw HTML is a comment block or an inline comment: Hugo drops a block whose first
    line starts with ``<!--`` whole (``<!-- a --> <!-- b -->``, ``<!-- a --> text`` too)."""
    return html.startswith("<!--")


def render_html_block(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    content = tokens[idx].content.strip()
    if content == SUMMARY_DIVIDER or (tokens[idx].meta.get("raw") and _is_comment(content)):
        return ""  # Hugo drops HTML comments it would omit, rather than writing that it omitted them
    return RAW_HTML_OMITTED + "\n" if tokens[idx].meta.get("raw") else tokens[idx].content


def render_html_inline(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    if tokens[idx].content == SUMMARY_DIVIDER:
        # Hugo cuts the paragraph there: the summary ends with the paragraph, the rest starts one.
        inside = 0 < idx < len(tokens) - 1 and all(t.level == 0 for t in tokens)
        return "</p>\n<p>" if inside else ""
    if tokens[idx].meta.get("raw") and _is_comment(tokens[idx].content):
        return ""
    return RAW_HTML_OMITTED if tokens[idx].meta.get("raw") else tokens[idx].content


def fence_renderer(config: Highlight):  # type: ignore[no-untyped-def]
    """Fenced code as Hugo writes it with ``[markup.highlight]`` *config*.

    ``codeFences = false``: ``<pre><code class="language-go">``. Otherwise a fence without a
    language (also one with only attributes, ```` ```{hl_lines=[2]} ````) is
    ``<pre tabindex="0"><code>``; a language Pygments does not know is
    ``<pre tabindex="0"><code class="language-x" data-lang="x">``; a known one is highlighted
    (Pygments, CSS classes), with ``lineNos``/``lineNoStart``/``hl_Lines`` from the config
    unless the fence's attributes say otherwise.
    """
    base = HighlightOptions(
        linenos=("table" if config.line_numbers_in_table else "inline") if config.line_nos else None,
        hl_lines=parse_options(f"hl_lines={config.hl_lines}").hl_lines if config.hl_lines else (),
        linenostart=config.line_no_start,
    )

    def render_fence(
        self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        match = _FENCE_INFO_RE.match(unescapeAll(token.info).strip())
        lang, attributes = (match.group(1), match.group(2)) if match else ("", "")
        code = escapeHtml(token.content)
        if not config.code_fences:
            klass = f' class="{options["langPrefix"]}{escapeHtml(lang)}"' if lang else ""
            return f"<pre><code{klass}>{code}</code></pre>\n"
        given = parse_options(attributes) if attributes.startswith("{") else None
        chosen = base
        if given is not None:
            written = attributes.lower()
            chosen = HighlightOptions(
                linenos=given.linenos if "linenos" in written else base.linenos,
                hl_lines=given.hl_lines if "hl_lines" in written else base.hl_lines,
                linenostart=given.linenostart if "linenostart" in written else base.linenostart,
            )
        highlighted = highlight_code(token.content, lang, chosen) if lang else None
        if highlighted is not None:
            return str(highlighted)
        if not lang:
            return f'<pre tabindex="0"><code>{code}</code></pre>\n'
        name = escapeHtml(lang)
        return f'<pre tabindex="0"><code class="language-{name}" data-lang="{name}">{code}</code></pre>\n'

    return render_fence


def image_renderer(hook: bool):  # type: ignore[no-untyped-def]
    """markdown-it's ``<img>`` (alt text kept) with ``loading="lazy"``; with Hugo's embedded image
    hook on (*hook*), a bundle resource's ``src`` is the resource beside the page. A local image
    the site will not have is reported (``broken-link``)."""

    def render_image(
        self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        attrs = {**token.attrs, "loading": "lazy"}
        src = hooked_destination(env, unquote(str(attrs.get("src", ""))), image=True) if hook else None
        if src is not None:
            attrs["src"] = src
        else:
            record_local_link(env, token, str(token.attrs.get("src", "")), True)
        if hook:  # the hook's output goes through html/template, which escapes the URL again
            attrs["src"] = template_url(str(attrs.get("src", "")))
        children = token.children or []
        alt = None
        if any("typographer" in child.meta for child in children):
            alt = [
                child.copy(content=html.unescape(child.meta["typographer"]))
                if "typographer" in child.meta
                else child
                for child in children
            ]
        return _with_attrs(tokens, idx, attrs, RendererHTML.image, self, options, env, alt)

    return render_image


def link_renderer(hook: bool):  # type: ignore[no-untyped-def]
    """A link whose destination is a shortcode (``[x]({{< ref "y" >}})``) gets its output as href;
    with Hugo's embedded link hook on (*hook*), links to pages and resources are resolved. A local
    link the site will not have is reported (``broken-link``)."""

    def render_link_open(
        self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        if "tag" not in token.meta or self.md is None:
            href = None
            hooked = hook and token.info != "auto" and token.markup not in ("linkify", "autolink")
            if hooked:
                href = hooked_destination(env, unquote(str(token.attrs.get("href", ""))), image=False)
            if href is None:
                if token.markup != "linkify":
                    record_local_link(env, token, str(token.attrs.get("href", "")), False)
                if not hooked:
                    return self.renderToken(tokens, idx, options, env)
                href = str(token.attrs.get("href", ""))
            # The hook's output goes through html/template, which escapes the URL again.
            attrs = {**token.attrs, "href": template_url(href)}
            return _with_attrs(tokens, idx, attrs, RendererHTML.renderToken, self, options, env)
        href = self.md.normalizeLink(Markup(self.shortcode(token, env, inner=None)).striptags())
        attrs = {**token.attrs, "href": href if self.md.validateLink(href) else BLOCKED_URL}
        return _with_attrs(tokens, idx, attrs, RendererHTML.renderToken, self, options, env)

    return render_link_open


def _with_attrs(
    tokens: Sequence[Token],
    idx: int,
    attrs: dict[str, str | int | float],
    render: Any,
    self: MarkupRenderer,
    options: OptionsDict,
    env: EnvType,
    children: list[Token] | None = None,
) -> str:
    """``render(self, tokens, idx, …)`` with the token's attributes set to *attrs* (and its
    children to *children*, when given) meanwhile: copying the token list instead made a
    paragraph of n images cost n²."""
    token = tokens[idx]
    original, original_children = token.attrs, token.children
    token.attrs = attrs
    if children is not None:
        token.children = children
    try:
        return str(render(self, tokens, idx, options, env))
    finally:
        token.attrs, token.children = original, original_children


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

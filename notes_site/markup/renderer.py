"""markdown-it's HTML renderer, extended to render Hugo shortcodes and to report what goes wrong
at ``file:line``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from notes_site.base.errors import Diagnostic
from notes_site.base.urlsafety import url_scheme
from notes_site.markup.shortcodes.render import (
    ENV_DIAGNOSTICS,
    ENV_LINKS,
    ENV_PAGE,
    ENV_SHORTCODES,
    Inner,
    PageInfo,
    ShortcodeRenderer,
    template_environment,
)
from notes_site.markup.shortcodes.syntax import ShortcodeTag


@dataclass(frozen=True, slots=True)
class LocalLink:
    """A link or image in a body that may point into the site."""

    line: int
    """The file line of the link's paragraph (or block)."""
    url: str
    """The destination as written (``href`` or ``src``)."""
    image: bool
    """Whether it is an image."""


RAW_HTML_OMITTED = "<!-- raw HTML omitted -->"
"""What Hugo writes in place of raw HTML when ``markup.goldmark.renderer.unsafe`` is off."""


class MarkupRenderer(RendererHTML):
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
                close = pair_end(tokens, index)
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

    def shortcode(self, token: Token, env: EnvType, *, inner: Inner) -> str:
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
            inline=not token.block,
        )
        if not token.block:
            return str(html).rstrip("\n")
        return html.strip("\n") + "\n" if html.strip() else ""


def pair_end(tokens: Sequence[Token], index: int) -> int:
    """The index of the ``shortcode_close`` matching the open at *index* (or the last token)."""
    depth = 0
    for position in range(index, len(tokens)):
        kind = tokens[position].type
        depth += (kind == "shortcode_open") - (kind == "shortcode_close")
        if depth == 0:
            return position
    return len(tokens) - 1


def diagnose(env: EnvType, token: Token, message: str, hint: str | None, code: str) -> None:
    page: PageInfo = env.get(ENV_PAGE) or PageInfo()
    line = page.body_line + (token.map[0] if token.map else 0)
    env.setdefault(ENV_DIAGNOSTICS, []).append(Diagnostic(page.source, line, "warning", message, hint, code))


def broken_link(source: str, line: int, problem: str, image: bool) -> Diagnostic:
    """The ``broken-link`` warning for a local link or image that leads nowhere."""
    return Diagnostic(
        source,
        line,
        "warning",
        f"broken {'image' if image else 'link'}: {problem}",
        "fix the path, or add the file (static/ or the page's bundle folder); link pages with {{< relref >}}",
        "broken-link",
    )


def record_local_link(env: EnvType, token: Token, url: str, image: bool) -> None:
    """Note *url* in ``env[ENV_LINKS]`` (when the caller asked for it) if it may be a local link:
    whether it leads anywhere is known only once the whole site is loaded, so the build checks
    the noted links then (:func:`notes_site.site.targets.check_local_links`)."""
    links = env.get(ENV_LINKS)
    if links is None or not url or url.startswith(("#", "//", "?")) or url_scheme(url) is not None:
        return
    page: PageInfo = env.get(ENV_PAGE) or PageInfo()
    links.append(LocalLink(page.body_line + (token.map[0] if token.map else 0), url, image))

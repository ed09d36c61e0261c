"""Render a shortcode call with its Jinja template (``shortcodes/NAME.html``), site templates first.

What a template sees is described in :meth:`ShortcodeRenderer.render`. The renderer, the page
and the diagnostics list travel in markdown-it's ``env`` dict (:func:`render_env`), so one
parser serves every page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markupsafe import Markup

from notes_site.base.errors import Diagnostic
from notes_site.base.limits import LIMITS
from notes_site.base.theme import builtin_templates
from notes_site.base.urlsafety import template_url
from notes_site.markup.highlight import highlight_code, parse_options
from notes_site.markup.shortcodes.pairs import pair_index
from notes_site.markup.shortcodes.syntax import ShortcodeTag
from notes_site.markup.shortcodes.urls import neutralize_urls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ENV_SHORTCODES = "shortcodes"
"""``env`` key: the :class:`ShortcodeRenderer` (templates, ref resolver, site params)."""


ENV_PAGE = "page"
"""``env`` key: the :class:`PageInfo` of the page being rendered."""


ENV_DIAGNOSTICS = "diagnostics"
"""``env`` key: a ``list[Diagnostic]`` that rendering appends to (created when missing)."""


ENV_LINKS = "local_links"
"""``env`` key: a ``list[LocalLink]`` of the local links and images rendered (when present)."""


class RefResolver(Protocol):
    """Turn a content reference into a URL, or None when no page matches."""

    def __call__(self, path: str, *, source: str, absolute: bool, names: bool = True) -> str | None:
        """*path* is written as in ``{{< ref "posts/training.md" >}}`` or ``"training"``;
        *source* is the referring page (for relative paths); *absolute* asks for the
        permalink with the base URL (``ref``) rather than the site-relative one (``relref``);
        *names* lets a bare name find a page anywhere (``ref`` does; Hugo's link hook, which
        asks ``GetPage``, does not)."""
        ...


ENV_DEPTH = "shortcode_depth"
"""``env`` key: how many ``markdownify`` renders deep the current one is."""


class LazyMarkup:
    """A pair's inner HTML, rendered only when a template uses it.

    The built-in ``details`` renders its ``inner_source`` again with ``markdownify`` and never
    looks at ``inner``: rendering both at every level made 16 nested pairs take 15 s (each
    level twice the one below). Templates use it as they would Markup (``{{ inner }}``,
    ``inner or ""``, ``inner|trim``)."""

    __slots__ = ("_html", "_render")

    def __init__(self, render: Callable[[], str]) -> None:
        self._render: Callable[[], str] | None = render
        self._html = Markup("")

    def markup(self) -> Markup:
        """The HTML, rendered on first use."""
        if self._render is not None:
            render, self._render = self._render, None
            self._html = Markup(render())
        return self._html

    def __html__(self) -> str:
        return self.markup()

    def __str__(self) -> str:
        return self.markup()

    def __bool__(self) -> bool:
        return bool(self.markup())

    def __len__(self) -> int:
        return len(self.markup())


Inner = Markup | LazyMarkup | None
"""What a shortcode gets as its inner content."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What shortcodes know of the page being rendered."""

    source: str = ""
    """The page's file relative to the content folder, for diagnostics and relative refs."""
    body_line: int = 1
    """The file line the markdown body starts on (token lines are counted from it)."""
    title: str = ""
    """The page title."""
    url: str = ""
    """The page's URL (what ``{{< ref "#anchor" >}}`` points into)."""
    lang: str = ""
    """The page's language code."""
    params: Mapping[str, Any] = field(default_factory=dict)
    """The page's front-matter params (looked up before the site's by ``param``)."""
    resources: tuple[str, ...] = ()
    """The page's bundle resources (``img.png``), which Hugo's link and image hooks resolve."""


def template_environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """A Jinja environment set up like the site renderer's: *template_dirs* first, then the
    built-in templates; autoescaping on; ``StrictUndefined``; the ``safe_url`` filter."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in [*template_dirs, builtin_templates()]]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = template_url
    return env


def _lookup(mapping: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    """A dotted, case-insensitive key in nested mappings (Hugo lower-cases param keys)."""
    value: Any = mapping
    for part in key.split("."):
        if not isinstance(value, Mapping):
            return False, None
        if part in value:
            value = value[part]
            continue
        folded = {str(k).lower(): v for k, v in value.items()}
        if part.lower() not in folded:
            return False, None
        value = folded[part.lower()]
    return True, value


@dataclass(frozen=True, slots=True)
class ShortcodeRenderer:
    """Renders shortcodes for one build; put it in ``env[ENV_SHORTCODES]``."""

    templates: Environment
    """Where ``shortcodes/NAME.html`` templates are looked up (site folders before built-ins)."""
    resolve_ref: RefResolver | None = None
    """Resolves ``ref``/``relref`` targets; without it every ref is reported unresolved."""
    site_params: Mapping[str, Any] = field(default_factory=dict)
    """Site-wide params, the fallback for ``param``."""

    def render(
        self,
        md: MarkdownIt,
        tag: ShortcodeTag,
        env: MutableMapping[str, Any],
        *,
        line: int,
        inner: Inner = None,
        inner_source: str | None = None,
        inner_line: int = 0,
        inline: bool = False,
    ) -> Markup:
        """Render one shortcode call with ``shortcodes/<name>.html``.

        The template sees ``name``, ``args`` (list), ``params`` (dict), ``inner`` (Markup or
        None: the raw inner text of a ``{{< >}}`` pair with nested shortcodes rendered, the
        rendered markdown of a ``{{% %}}`` pair), ``inner_source`` (the inner text as
        written), ``markdown`` (which delimiters were used), ``page`` (:class:`PageInfo`),
        ``site_params``, ``position`` (``file:line``) and helpers: ``markdownify(text,
        block=False)``, ``highlight(code, lang, options="")``, ``ref(path)``,
        ``relref(path)``, ``param(key)`` and ``warn(message, hint=None)``, which records a
        warning and returns an empty string.

        An unknown shortcode renders its inner content (or nothing) and records an
        ``unknown-shortcode`` warning; a template error records ``shortcode-error``.
        *line* is 0-based within the body; *inner_line* counts the lines from the tag's
        start to where its inner text starts (a tag may span lines).
        """
        page: PageInfo = env.get(ENV_PAGE) or PageInfo()
        diagnostics: list[Diagnostic] = env.setdefault(ENV_DIAGNOSTICS, [])
        file_line = page.body_line + line
        budget = pair_index(env)
        budget.renders_left -= 1

        def warn(message: str, hint: str | None = None, code: str = "shortcode") -> str:
            diagnostic = Diagnostic(page.source, file_line, "warning", message, hint, code)
            # A pair's inner text may be rendered twice (raw, then by markdownify): report once.
            if diagnostic not in diagnostics:
                diagnostics.append(diagnostic)
            return ""

        def markdownify(text: str, block: bool = False) -> Markup:
            depth = int(env.get(ENV_DEPTH, 0))
            if depth >= LIMITS.shortcode_depth:
                warn(
                    f"shortcodes nested over {LIMITS.shortcode_depth} deep: the inner ones stay as written",
                    "nest fewer shortcodes inside each other",
                    "shortcode-too-deep",
                )
                return Markup.escape(str(text))
            # A fresh footnote list: the page's own would be printed again inside the shortcode.
            sub_env = {k: v for k, v in env.items() if k != "footnotes"}
            sub_env[ENV_PAGE] = replace(page, body_line=file_line + inner_line)
            sub_env[ENV_DEPTH] = depth + 1
            if block:
                return Markup(md.render(str(text), sub_env))
            return Markup(md.renderInline(str(text), sub_env))

        def resolve(path: str, absolute: bool) -> str:
            target, hash_, fragment = str(path).partition("#")
            url = page.url if not target else None
            if target and self.resolve_ref is not None:
                url = self.resolve_ref(target, source=page.source, absolute=absolute)
            if url is None:
                warn(
                    f"cannot resolve {'ref' if absolute else 'relref'} {str(path)!r}",
                    "give a content path like posts/training.md or a page name like training",
                    "unresolved-ref",
                )
                return str(path)
            return f"{url}{hash_}{fragment}"

        def param(key: str) -> Any:
            for scope in (page.params, self.site_params):
                found, value = _lookup(scope, str(key))
                if found:
                    return value
            return warn(
                f"param {key!r} is set neither in the page's front matter nor in the site's params",
                None,
                "unknown-param",
            )

        def highlight(code: str, lang: str = "", options: str = "") -> Markup:
            code = str(code).strip("\n") + "\n"
            highlighted = highlight_code(code, str(lang), parse_options(str(options)))
            if highlighted is not None:
                return highlighted
            return Markup("<pre><code>{}</code></pre>").format(code)

        if budget.renders_left < 0:
            if budget.renders_left == -1:
                warn(
                    f"more than {budget.renders:,} shortcodes rendered for this page: the rest are left out",
                    "use fewer shortcodes (or split the page)",
                    "too-many-shortcodes",
                )
            return Markup("")
        try:
            template = self.templates.get_template(f"shortcodes/{tag.name}.html")
        except TemplateNotFound:
            warn(
                f"unknown shortcode {tag.name!r}",
                f"add a template templates/shortcodes/{tag.name}.html",
                "unknown-shortcode",
            )
            if inner is None and inner_source is None:
                return Markup("")
            if tag.markdown and inner is not None:
                return Markup(inner)
            # Inside a paragraph the inner text stays inline: no <p> or <div> in a <p>.
            return markdownify(inner_source or "", block=not inline)
        try:
            html = template.render(
                name=tag.name,
                args=list(tag.args),
                params=dict(tag.params),
                inner=inner,
                inner_source=inner_source,
                markdown=tag.markdown,
                page=page,
                site_params=self.site_params,
                position=f"{page.source}:{file_line}",
                markdownify=markdownify,
                highlight=highlight,
                ref=lambda path: resolve(path, True),
                relref=lambda path: resolve(path, False),
                param=param,
                warn=warn,
            )
        except TemplateError as exc:
            warn(
                f"shortcode {tag.name!r} failed: {exc}",
                f"check templates/shortcodes/{tag.name}.html",
                "shortcode-error",
            )
            return Markup("")
        return Markup(neutralize_urls(html))


def render_env(
    shortcodes: ShortcodeRenderer, page: PageInfo, diagnostics: list[Diagnostic] | None = None
) -> dict[str, Any]:
    """The ``env`` dict to pass to ``md.parse``/``md.render`` for one page."""
    return {
        ENV_SHORTCODES: shortcodes,
        ENV_PAGE: page,
        ENV_DIAGNOSTICS: [] if diagnostics is None else diagnostics,
    }

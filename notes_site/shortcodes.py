"""Hugo shortcodes as a markdown-it plugin, each one rendered with a Jinja template.

Syntax (as Hugo's page lexer reads it):

- ``{{< name arg key="value" >}}`` — output inserted as HTML; paired with ``{{< /name >}}``
  its inner text is passed raw (``inner``), with nested shortcodes already rendered;
- ``{{% name %}}…{{% /name %}}`` — the inner text is markdown, rendered with the page;
- ``{{< name />}}`` — self-closing: never looks for a closing tag;
- arguments are positional (``arg``) or named (``key=value``); values are bare words,
  ``"quoted strings"`` with ``\\"`` escapes, or ```raw strings``` taken literally; bare
  ``true``/``false`` and numbers are typed, as Hugo types them;
- ``{{</* name */>}}`` and ``{{%/* name */%}}`` are escapes that print ``{{< name >}}`` and
  ``{{% name %}}``.

A shortcode alone on its line (or a pair whose tags start and end lines) is a block; anywhere
else it is inline. Unlike Hugo, which expands shortcodes before markdown, shortcodes inside
code spans and code blocks are left as written: this plugin only sees what markdown-it hands
its rules, so nothing is regex-replaced over the body.

Rendering looks up ``shortcodes/NAME.html`` in a Jinja environment (the site's templates
first, then the built-in ones), so a site overrides a built-in or adds its own shortcode by
dropping a file there. What a template sees is described in :meth:`ShortcodeRenderer.render`.
The renderer, the page and the diagnostics list travel in markdown-it's ``env`` dict
(:func:`render_env`), so one parser serves every page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markupsafe import Markup

from .errors import Diagnostic
from .highlight import highlight_code, parse_options

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ParamValue = str | int | float | bool
"""A shortcode argument: quoted values are strings, bare ``true``/``3``/``0.5`` are typed."""

ENV_SHORTCODES = "shortcodes"
"""``env`` key: the :class:`ShortcodeRenderer` (templates, ref resolver, site params)."""
ENV_PAGE = "page"
"""``env`` key: the :class:`PageInfo` of the page being rendered."""
ENV_DIAGNOSTICS = "diagnostics"
"""``env`` key: a ``list[Diagnostic]`` that rendering appends to (created when missing)."""

_NAME_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")
_BARE_RE = re.compile(r"[^\s\"`=]+")
_INT_RE = re.compile(r"[-+]?\d+")
_FLOAT_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?")
_DELIMS = {"<": ">}}", "%": "%}}"}


@dataclass(frozen=True, slots=True)
class ShortcodeTag:
    """One ``{{< … >}}`` or ``{{% … %}}`` tag as written."""

    name: str
    """The shortcode's name (``figure``, ``media/audio``)."""
    args: tuple[ParamValue, ...]
    """Positional arguments, in order."""
    params: Mapping[str, ParamValue]
    """Named arguments."""
    markdown: bool
    """True for ``{{% %}}`` (inner content is markdown), False for ``{{< >}}``."""
    closing: bool
    """True for ``{{< /name >}}``."""
    self_closing: bool
    """True for ``{{< name />}}``, which never takes inner content."""
    start: int
    """Offset of the opening ``{{`` in the parsed text."""
    end: int
    """Offset just past the closing ``}}``."""


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\r\n":
        pos += 1
    return pos


def _typed(value: str) -> ParamValue:
    """A bare value typed as Hugo types it: booleans and numbers; anything else a string."""
    if value in ("true", "false"):
        return value == "true"
    if _INT_RE.fullmatch(value):
        return int(value)
    if _FLOAT_RE.fullmatch(value):
        return float(value)
    return value


def _read_value(src: str, pos: int, limit: int, close: str) -> tuple[ParamValue, int] | None:
    """One argument value at *pos*: quoted, raw (backticks) or bare. None when malformed."""
    if pos >= limit:
        return None
    char = src[pos]
    if char == '"':
        out: list[str] = []
        pos += 1
        while pos < limit:
            char = src[pos]
            if char == "\\" and pos + 1 < limit and src[pos + 1] in '"\\':
                out.append(src[pos + 1])
                pos += 2
            elif char == '"':
                return "".join(out), pos + 1
            else:
                out.append(char)
                pos += 1
        return None
    if char == "`":
        end = src.find("`", pos + 1, limit)
        return None if end < 0 else (src[pos + 1 : end], end + 1)
    match = _BARE_RE.match(src, pos, limit)
    if match is None:
        return None
    text = match.group(0)
    # A bare value ends where the tag does: `{{< x a>}}` and `{{< x a/>}}`.
    for stop in (close, "/" + close):
        cut = text.find(stop)
        if cut >= 0:
            text = text[:cut]
    if not text:
        return None
    return _typed(text), pos + len(text)


def parse_tag(src: str, pos: int, limit: int | None = None) -> ShortcodeTag | None:
    """The shortcode tag starting at *pos*, or None when there is none (or it is malformed)."""
    limit = len(src) if limit is None else limit
    if not src.startswith("{{", pos) or pos + 2 >= limit or src[pos + 2] not in _DELIMS:
        return None
    start = pos
    markdown = src[pos + 2] == "%"
    close = _DELIMS[src[pos + 2]]
    pos = _skip_space(src, pos + 3, limit)
    closing = src.startswith("/", pos) and not src.startswith("/*", pos)
    if closing:
        pos = _skip_space(src, pos + 1, limit)
    name_match = _NAME_RE.match(src, pos, limit)
    if name_match is None:
        return None
    name = name_match.group(0)
    pos = name_match.end()
    args: list[ParamValue] = []
    params: dict[str, ParamValue] = {}
    while True:
        spaced = _skip_space(src, pos, limit)
        if src.startswith(close, spaced):
            return ShortcodeTag(
                name, tuple(args), params, markdown, closing, False, start, spaced + len(close)
            )
        if src.startswith("/" + close, spaced) and not closing:
            return ShortcodeTag(
                name, tuple(args), params, markdown, False, True, start, spaced + 1 + len(close)
            )
        if spaced == pos or closing:
            return None  # arguments are separated by white space; a closing tag takes none
        pos = spaced
        key = re.match(r"([A-Za-z_][\w-]*)\s*=\s*", src[pos:limit])
        if key is not None:
            value = _read_value(src, pos + key.end(), limit, close)
            if value is None:
                return None
            params[key.group(1)] = value[0]
            pos = value[1]
        else:
            value = _read_value(src, pos, limit, close)
            if value is None:
                return None
            args.append(value[0])
            pos = value[1]


def parse_escape(src: str, pos: int, limit: int | None = None) -> tuple[str, int] | None:
    """``{{</* x */>}}`` at *pos* as ``("{{< x >}}", end)``; None when there is no escape there."""
    limit = len(src) if limit is None else limit
    for opener, closer in (("{{</*", "*/>}}"), ("{{%/*", "*/%}}")):
        if src.startswith(opener, pos):
            end = src.find(closer, pos + len(opener), limit)
            if end < 0:
                return None
            inside = src[pos + len(opener) : end]
            return f"{opener[:3]}{inside}{closer[2:]}", end + len(closer)
    return None


def find_closing(src: str, pos: int, limit: int, name: str) -> ShortcodeTag | None:
    """The ``{{< /name >}}`` that closes a *name* opened before *pos* (nested pairs counted)."""
    depth = 0
    while True:
        pos = src.find("{{", pos, limit)
        if pos < 0:
            return None
        escaped = parse_escape(src, pos, limit)
        if escaped is not None:
            pos = escaped[1]
            continue
        tag = parse_tag(src, pos, limit)
        if tag is None:
            pos += 2
            continue
        if tag.name == name and tag.closing:
            if depth == 0:
                return tag
            depth -= 1
        elif tag.name == name and not tag.self_closing:
            depth += 1
        pos = tag.end


# --- parsing: markdown-it rules --------------------------------------------------------------


def _line_of(state: StateBlock, pos: int, first: int) -> int:
    """The line (index into the block state's marks) that holds offset *pos*."""
    line = first
    while line + 1 < state.lineMax and state.bMarks[line + 1] <= pos:
        line += 1
    return line


def _lex_raw(text: str) -> list[Token]:
    """The inner text of a ``{{< >}}`` pair: raw text pieces, escapes and nested shortcodes.

    Each token's ``map`` holds its line relative to the start of *text*.
    """
    tokens: list[Token] = []
    pos = plain = line = 0

    def flush(upto: int) -> None:
        nonlocal line
        if upto > plain:
            tokens.append(Token("shortcode_raw", "", 0, content=text[plain:upto], map=[line, line + 1]))
            line += text.count("\n", plain, upto)

    while (pos := text.find("{{", pos)) >= 0:
        escaped = parse_escape(text, pos)
        tag = None if escaped else parse_tag(text, pos)
        if escaped is not None:
            flush(pos)
            tokens.append(Token("shortcode_escape", "", 0, content=escaped[0], map=[line, line + 1]))
            line += text.count("\n", pos, escaped[1])
            pos = plain = escaped[1]
        elif tag is not None and not tag.closing:
            flush(pos)
            token = Token("shortcode", "", 0, map=[line, line + 1])
            end = _fill_call(token, text, tag, len(text))
            tokens.append(token)
            line += text.count("\n", pos, end)
            pos = plain = end
        else:
            pos += 2
    flush(len(text))
    return tokens


def _fill_call(token: Token, src: str, tag: ShortcodeTag, limit: int) -> int:
    """Make *token* the call of *tag* (with its raw inner content when paired); return its end."""
    token.meta = {"tag": tag, "inner_line": src.count("\n", tag.start, tag.end)}
    closing = None if tag.self_closing else find_closing(src, tag.end, limit, tag.name)
    if closing is None:
        token.meta["newlines"] = token.meta["inner_line"]
        return tag.end
    token.content = src[tag.end : closing.start]
    token.meta["paired"] = True
    token.meta["newlines"] = src.count("\n", tag.start, closing.end)
    if not tag.markdown:
        token.children = _lex_raw(token.content)
    return closing.end


def _shift_maps(tokens: Sequence[Token], base: int) -> None:
    """Turn the relative lines of tokens lexed from a raw inner text into body lines."""
    for token in tokens:
        if token.map is not None:
            token.map = [base + token.map[0], base + token.map[0] + 1]
        if token.type == "shortcode" and token.children and token.map is not None:
            _shift_maps(token.children, token.map[0] + int(token.meta.get("inner_line", 0)))


def _open_names(tokens: Sequence[Token]) -> list[str]:
    """Names of the inline ``{{% %}}`` pairs still open at the end of *tokens*."""
    names: list[str] = []
    for token in tokens:
        if token.type == "shortcode_open":
            names.append(token.meta["tag"].name)
        elif token.type == "shortcode_close" and names:
            names.pop()
    return names


def _shortcode_inline(state: StateInline, silent: bool) -> bool:
    """A shortcode or an escape inside a paragraph."""
    src, pos, limit = state.src, state.pos, state.posMax
    if not src.startswith("{{", pos):
        return False
    escaped = parse_escape(src, pos, limit)
    if escaped is not None:
        if not silent:
            state.push("shortcode_escape", "", 0).content = escaped[0]
        state.pos = escaped[1]
        return True
    tag = parse_tag(src, pos, limit)
    if tag is None:
        return False
    if silent:
        state.pos = tag.end
        return True
    meta = {"tag": tag, "newlines": src.count("\n", pos, tag.end)}
    if tag.closing:
        names = _open_names(state.tokens)
        # A close without its open stays a plain token so markdown-it's nesting stays balanced.
        kind = "shortcode_close" if names and names[-1] == tag.name else "shortcode_stray"
        state.push(kind, "", -1 if kind == "shortcode_close" else 0).meta = meta
        state.pos = tag.end
        return True
    closing = None if tag.self_closing else find_closing(src, tag.end, limit, tag.name)
    if tag.markdown and closing is not None:
        # The inner markdown is parsed in place; the renderer gathers it up to the close.
        token = state.push("shortcode_open", "", 1)
        token.meta = {**meta, "inner_source": src[tag.end : closing.start], "inner_line": meta["newlines"]}
        state.pos = tag.end
        return True
    token = state.push("shortcode", "", 0)
    state.pos = _fill_call(token, src, tag, limit)
    return True


def _shortcode_link(state: StateInline, silent: bool) -> bool:
    """``[text]({{< ref "x" >}})``: a link whose destination is a shortcode's output.

    Hugo expands the shortcode before markdown sees the link; here the link is parsed with
    the tag as its destination and the shortcode is rendered when the link is.
    """
    if state.src[state.pos] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    if label_end < 0:
        return False
    src, limit = state.src, state.posMax
    pos = label_end + 1
    if pos >= limit or src[pos] != "(":
        return False
    pos = _skip_space(src, pos + 1, limit)
    tag = parse_tag(src, pos, limit)
    if tag is None or tag.closing:
        return False
    pos = _skip_space(src, tag.end, limit)
    title = ""
    if pos > tag.end:
        result = state.md.helpers.parseLinkTitle(src, pos, limit)
        if result.ok:
            title = result.str
            pos = _skip_space(src, result.pos, limit)
    if pos >= limit or src[pos] != ")":
        return False
    if not silent:
        old_max = state.posMax
        state.pos = state.pos + 1
        state.posMax = label_end
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": ""}
        if title:
            token.attrSet("title", title)
        token.meta = {"tag": tag, "newlines": 0}
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
        state.posMax = old_max
    state.pos = pos + 1
    return True


def _shortcode_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A shortcode (or a pair) that starts a line and ends one."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    src = state.src
    pos = state.bMarks[start_line] + state.tShift[start_line]
    limit = state.eMarks[end_line - 1]
    if not src.startswith(("{{<", "{{%"), pos) or parse_escape(src, pos, limit) is not None:
        return False
    tag = parse_tag(src, pos, limit)
    if tag is None:
        return False
    if tag.closing:
        # A matched closing tag is consumed with its opening, so one seen here has none:
        # the renderer reports it.
        last = _line_of(state, tag.end, start_line)
        if src[tag.end : state.eMarks[last]].strip():
            return False
        if not silent:
            stray = state.push("shortcode_stray", "", 0)
            stray.meta = {"tag": tag}
            stray.map = [start_line, last + 1]
            state.line = last + 1
        return True
    closing = None if tag.self_closing else find_closing(src, tag.end, limit, tag.name)
    end = closing.end if closing else tag.end
    last = _line_of(state, end, start_line)
    if src[end : state.eMarks[last]].strip():
        return False  # text after the shortcode: it is part of a paragraph
    if silent:
        return True
    tag_line = _line_of(state, tag.end, start_line)
    if (
        closing is not None
        and tag.markdown
        and not src[tag.end : state.eMarks[tag_line]].strip()
        and not src[state.bMarks[last] : closing.start].strip()
        and last > tag_line
    ):
        # {{% name %}} … {{% /name %}} on their own lines: the inner lines are markdown blocks.
        token = state.push("shortcode_open", "", 1)
        token.map = [start_line, last + 1]
        token.meta = {
            "tag": tag,
            "inner_source": src[tag.end : closing.start],
            "inner_line": src.count("\n", tag.start, tag.end),
        }
        old_max = state.lineMax
        state.lineMax = last  # the inner blocks end at the closing tag's line
        state.md.block.tokenize(state, tag_line + 1, last)
        state.lineMax = old_max
        close = state.push("shortcode_close", "", -1)
        close.meta = {"tag": closing}
        close.map = [last, last + 1]
    elif closing is not None and tag.markdown:
        # {{% name %}}inline markdown{{% /name %}} on one line.
        token = state.push("shortcode_open", "", 1)
        token.map = [start_line, last + 1]
        token.meta = {"tag": tag, "inner_source": src[tag.end : closing.start]}
        inline = state.push("inline", "", 0)
        inline.content = src[tag.end : closing.start].strip()
        inline.map = [tag_line, last + 1]
        inline.children = []
        close = state.push("shortcode_close", "", -1)
        close.meta = {"tag": closing}
    else:
        token = state.push("shortcode", "", 0)
        _fill_call(token, src, tag, limit)
        token.map = [start_line, last + 1]
        if token.children:
            _shift_maps(token.children, start_line + int(token.meta["inner_line"]))
    state.line = last + 1
    return True


def _set_lines(state: StateCore) -> None:
    """Give inline shortcodes (and math) the body line they are on, counted from their block."""
    for block in state.tokens:
        if block.type != "inline" or not block.children or block.map is None:
            continue
        line = block.map[0]
        for child in block.children:
            child.map = [line, line + 1]
            if child.type == "shortcode" and child.children:
                _shift_maps(child.children, line + int(child.meta.get("inner_line", 0)))
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type.startswith("shortcode") or child.type == "link_open":
                line += int(child.meta.get("newlines", 0))


def shortcodes_plugin(md: MarkdownIt) -> None:
    """Parse Hugo shortcodes into ``shortcode`` / ``shortcode_open`` / ``shortcode_close`` /
    ``shortcode_escape`` tokens (rendering is the renderer's job: see ``markdown.py``)."""
    md.block.ruler.before(
        "html_block", "shortcode", _shortcode_block, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    md.inline.ruler.before("link", "shortcode_link", _shortcode_link)
    md.inline.ruler.before("escape", "shortcode", _shortcode_inline)
    md.core.ruler.after("inline", "shortcode_lines", _set_lines)


# --- rendering ------------------------------------------------------------------------------


class RefResolver(Protocol):
    """Turn a content reference into a URL, or None when no page matches."""

    def __call__(self, path: str, *, source: str, absolute: bool) -> str | None:
        """*path* is written as in ``{{< ref "posts/training.md" >}}`` or ``"training"``;
        *source* is the referring page (for relative paths); *absolute* asks for the
        permalink with the base URL (``ref``) rather than the site-relative one (``relref``)."""
        ...


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


def builtin_shortcode_dir() -> Path:
    """The built-in templates folder that holds ``shortcodes/*.html``."""
    packaged = resources.files("notes_site") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def template_environment(template_dirs: Sequence[Path] = ()) -> Environment:
    """A Jinja environment set up like the site renderer's: *template_dirs* first, then the
    built-in templates; autoescaping on; ``StrictUndefined``."""
    return Environment(
        loader=FileSystemLoader([str(d) for d in [*template_dirs, builtin_shortcode_dir()]]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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
        inner: Markup | None = None,
        inner_source: str | None = None,
        inner_line: int = 0,
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

        def warn(message: str, hint: str | None = None, code: str = "shortcode") -> str:
            diagnostic = Diagnostic(page.source, file_line, "warning", message, hint, code)
            # A pair's inner text may be rendered twice (raw, then by markdownify): report once.
            if diagnostic not in diagnostics:
                diagnostics.append(diagnostic)
            return ""

        def markdownify(text: str, block: bool = False) -> Markup:
            # A fresh footnote list: the page's own would be printed again inside the shortcode.
            sub_env = {k: v for k, v in env.items() if k != "footnotes"}
            sub_env[ENV_PAGE] = replace(page, body_line=file_line + inner_line)
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
            return (
                inner if tag.markdown and inner is not None else markdownify(inner_source or "", block=True)
            )
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
        return Markup(html)


def render_env(
    shortcodes: ShortcodeRenderer, page: PageInfo, diagnostics: list[Diagnostic] | None = None
) -> dict[str, Any]:
    """The ``env`` dict to pass to ``md.parse``/``md.render`` for one page."""
    return {
        ENV_SHORTCODES: shortcodes,
        ENV_PAGE: page,
        ENV_DIAGNOSTICS: [] if diagnostics is None else diagnostics,
    }

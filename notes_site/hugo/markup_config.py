"""The site's ``[markup]`` config (and ``enableEmoji``), with Hugo's defaults, as one frozen record.

Hugo's defaults (``hugo config`` on an empty site, v0.168) are the field defaults below;
a site changes them in ``[markup.goldmark]``, ``[markup.highlight]``. Keys are lower-cased
as Hugo reads them. ``cjk_linkify`` and ``math`` are notes-site's own improvements (README,
"Differs, on purpose"); the parity harness turns them off to measure the rest against Hugo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notes_site.hugo.config import SiteConfig
from notes_site.hugo.values import as_bool, as_int

_TYPOGRAPHER_KEYS = (
    "leftsinglequote",
    "rightsinglequote",
    "leftdoublequote",
    "rightdoublequote",
    "endash",
    "emdash",
    "ellipsis",
    "leftanglequote",
    "rightanglequote",
    "apostrophe",
)


_TYPOGRAPHER_DEFAULTS = (
    "&lsquo;",
    "&rsquo;",
    "&ldquo;",
    "&rdquo;",
    "&ndash;",
    "&mdash;",
    "&hellip;",
    "&laquo;",
    "&raquo;",
    "&rsquo;",
)


@dataclass(frozen=True, slots=True)
class Highlight:
    """``[markup.highlight]``."""

    code_fences: bool = True
    """``codeFences``: highlight fenced code; off, a fence is a plain ``<pre><code class="language-x">``."""
    line_nos: bool = False
    """``lineNos``: line numbers on every block."""
    line_numbers_in_table: bool = True
    """``lineNumbersInTable``: numbers in a table column (else inline)."""
    line_no_start: int = 1
    """``lineNoStart``."""
    hl_lines: str = ""
    """``hl_Lines``: lines to emphasise in every block (``"1 3-4"``)."""
    guess_syntax: bool = False
    """``guessSyntax``: highlight fences without a language (Pygments guesses)."""


@dataclass(frozen=True, slots=True)
class MarkupConfig:
    """How page bodies are rendered (Hugo's Goldmark settings notes-site follows)."""

    definition_list: bool = True
    """``extensions.definitionList``."""
    footnote: bool = True
    """``extensions.footnote.enable``."""
    footnote_backlink_html: str = "&#x21a9;&#xfe0e;"
    """``extensions.footnote.backlinkHTML``: the back link's content."""
    linkify: bool = True
    """``extensions.linkify``: bare ``https://``, ``www.`` and e-mail addresses become links."""
    linkify_protocol: str = "https"
    """``extensions.linkifyProtocol``: the scheme given to ``www.`` links."""
    strikethrough: bool = True
    """``extensions.strikethrough``: ``~x~`` and ``~~x~~`` → ``<del>``."""
    table: bool = True
    """``extensions.table``."""
    task_list: bool = True
    """``extensions.taskList``."""
    typographer: Mapping[str, str] = field(
        default_factory=lambda: dict(zip(_TYPOGRAPHER_KEYS, _TYPOGRAPHER_DEFAULTS, strict=True))
    )
    """``extensions.typographer`` substitutions by key; empty when ``disable = true``."""
    extras: frozenset[str] = frozenset()
    """Enabled ``extensions.extras``: ``delete``, ``insert``, ``mark``, ``subscript``, ``superscript``."""
    passthrough_block: tuple[tuple[str, str], ...] = ()
    """``extensions.passthrough`` block delimiters, when enabled (``$$``, ``\\[``)."""
    passthrough_inline: tuple[tuple[str, str], ...] = ()
    """``extensions.passthrough`` inline delimiters, when enabled (``\\(``)."""
    auto_heading_id: bool = True
    """``parser.autoHeadingID``."""
    auto_heading_id_type: str = "github"
    """``parser.autoHeadingIDType``: ``github``, ``github-ascii`` or ``blackfriday``."""
    auto_definition_term_id: bool = False
    """``parser.autoDefinitionTermID``: definition-list terms get ids, from the headings' ids."""
    wrap_standalone_image: bool = True
    """``parser.wrapStandAloneImageWithinParagraph``: an image alone in a paragraph keeps its ``<p>``."""
    unsafe: bool = False
    """``renderer.unsafe``: raw HTML passes (else ``<!-- raw HTML omitted -->``)."""
    hard_wraps: bool = False
    """``renderer.hardWraps``: every line break is ``<br>``."""
    enable_emoji: bool = False
    """Site ``enableEmoji``: ``:smile:`` → 😄."""
    highlight: Highlight = field(default_factory=Highlight)
    """``[markup.highlight]``."""
    link_hook: bool = False
    """Hugo's embedded link render hook (links to pages and resources resolved): on with
    ``renderHooks.link.enableDefault``, and by default on a multilingual site on one host."""
    image_hook: bool = False
    """Hugo's embedded image render hook (bundle resources resolved), on like ``link_hook``."""
    cjk_linkify: bool = True
    """notes-site: also link URLs glued to Chinese text, ending at CJK punctuation."""
    math: bool = True
    """notes-site: ``$…$`` and ``$$…$$`` as MathML."""


def _table(data: Any, *keys: str) -> Mapping[str, Any]:
    for key in keys:
        data = data.get(key) if isinstance(data, Mapping) else None
    return data if isinstance(data, Mapping) else {}


def _typographer(raw: Any) -> dict[str, str]:
    """The typographer's substitutions; ``{}`` when it is off. ``typographer = false`` (a bool, as
    before Hugo 0.112) turns it off as ``disable = true`` does; ``true`` keeps the defaults."""
    if isinstance(raw, bool):
        raw = {"disable": not raw}
    raw = raw if isinstance(raw, Mapping) else {}
    if as_bool(raw.get("disable", False)):
        return {}
    return {
        key: str(raw.get(key, default))
        for key, default in zip(_TYPOGRAPHER_KEYS, _TYPOGRAPHER_DEFAULTS, strict=True)
    }


def _passthrough(raw: Mapping[str, Any], kind: str) -> tuple[tuple[str, str], ...]:
    if not as_bool(raw.get("enable", False)):
        return ()
    pairs = _table(raw, "delimiters").get(kind, []) or []
    return tuple(
        (str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list | tuple) and len(pair) == 2
    )


def _use_embedded(hook: Mapping[str, Any], single_host: bool) -> bool:
    """``renderHooks.<kind>.useEmbedded`` (auto, always, fallback, never; ``enableDefault`` is the
    older spelling of fallback). notes-site has no custom hooks, so fallback means on."""
    value = str(hook.get("useembedded", "")).lower()
    if value in ("always", "fallback"):
        return True
    if value == "never":
        return False
    if "enabledefault" in hook:
        return as_bool(hook["enabledefault"])
    return single_host


def markup_config(config: SiteConfig) -> MarkupConfig:
    """The site's markup settings over Hugo's defaults."""
    markup = _table(config.extra, "markup")
    goldmark = _table(markup, "goldmark")
    ext = _table(goldmark, "extensions")
    parser = _table(goldmark, "parser")
    renderer = _table(goldmark, "renderer")
    hl = _table(markup, "highlight")
    defaults = MarkupConfig()

    def flag(table: Mapping[str, Any], key: str, default: bool) -> bool:
        return as_bool(table[key]) if key in table else default

    hooks = _table(goldmark, "renderhooks")
    # Hugo: on by default for a multilingual single-host site unless duplicateResourceFiles; a
    # site with a [languages] table is multilingual to Hugo even with one language in it.
    multilingual = len(config.languages) > 1 or config.languages_table
    single_host = multilingual and not as_bool(goldmark.get("duplicateresourcefiles", False))
    footnote = ext.get("footnote")
    footnote_table = footnote if isinstance(footnote, Mapping) else {}
    line_nos = hl.get("linenos", False)
    return MarkupConfig(
        definition_list=flag(ext, "definitionlist", True),
        footnote=as_bool(footnote) if isinstance(footnote, bool) else flag(footnote_table, "enable", True),
        footnote_backlink_html=str(footnote_table.get("backlinkhtml", defaults.footnote_backlink_html)),
        linkify=flag(ext, "linkify", True),
        linkify_protocol=str(ext.get("linkifyprotocol", "https")),
        strikethrough=flag(ext, "strikethrough", True),
        table=flag(ext, "table", True),
        task_list=flag(ext, "tasklist", True),
        typographer=_typographer(ext.get("typographer")),
        extras=frozenset(
            name
            for name, table in _table(ext, "extras").items()
            if isinstance(table, Mapping) and flag(table, "enable", False)
        ),
        passthrough_block=_passthrough(_table(ext, "passthrough"), "block"),
        passthrough_inline=_passthrough(_table(ext, "passthrough"), "inline"),
        auto_heading_id=flag(parser, "autoheadingid", True),
        auto_heading_id_type=str(parser.get("autoheadingidtype", "github")).lower(),
        auto_definition_term_id=flag(parser, "autodefinitiontermid", False),
        wrap_standalone_image=flag(parser, "wrapstandaloneimagewithinparagraph", True),
        unsafe=flag(renderer, "unsafe", False),
        hard_wraps=flag(renderer, "hardwraps", False),
        enable_emoji=as_bool(config.extra.get("enableemoji", False)),
        link_hook=_use_embedded(_table(hooks, "link"), single_host),
        image_hook=_use_embedded(_table(hooks, "image"), single_host),
        highlight=Highlight(
            code_fences=flag(hl, "codefences", True),
            line_nos=line_nos is True or str(line_nos).lower() in ("true", "table", "inline"),
            line_numbers_in_table=flag(hl, "linenumbersintable", str(line_nos).lower() != "inline"),
            line_no_start=as_int(hl.get("linenostart", 1)) or 1,
            hl_lines=str(hl.get("hl_lines", "")),
            guess_syntax=flag(hl, "guesssyntax", False),
        ),
    )

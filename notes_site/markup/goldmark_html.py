"""The HTML Goldmark writes where markdown-it's differs: footnotes, task lists, table alignment,
stand-alone images, and text (typographer entities, emoji).

Checked against hugo v0.168's ``.Content`` by ``tests/test_parity_bodies.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from notes_site.markup.renderer import MarkupRenderer

ENV_BACKLINK = "footnote_backlink_html"
"""``env``/options key: the footnote back link's HTML (``backlinkHTML``)."""


def _number(token: Token) -> int:
    return int(token.meta["id"]) + 1


def render_footnote_ref(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """``<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>``;
    a second reference to the same note is ``fnref1:1``."""
    token = tokens[idx]
    number = _number(token)
    sub = int(token.meta.get("subId", 0))
    ref_id = f"fnref{sub if sub else ''}:{number}"
    link = f'<a href="#fn:{number}" class="footnote-ref" role="doc-noteref">{number}</a>'
    return f'<sup id="{ref_id}">{link}</sup>'


def render_footnote_block_open(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'


def render_footnote_block_close(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</ol>\n</div>\n"


def render_footnote_open(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<li id="fn:{_number(tokens[idx])}">\n'


def render_footnote_close(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</li>\n"


def footnote_anchor_renderer(backlink: str):  # type: ignore[no-untyped-def]
    """The back link after a note's text, one per reference (``&#160;<a … role="doc-backlink">``)."""

    def render_footnote_anchor(
        self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        sub = int(token.meta.get("subId", 0))
        ref_id = f"fnref{sub if sub else ''}:{_number(token)}"
        return f'&#160;<a href="#{ref_id}" class="footnote-backref" role="doc-backlink">{backlink}</a>'

    return render_footnote_anchor


_TASK_RE = ("[ ] ", "[x] ", "[X] ")


def task_lists(state: StateCore) -> None:
    """``- [x] done`` → ``<li><input checked="" disabled="" type="checkbox"> done</li>``, as Goldmark."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2 or not token.children:
            continue
        if tokens[index - 1].type != "paragraph_open" or tokens[index - 2].type != "list_item_open":
            continue
        first = token.children[0]
        if first.type != "text" or not first.content.startswith(_TASK_RE):
            continue
        checked = first.content[1] in "xX"
        box = Token("html_inline", "", 0)
        box.content = ('<input checked="" ' if checked else "<input ") + 'disabled="" type="checkbox"> '
        first.content = first.content[4:]
        token.children.insert(0, box)


def unwrap_standalone_images(state: StateCore) -> None:
    """``wrapStandAloneImageWithinParagraph = false``: an image alone in its paragraph loses the ``<p>``."""
    tokens = state.tokens
    for index, token in enumerate(tokens[1:-1], start=1):
        children = token.children or []
        alone = token.type == "inline" and len(children) == 1 and children[0].type == "image"
        if (
            alone
            and tokens[index - 1].type == "paragraph_open"
            and tokens[index + 1].type == "paragraph_close"
        ):
            tokens[index - 1].hidden = tokens[index + 1].hidden = True


def strikethrough_del(state: StateCore) -> None:
    """Goldmark's strikethrough is ``<del>`` (markdown-it writes ``<s>``)."""
    for block in state.tokens:
        for child in block.children or ():
            if child.type in ("s_open", "s_close"):
                child.tag = "del"


def definition_looseness(state: StateCore) -> None:
    """Goldmark decides per definition: one after a blank line keeps its ``<p>``, others do not
    (markdown-it's plugin decides for the whole list)."""
    lines = state.src.split("\n")
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "dd_open":
            continue
        first = next((t for t in tokens[index + 1 : index + 3] if t.type == "paragraph_open" and t.map), None)
        if first is None or first.map is None:
            continue
        before = first.map[0] - 1  # the line before the ": definition" line
        loose = 0 <= before < len(lines) and not lines[before].strip()
        depth = 0
        for inner in tokens[index + 1 :]:
            depth += inner.nesting
            if depth < 0:
                break
            if (
                depth <= 1
                and inner.type in ("paragraph_open", "paragraph_close")
                and inner.level == token.level + 1
            ):
                inner.hidden = not loose


def table_alignment(state: StateCore) -> None:
    """Goldmark writes ``style="text-align: left"`` (with a space)."""
    for token in state.tokens:
        style = token.attrGet("style") if token.type in ("th_open", "td_open") else None
        if isinstance(style, str) and style.startswith("text-align:"):
            token.attrSet("style", "text-align: " + style[len("text-align:") :].strip())


def text_renderer(emoji: bool):  # type: ignore[no-untyped-def]
    """Text as Goldmark writes it: a typographer replacement as its entity; ``:name:`` as the
    emoji's code points (``&#x1f604;``) when ``enableEmoji`` is on."""
    if emoji:
        import emoji as emoji_names  # only needed by sites that turn emoji on

    def render_text(
        self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        if "typographer" in token.meta:
            return str(token.meta["typographer"])
        text = escapeHtml(token.content)
        if emoji and ":" in text:
            text = emoji_names.emojize(text, language="alias")
        return text

    return render_text

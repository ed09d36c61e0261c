"""Page bodies: Hugo's ``.Content`` next to notes-site's rendered body, normalised and compared.

Used by the fixture-site parity tests (``tests/test_parity_bodies.py``) and by
``scripts/parity_real.py`` on real sites. Both sides are parsed into a canonical list of
items (start tags with sorted attributes, end tags, text with white space folded), after
the foldings named in ``expected_differences.toml`` under ``[normalise.*]``:

* ``highlighting``: a code block (``<div class="highlight">``, Chroma on Hugo's side,
  Pygments on ours, or a plain ``<pre>``) becomes ``<pre><code>`` with the code's text (line
  numbers dropped, blank lines around it and trailing spaces ignored): which languages a
  highlighter knows and how it marks them up differ between Chroma and Pygments;
* ``lang-attributes``: notes-site's ``lang`` on paragraphs and headings is dropped;
* ``lazy-images``: notes-site's ``loading="lazy"`` on images is dropped.

Those two attributes are dropped on both sides, since a page's raw HTML may hold them too.

A page's *text* matches when the text of both sides, white space folded, is equal; its
*markup* matches when the canonical lists are equal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

BODY_NORMALISATIONS = ("highlighting", "lang-attributes", "lazy-images")
"""The ``[normalise.*]`` entries of expected_differences.toml that this module applies."""


Item = tuple[str, ...]
"""``("start", tag, 'a="b" …')``, ``("end", tag)`` or ``("text", text)``."""


_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "col", "source", "wbr", "area", "embed"})


_SPACE = re.compile(r"\s+")


_DROPPED_ATTRS = {"lang": "lang-attributes", "loading": "lazy-images"}
"""Attributes notes-site writes of its own accord, and the normalisation that drops them (from
both sides: a page's raw HTML may hold them too, ``<img loading="lazy">``)."""


class _Canonical(HTMLParser):
    """HTML → canonical items; highlighted code blocks folded to ``<pre><code>`` + text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self.code: list[str] | None = None
        self.code_depth = 0
        self.skip_depth = 0
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self.code is not None:
            if tag not in _VOID:
                self.code_depth += 1
                # Line numbers: by class, or the first cell of a table of them (Chroma's
                # noClasses output has only inline styles).
                first_cell = tag == "td" and not self.cells
                self.cells += tag == "td"
                if self.skip_depth or first_cell or {"lnt", "ln", "linenos", "lntd-numbers"} & set(classes):
                    self.skip_depth += 1
            return
        if (tag == "div" and "highlight" in classes) or tag == "pre":
            self.code, self.code_depth, self.cells = [], 1, 0
            return
        for name in _DROPPED_ATTRS:  # both sides: raw HTML may carry them too
            values.pop(name, None)
        text = " ".join(f'{k}="{v or ""}"' for k, v in sorted(values.items()))
        self.items.append(("start", tag, text))
        if tag in _VOID:
            self.items.append(("end", tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.code is None:
            self.items.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        if self.code is not None:
            if tag in _VOID:
                return
            self.code_depth -= 1
            if self.skip_depth:
                self.skip_depth -= 1
            if self.code_depth == 0:
                lines = "".join(self.code).strip("\n").split("\n")
                text = "\n".join(line.rstrip() for line in lines)
                self.items.extend([("start", "pre", ""), ("start", "code", ""), ("text", text)])
                self.items.extend([("end", "code"), ("end", "pre")])
                self.code = None
            return
        if tag not in _VOID:
            self.items.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.code is not None:
            if not self.skip_depth:
                self.code.append(data)
            return
        self.items.append(("text", data))

    def handle_comment(self, data: str) -> None:
        if self.code is None:
            self.items.append(("text", f"<!--{data}-->"))


def _fold(items: Iterable[Item]) -> list[Item]:
    """Join adjacent text, fold white space, drop white space between tags (outside ``<pre>``)."""
    out: list[Item] = []
    for item in items:
        if item[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + item[1])
        else:
            out.append(item)
    folded: list[Item] = []
    pre = 0
    for item in out:
        if item[0] == "start" and item[1] == "pre":
            pre += 1
        elif item[0] == "end" and item[1] == "pre":
            pre -= 1
        if item[0] == "text" and not pre:
            text = _SPACE.sub(" ", item[1])
            if not text.strip():
                continue
            folded.append(("text", text.strip()))
        elif item[0] == "text":
            folded.append(("text", item[1].rstrip("\n")))
        else:
            folded.append(item)
    return folded


def canonical(fragment: str) -> list[Item]:
    """*fragment* as canonical items (see the module docs)."""
    parser = _Canonical()
    parser.feed(fragment)
    parser.close()
    return _fold(parser.items)


def text_of(items: Iterable[Item]) -> str:
    """The text of canonical items, white space folded."""
    return _SPACE.sub(" ", " ".join(item[1] for item in items if item[0] == "text")).strip()


def serialise(items: Iterable[Item]) -> str:
    """Canonical items back to a one-line-per-block HTML-ish string, for diffs."""
    out: list[str] = []
    for item in items:
        if item[0] == "start":
            out.append(f"<{item[1]}{' ' + item[2] if item[2] else ''}>")
        elif item[0] == "end":
            out.append(f"</{item[1]}>")
        else:
            out.append(html.escape(item[1], quote=False))
    return "".join(out).replace("><", ">\n<")


@dataclass(frozen=True, slots=True)
class BodyComparison:
    """One page's body on both sides."""

    text_equal: bool
    """The text (white space folded) is the same."""
    markup_equal: bool
    """The canonical markup is the same."""
    hugo: str
    """Hugo's body, serialised canonically."""
    ours: str
    """notes-site's body, serialised canonically."""


def compare_bodies(hugo_html: str, our_html: str) -> BodyComparison:
    """Compare Hugo's ``.Content`` with notes-site's body (module docs)."""
    theirs, mine = canonical(hugo_html), canonical(our_html)
    return BodyComparison(
        text_of(theirs) == text_of(mine), theirs == mine, serialise(theirs), serialise(mine)
    )


def first_difference(comparison: BodyComparison, context: int = 2) -> str:
    """The first differing lines of the two serialisations, with a little context."""
    a, b = comparison.hugo.split("\n"), comparison.ours.split("\n")
    index = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, index - context)
    hugo = "\n".join(a[lo : index + context + 1])
    ours = "\n".join(b[lo : index + context + 1])
    return f"--- hugo\n{hugo}\n+++ notes-site\n{ours}"

"""Repositories the text itself says are not the paper's code.

    For reading, https://github.com/harvardnlp/annotated-transformer is nicer, but that's Harvard
    NLP's walkthrough, not the paper's.
    CarperAI's trlX (https://github.com/CarperAI/trlx) reimplements the RLHF recipe.
    code:: 无官方代码（lucidrains 的复现 https://github.com/lucidrains/toolformer-pytorch ，不是作者的）

A code link is **disowned** when its sentence (cut at ``.``, ``;``, ``。``, ``；``, ``!``, ``?``;
the dots inside URLs do not count) says the code is someone else's: ``not the paper's``, ``not
OpenAI's``, ``unofficial``, ``third-party``, ``a reimplementation``, ``不是官方的``, ``第三方``,
``复现``. A sentence that calls the code official (``the official reimplementation``, ``官方复现``)
disowns nothing. When a sentence holds several code links, the one nearest the words is the
one disowned. Such a link stays one of the entry's links; it is no paper's code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from notes_site.digest.lines import Line, sentences
from notes_site.digest.links import link_kind

_DISOWNS_RE = re.compile(
    r"\bnot\s+(?:the|this|their|its|an?)?\s*(?:paper|author|official|original)"
    r"|\bnot\s+[A-Z][\w-]*(?:'s|s')(?=\W|$)|\bnothing\s+official\b|\bunofficial\b|\bnon-official\b"
    r"|\bthird[- ]party\b|\bre-?implement(?:s|ed|ation)?\b"
    r"|非官方|第三方|复现|不是官方|并非官方|不是作者|不是论文|非作者|社区(?:实现|版本)",
    re.IGNORECASE,
)

_OWNED_RE = re.compile(r"(?<![Nn]on-)(?<![Uu]n)(?<!not )(?<!nothing )\bofficial\b|(?<![非无不是没有并])官方")
"""``official`` or ``官方`` said of the code, not denied (``unofficial``, ``无官方代码``)."""


def disowned_code(lines: Iterable[Line]) -> set[str]:
    """The code URLs on *lines* that their own sentence says are not the paper's."""
    found: set[str] = set()
    for line in lines:
        urls = [u for u in line.urls if not u.image and link_kind(u.url) == "code"]
        for start, end, sentence in sentences(line) if urls else ():
            inside = [u for u in urls if start <= u.offset < end]
            words = list(_DISOWNS_RE.finditer(sentence))
            if inside and words and not _OWNED_RE.search(sentence):
                spots = [start + word.start() for word in words]
                nearest = min(inside, key=lambda u: min(abs(u.offset - spot) for spot in spots))
                found.add(nearest.url)
    return found

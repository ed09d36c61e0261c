"""Small text helpers shared by the parser and the renderer: CJK detection, whitespace, bare URLs.

Digests mix Chinese and English and are pasted from web pages, so URLs arrive glued to
Chinese text (``获取https://…``), inside full-width brackets (``（https://…）``) or right
after a full-width colon. A bare URL here ends at white space, at CJK punctuation or at a
CJK character, which is what a reader means in every case we have seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Han ideographs (incl. extension A and compatibility), kana and hangul.
_CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"


# CJK symbols and punctuation, full-width forms (（）：，etc.), corner brackets.
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026"


_CJK_RE = re.compile(f"[{_CJK_CHARS}]")


_SPACE_RE = re.compile(r"\s+")


# A URL runs until white space, CJK text or punctuation, markdown emphasis or an angle bracket.
URL_RE = re.compile(rf"https?://[^\s<>\"'`*{_CJK_CHARS}{_CJK_PUNCT}]+", re.IGNORECASE)


_TRAILING_PUNCT = ".,;:!?"


_BRACKETS = {")": "(", "]": "["}


def has_cjk(text: str) -> bool:
    """True when *text* contains at least one Chinese, Japanese or Korean character."""
    return _CJK_RE.search(text) is not None


def fold_space(text: str) -> str:
    """Collapse every run of white space to one space and trim the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def _trim_url(url: str) -> str:
    """Drop trailing sentence punctuation and unbalanced closing brackets, as linkify does."""
    while url:
        last = url[-1]
        if last in _TRAILING_PUNCT or (last in _BRACKETS and url.count(last) > url.count(_BRACKETS[last])):
            url = url[:-1]
        else:
            break
    return url


def find_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, url)`` for every bare http(s) URL in *text*.

    Matches may start in the middle of a word (``SOTAhttps://…``), because digests glue
    URLs to the preceding headline.
    """
    for match in URL_RE.finditer(text):
        url = _trim_url(match.group(0))
        if len(url) > len("https://"):
            yield match.start(), match.start() + len(url), url


_HOSTED_RE = re.compile(
    r"(?<![\w./@:-])(?:www\.)?(?:(?:github\.com|gitlab\.com)/[\w.-]+/[\w.-]+"
    r"|arxiv\.org/(?:abs|pdf)/[\w.-]+|(?:dx\.)?doi\.org/10\.\d+/|openreview\.net/(?:forum|pdf)\?id="
    r"|aclanthology\.org/[\w.-]+|huggingface\.co/papers/[\w.-]+)"
    + f"(?:{URL_RE.pattern[len('https?://') :]})?",
    re.IGNORECASE,
)
"""A repository or a paper written without its scheme (``github.com/owner/repo``,
``arxiv.org/abs/…``, ``doi.org/10.…``, as chats and slides paste them): the page shows it as
text (as Hugo does), the paper model reads it as the link."""


_REPOSITORY_RE = re.compile(r"(?:www\.)?(?:github\.com|gitlab\.com)/", re.IGNORECASE)


def bare_urls(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, url)`` of every bare URL in *text*, in order, as the digest parser reads
    them: :func:`find_urls`' http(s) URLs, and code repositories written without ``https://``
    (given one; the rendered page leaves those as text, as Hugo does)."""
    found = list(find_urls(text))
    for match in _HOSTED_RE.finditer(text):
        start = match.start()
        if any(low <= start < high for low, high, _url in found):
            continue
        url = next(find_urls("https://" + match.group(0)), (0, 0, ""))[2]
        # https://host/owner/repo or https://host/paper, once trailing punctuation is trimmed
        if url.count("/") >= (4 if _REPOSITORY_RE.match(match.group(0)) else 3):
            found.append((start, start + len(url) - len("https://"), url))
    return sorted(found)


def strip_urls(text: str) -> str:
    """*text* with its bare URLs (:func:`bare_urls`) removed and white space folded."""
    parts: list[str] = []
    pos = 0
    for start, end, _url in bare_urls(text):
        parts.append(text[pos:start])
        parts.append(" ")
        pos = end
    parts.append(text[pos:])
    return fold_space("".join(parts))

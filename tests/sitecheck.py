"""Helpers that check a built site as a crawler would: every internal link and anchor resolves."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


@dataclass
class _Page:
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(str(values["id"]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and not (tag == "link" and values.get("rel") == "canonical"):
                self.page.links.append(value)


def _parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def _target(root: Path, base_path: str, href: str) -> Path | None:
    """The file an internal href points to, or None for an external one."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    assert path.startswith(base_path), f"internal link {href!r} is outside the base path {base_path!r}"
    relative = path[len(base_path) :]
    file = root / relative
    if relative == "" or relative.endswith("/"):
        file = file / "index.html"
    return file


def broken_links(root: Path, base_path: str = "/") -> list[str]:
    """Every internal link or anchor in *root*'s HTML files that points nowhere."""
    pages = {path: _parse(path) for path in sorted(root.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        for href in page.links:
            if href.startswith(("mailto:", "data:", "javascript:")):
                continue
            url, fragment = urldefrag(href)
            if url == "":
                target = path
            else:
                resolved = _target(root, base_path, url)
                if resolved is None:
                    continue
                target = resolved
            where = path.relative_to(root)
            if not target.is_file():
                problems.append(f"{where}: {href} → missing {target.relative_to(root)}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    problems.append(f"{where}: {href} → no id {unquote(fragment)!r}")
    return problems

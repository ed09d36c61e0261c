"""``ref`` and ``relref``: find the page a content path names, the way Hugo looks pages up."""

from __future__ import annotations

from collections.abc import Sequence

from notes_site.hugo.page import Page
from notes_site.site.views.hrefs import Hrefs

_CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm")
"""Content file extensions a reference may name a page by."""


class RefIndex:
    """Resolves ``ref``/``relref`` targets the way Hugo looks pages up.

    A target may be the content path (``posts/training.md``, with or without the
    extension, with or without a leading ``/``), a path relative to the referring page, a
    bundle folder, or a bare file or bundle folder name when only one page has it.
    """

    def __init__(self, pages: Sequence[Page], base_url: str) -> None:
        self.hrefs = Hrefs(base_url)
        self.by_key: dict[tuple[str, str], str] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        """A page by its file or bundle name, when only one has it (for a target without a ``/``)."""
        names: dict[tuple[str, str], list[str]] = {}
        for page in pages:
            if page.file is None:
                # A home or section page Hugo makes without a file: found by its folder ("" = home).
                self.by_key.setdefault((page.lang, page.source.lower()), page.url)
                continue
            keys: set[str] = set()
            for source in dict.fromkeys((page.source, page.file_path or page.source)):
                stem = source.rsplit(".", 1)[0]
                keys.update((source, stem))
                if stem.endswith(("/index", "/_index")):
                    keys.add(stem.rsplit("/", 1)[0])
                if stem == "_index":
                    keys.add("")
            source = page.file_path or page.source
            stem = source.rsplit(".", 1)[0]
            for key in keys:
                self.by_key.setdefault((page.lang, key.lower()), page.url)
            found_by = [source.rsplit("/", 1)[-1], stem.rsplit("/", 1)[-1]]
            if stem.endswith(("/index", "/_index")):  # a bundle goes by its folder's name too
                found_by.append(stem.rsplit("/", 2)[-2])
            for name in found_by:
                names.setdefault((page.lang, name.lower()), []).append(page.url)
        for name_key, urls in names.items():
            if len(set(urls)) == 1:
                self.by_name[name_key] = urls[0]
        self.lang_of = {page.source: page.lang for page in pages}

    def __call__(self, path: str, *, source: str, absolute: bool, names: bool = True) -> str | None:
        lang = self.lang_of.get(source, "")
        target = path.strip()
        candidates = []
        if not target.startswith("/") and "/" in source:
            candidates.append(source.rsplit("/", 1)[0] + "/" + target)
        candidates.append(target.lstrip("/"))
        for candidate in candidates:
            parts: list[str] = []
            for part in candidate.split("/"):
                if part == "..":
                    if parts:
                        parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            key = "/".join(parts).lower()
            url = self.by_key.get((lang, key))
            if url is None and key.endswith(_CONTENT_SUFFIXES):  # other.md names the bundle other/ too
                url = self.by_key.get((lang, key.rsplit(".", 1)[0]))
            if url is not None:
                return self.hrefs.absolute(url) if absolute else self.hrefs(url)
        # As Hugo, a name alone (no folder in it) may name a page anywhere, if only one has it.
        url = self.by_name.get((lang, target.lower())) if names and "/" not in target else None
        if url is not None:
            return self.hrefs.absolute(url) if absolute else self.hrefs(url)
        return None

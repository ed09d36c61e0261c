"""``ref`` and ``relref``: find the page a content path names, the way Hugo looks pages up."""

from __future__ import annotations

from notes_site.digest.model import Site
from notes_site.site.targets import LinkTargets
from notes_site.site.views.hrefs import Hrefs


class RefIndex:
    """Resolves ``ref``/``relref`` targets the way Hugo looks pages up.

    A target may be the content path (``posts/training.md``, with or without the
    extension, with or without a leading ``/``), a path relative to the referring page, a
    bundle folder, or a bare file name when only one page has it.
    """

    def __init__(self, site: Site) -> None:
        self.site = site
        self._targets: LinkTargets | None = None
        self.hrefs = Hrefs(site.config.base_url)
        self.by_key: dict[tuple[str, str], str] = {}
        names: dict[tuple[str, str], list[str]] = {}
        for document in site.documents:
            page = document.page
            if page.file is None:
                continue
            source = page.source
            stem = source.rsplit(".", 1)[0]
            keys = {source, stem}
            if stem.endswith(("/index", "/_index")):
                keys.add(stem.rsplit("/", 1)[0])
            for key in keys:
                self.by_key.setdefault((page.lang, key.lower()), page.url)
            for name in (source.rsplit("/", 1)[-1], stem.rsplit("/", 1)[-1]):
                names.setdefault((page.lang, name.lower()), []).append(page.url)
        for name_key, urls in names.items():
            if len(set(urls)) == 1:
                self.by_key.setdefault(name_key, urls[0])
        self.lang_of = {d.page.source: d.page.lang for d in site.documents}

    def check_link(self, href: str, *, page_url: str) -> str | None:
        """Why a local link on the page at *page_url* leads nowhere (None when it works); the
        renderer reports it as ``broken-link`` (:class:`~notes_site.markup.shortcodes.render.LinkChecker`)."""
        if self._targets is None:
            self._targets = LinkTargets(self.site)
        return self._targets.problem(href, page_url)

    def __call__(self, path: str, *, source: str, absolute: bool) -> str | None:
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
            url = self.by_key.get((lang, "/".join(parts).lower()))
            if url is not None:
                return self.hrefs.absolute(url) if absolute else self.hrefs(url)
        return None

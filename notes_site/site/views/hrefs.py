"""Site paths, hrefs and anchors: where every page of the site lives, as templates link to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from notes_site.base.text import has_cjk
from notes_site.digest.model import Entry
from notes_site.hugo.outputs import safe_segment
from notes_site.hugo.urls import encode_href, make_path_sanitized


@dataclass(frozen=True, slots=True)
class Hrefs:
    """Turns site paths (``/papers/2506.10910/``) into hrefs and absolute URLs.

    Every page links to the same few hundred paths, so each href is encoded once and kept.
    """

    base_url: str
    """``baseURL`` as configured (may be just ``/``)."""
    _encoded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Hrefs made so far, by site path."""

    @property
    def base_path(self) -> str:
        """The path part of ``baseURL``, always ending in ``/`` (``/notes/``)."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def __call__(self, path: str) -> str:
        """A root-relative href under the base path, percent-encoded (``/notes/posts/%E8%AE%AD/``)."""
        href = self._encoded.get(path)
        if href is None:
            href = encode_href(self.base_path.rstrip("/") + "/" + path.lstrip("/"))
            self._encoded[path] = href
        return href

    def absolute(self, path: str) -> str:
        """An absolute URL when ``baseURL`` has a host, else the same as :meth:`__call__`."""
        return self.absolute_href(self(path))

    def absolute_href(self, href: str) -> str:
        """An href from :meth:`__call__` (fragment allowed) as an absolute URL, when there is a host."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}{href}" if parts.scheme and parts.netloc else href


def lang_of(text: str) -> str:
    """``zh`` for text with Chinese characters, else ``en`` (for ``lang`` attributes)."""
    return "zh" if has_cjk(text) else "en"


def entry_anchor(entry: Entry) -> str:
    """A stable id for an entry card: ``e-`` + its line (unique within a document)."""
    return f"e-{entry.line}"


def topic_path(section: Sequence[str]) -> str:
    """The site path of a topic page: ``/topics/预训练/数据工程/`` (segments sanitized as Hugo does;
    a ``..`` heading or one too long for a file name made safe by :func:`safe_segment`)."""
    return "/topics/" + "".join(_segment(part) + "/" for part in section)


def term_path(plural: str, term: str) -> str:
    """The site path of a taxonomy term page, as Hugo makes it: ``/tags/强化学习/`` (made safe as
    :func:`topic_path` is)."""
    return f"/{plural}/{_segment(term)}/"


def _segment(text: str) -> str:
    """A path segment from a heading or a term; ``-`` when nothing of it is left (``## <b></b>``,
    a tag ``!!!``), which would otherwise be the list page's own path."""
    return safe_segment(make_path_sanitized(text)) or "-"

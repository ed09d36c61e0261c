"""arXiv ids and link kinds, read off URLs and text.

Pure functions: they see one URL or one string at a time and know nothing of documents.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qs, urlsplit

LinkKind = Literal["arxiv", "pdf", "paper", "code", "project", "article", "model", "image", "other"]


# New-style arXiv ids: YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-), optional version.
_ID = r"(?P<id>\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?"


# URL shapes (host + path) that name an arXiv paper; each pattern captures the id.
_END = r"(?:\.pdf)?(?:[/?#]|$)"


_PAPER_URL_RES = tuple(
    re.compile(prefix + _ID + _END, re.IGNORECASE)
    for prefix in (
        r"^(?:www\.|export\.|browse\.)?arxiv\.org/(?:abs|pdf|html|format)/",
        r"^ar5iv(?:\.labs\.arxiv)?\.org/(?:abs|html)/",
        r"^papers\.cool/arxiv/(?:kimi\?paper=)?",
        r"^(?:www\.)?alphaxiv\.org/(?:abs|overview|pdf)/",
        r"^huggingface\.co/papers/",
    )
)


# ``arXiv:2506.10910`` / ``arXiv: 2506.10910v2`` / ``arxiv：2506.10910`` written in prose.
_INLINE_RE = re.compile(r"(?:\barxiv(?:\s*[:：]\s*|\s+(?:id\s+)?)|\bCoRR\s+abs/)" + _ID, re.IGNORECASE)
"""``arXiv:2302.06675``, ``arXiv 2302.06675``, ``arXiv ID 2302.06675`` in prose, and DBLP's
``CoRR abs/2004.05150`` (the arXiv preprints it lists as the CoRR journal)."""


_CODE_HOSTS = ("github.com", "gitlab.com", "gitee.com", "bitbucket.org", "codeberg.org")


_ARTICLE_HOSTS = (
    "mp.weixin.qq.com",
    "zhuanlan.zhihu.com",
    "www.zhihu.com",
    "zhihu.com",
    "medium.com",
    "substack.com",
    "jiqizhixin.com",
    "qbitai.com",
)


# Pages of a paper that is not (only) on arXiv: OpenReview, ACL Anthology, DOIs, publishers.
_PAPER_HOSTS = (
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "doi.org",
    "dx.doi.org",
    "dl.acm.org",
    "proceedings.neurips.cc",
    "proceedings.mlr.press",
    "openaccess.thecvf.com",
    "ieeexplore.ieee.org",
    "nature.com",
    "science.org",
    "link.springer.com",
)


_IMAGE_EXT_RE = re.compile(r"\.(?:png|jpe?g|gif|webp|svg|avif)(?:[?#]|$)", re.IGNORECASE)


# Image hosts that hand out links which stop working after a while.
_EXPIRING_IMAGE_RE = re.compile(
    r"feishu\.cn/space/api/box/stream/download/|larksuite\.com/space/api/box/stream/download/"
    r"|/asynccode/|[?&](?:x-expires|expires|x-amz-expires|x-oss-expires)=",
    re.IGNORECASE,
)


_REDIRECTS = {"/scholar_url": ("url",), "/url": ("url", "q")}
"""Search engines' redirect paths (Google Scholar alert e-mails, Google results) and the query
parameter that holds where they lead."""


def unwrap_redirect(url: str) -> str:
    """Where a Google (Scholar) redirect link leads, else *url*:
    ``https://scholar.google.com/scholar_url?url=https://arxiv.org/pdf/2004.04906&hl=en`` →
    ``https://arxiv.org/pdf/2004.04906``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = parts.netloc.lower()
    names = _REDIRECTS.get(parts.path)
    if names is None or not re.match(r"^(?:[\w-]+\.)*google\.[a-z.]+$", host):
        return url
    query = parse_qs(parts.query)
    for name in names:
        inner = query.get(name, [""])[0]
        if inner.startswith(("http://", "https://")):
            return inner
    return url


def _host_and_path(url: str) -> tuple[str, str]:
    url = unwrap_redirect(url)
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[a-z0-9]…" in a regex someone wrote down: not a URL at all
        return "", url
    rest = parts.path
    if parts.query:
        rest += "?" + parts.query
    return parts.netloc.lower(), rest


def arxiv_id_from_url(url: str) -> str | None:
    """The arXiv id (without version) a URL points to, or None.

    >>> arxiv_id_from_url("https://arxiv.org/pdf/2506.10910v3.pdf")
    '2506.10910'
    """
    host, path = _host_and_path(url)
    for pattern in _PAPER_URL_RES:
        match = pattern.match(host + path)
        if match:
            return match.group("id")
    return None


def arxiv_ids_in_text(text: str) -> list[tuple[int, str]]:
    """``(offset, id)`` for ids written in prose as ``arXiv:ID`` (URLs: :func:`arxiv_id_from_url`)."""
    return [(match.start(), match.group("id")) for match in _INLINE_RE.finditer(text)]


def is_pdf_url(url: str) -> bool:
    """True for arXiv PDF links (``/pdf/ID`` or a ``.pdf`` ending)."""
    host, path = _host_and_path(url)
    return ("arxiv.org" in host and path.startswith("/pdf/")) or path.lower().endswith(".pdf")


def link_kind(url: str, *, image: bool = False) -> LinkKind:
    """Classify a URL by what it points to; labels in the text may override this later."""
    if image:
        return "image"
    host, path = _host_and_path(url)
    if arxiv_id_from_url(url):
        return "pdf" if is_pdf_url(url) else "arxiv"
    if any(host == h or host.endswith("." + h) for h in _CODE_HOSTS):
        return "code"
    if any(host == h or host == "www." + h for h in _PAPER_HOSTS):
        return "paper"
    if host in _ARTICLE_HOSTS or host.endswith(".substack.com"):
        return "article"
    if host == "huggingface.co" and not path.startswith("/papers"):
        return "model"
    if _IMAGE_EXT_RE.search(path):
        return "image"
    return "other"


def is_expiring_image(url: str) -> bool:
    """True when the URL is a signed or temporary download link (e.g. feishu ``asynccode``)."""
    return _EXPIRING_IMAGE_RE.search(url) is not None

"""The labels pasted digests put before a value (``标题``, ``论文链接``, ``Authors`` …) and author lists."""

from __future__ import annotations

import re

from notes_site.base.text import fold_space
from notes_site.digest.links import LinkKind

# Labels written before a value, by what they mean. Matching ignores case and the
# spaces inside a label (``开源模型 & 数据`` / ``开源模型&数据``).
_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "论文标题", "题目", "Title", "Paper Title"),
    "paper": ("链接", "论文链接", "论文地址", "论文", "arXiv", "Link", "Paper", "Paper Link", "PDF"),
    "authors": ("作者", "Authors", "Author"),
    "comment": ("备注", "Comments", "Comment"),
    "abstract": ("摘要", "Abstract"),
    "code": ("代码仓库", "项目代码", "开源代码", "代码", "代码链接", "代码地址", "Code", "GitHub", "Repo"),
    "project": ("项目网页", "项目主页", "项目地址", "Project", "Project Page", "Homepage"),
    "model": ("开源模型 & 数据", "开源模型", "开源数据", "模型", "数据集", "Model", "Models", "Dataset"),
    "caption": ("图注",),
}


LABEL_FIELD = {
    re.sub(r"\s+", "", label).lower(): name for name, labels in _LABELS.items() for label in labels
}


LABEL_RE = re.compile(
    r"^[^\w\s]{0,3}\s*(?P<label>"
    + "|".join(
        r"\s*".join(re.escape(part) for part in label.split())
        for label in sorted((lab for labs in _LABELS.values() for lab in labs), key=len, reverse=True)
    )
    + r")\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)


# Fields whose value must carry a URL to count as a field (``论文：本文提出…`` is prose).
URL_FIELDS = {"paper", "code", "project", "model"}


FORCED_KIND: dict[str, LinkKind] = {"code": "code", "project": "project", "model": "model"}


_ETAL_RE = re.compile(
    r"[\s,，、;；]*(?:(?:et\s+al\.?)|等人?)?\s*"
    r"(?:[(（]\s*(?P<hidden>\d+)\s+additional\s+authors?\s+not\s+shown\s*[)）])?\s*[.。]?\s*$",
    re.IGNORECASE,
)


_AFFILIATION_RE = re.compile(r"^\s*(?P<affiliation>[^,，、;；:：()（）]{1,80}?)\s*[:：]\s+(?=\S)")


_AUTHOR_SPLIT_RE = re.compile(r"\s*[,，、;；]\s*")


# Link texts that are counters or buttons, not titles: [#22] [PDF(3)] [Copy] [Kimi(4)] [REL].
NOT_A_TITLE_RE = re.compile(r"^(?:#\d+|pdf.*|copy|kimi.*|rel|abs|arxiv|html|link|链接|here|\d+|\W*)$", re.I)


def split_authors(value: str) -> tuple[tuple[str, ...], bool, int | None, str | None]:
    """Author names, whether the list is cut off, how many are hidden, and an affiliation prefix."""
    affiliation = None
    match = _AFFILIATION_RE.match(value)
    if match and not _AUTHOR_SPLIT_RE.search(match.group("affiliation")):
        affiliation = match.group("affiliation").strip()
        value = value[match.end() :]
    tail = _ETAL_RE.search(value)
    truncated = False
    hidden = None
    if tail and tail.group(0).strip(" ,，、;；.。"):
        truncated = True
        hidden = int(tail.group("hidden")) if tail.group("hidden") else None
        value = value[: tail.start()]
    names = tuple(name for part in _AUTHOR_SPLIT_RE.split(value) if (name := fold_space(part)))
    return names, truncated, hidden, affiliation

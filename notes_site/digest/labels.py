"""The labels pasted digests put before a value (``标题``, ``论文链接``, ``Authors`` …), author
lists, and what counts as a title.

Every format reader shares this vocabulary: a label means the same field whichever site the
block was copied from; the readers differ in where a block starts and what else it holds.
"""

from __future__ import annotations

import re

from notes_site.base.text import fold_space, has_cjk
from notes_site.digest.links import LinkKind

# Labels written before a value, by what they mean. Matching ignores case and the
# spaces inside a label (``开源模型 & 数据`` / ``开源模型&数据``).
_LABELS: dict[str, tuple[str, ...]] = {
    "title": (
        "标题",
        "论文标题",
        "论文题目",
        "论文名称",
        "题目",
        "中文标题",
        "英文标题",
        "Title",
        "Paper Title",
    ),
    "paper": (
        "链接",
        "论文链接",
        "论文地址",
        "地址",
        "原文",
        "原文链接",
        "文章链接",
        "论文",
        "arXiv",
        "OpenReview",
        "DOI",
        "ACL Anthology",
        "Link",
        "Paper",
        "Paper Link",
        "PDF",
        "URL",
        "URLs",
        "Links",
        "abs",
        "Paper page",
    ),
    "authors": ("作者", "论文作者", "Authors", "Author", "dc:creator", "Creator"),
    "comment": ("备注", "Comments", "Comment"),
    "abstract": ("摘要", "Abstract"),
    "code": (
        "代码仓库",
        "项目代码",
        "开源代码",
        "开源地址",
        "代码",
        "代码链接",
        "代码地址",
        "源码",
        "Code",
        "GitHub",
        "Github 地址",
        "Repo",
    ),
    "project": ("项目网页", "项目主页", "项目地址", "主页", "Project", "Project Page", "Homepage", "Website"),
    "model": (
        "开源模型 & 数据",
        "开源模型",
        "开源数据",
        "模型",
        "模型地址",
        "数据集",
        "Model",
        "Models",
        "Dataset",
        "Hugging Face",
    ),
    "affiliation": ("机构", "单位", "作者单位", "Affiliation", "Affiliations", "Institution", "Institutions"),
    "venue": (
        "发表",
        "会议",
        "收录",
        "收录会议",
        "发表会议",
        "录用",
        "期刊",
        "Venue",
        "Conference",
        "Published in",
        "Publication",
    ),
    "note": (
        "点评",
        "一句话总结",
        "一句话点评",
        "要点",
        "简介",
        "内容简介",
        "TL;DR",
        "TLDR",
        "Note",
        "Notes",
    ),
    "meta": (
        "Subjects",
        "Subject",
        "Publish",
        "Keywords",
        "关键词",
        "Submitted by",
        "Categories",
        "Category",
        "Year",
        "Tags",
        "Zotero",
        "Citekey",
        "Announce Type",
        "Labels",
        "Label",
        "Assignees",
        "Milestone",
        "Status",
        "标签",
        "文章标签",
        "分类专栏",
        "发表时间",
        "发布时间",
        "AMiner链接",
        "Published",
        "Last Modified",
        "Readers",
        "Submission Number",
    ),
    "caption": ("图注",),
}


LABEL_FIELD = {
    re.sub(r"\s+", "", label).lower(): name for name, labels in _LABELS.items() for label in labels
}


_ANY_LABEL = "|".join(
    r"\s*".join(re.escape(part) for part in label.split())
    for label in sorted((lab for labs in _LABELS.values() for lab in labs), key=len, reverse=True)
)


_NUMBER = r"\s*[0-9一二三四五六七八九十]{1,2}"


# ``标题：…``, ``**Authors**: …``, ``📄 论文 1：…``, Obsidian's ``Title:: …``, an e-mail's
# ``Title — …``, and the bracketed ``【论文标题】…`` / ``[代码] …``.
LABEL_RE = re.compile(
    rf"^[^\w\s]{{0,3}}\s*(?:(?P<label>{_ANY_LABEL})(?P<number>{_NUMBER})?(?:\s*[:：]{{1,2}}|\s+[—–]\s+)"
    rf"|[【\[](?P<bracketed>{_ANY_LABEL})(?P<bracket_number>{_NUMBER})?[】\]]\s*[:：]?)\s*(?P<value>.*)$",
    re.IGNORECASE,
)


# Fields whose value must carry a URL to count as a field (``论文：本文提出…`` is prose).
URL_FIELDS = {"paper", "code", "project", "model"}


FORCED_KIND: dict[str, LinkKind] = {"code": "code", "project": "project", "model": "model"}


def label_of(text: str, has_url: bool) -> tuple[str, str] | None:
    """``(field, value)`` when *text* is a labelled line; link fields need a URL (or an id) on the
    line, except a numbered paper (``论文 1：Title``), which is a title."""
    match = LABEL_RE.match(text)
    if not match:
        return None
    label = match.group("label") or match.group("bracketed")
    name = LABEL_FIELD.get(re.sub(r"\s+", "", label).lower())
    if name == "paper" and not has_url and (match.group("number") or match.group("bracket_number")):
        name = "title"
    if name is None or (name in URL_FIELDS and not has_url):
        return None
    return name, match.group("value").strip()


def bare_label(text: str) -> str | None:
    """The field of a label alone on its line, its value on the next (``**论文标题**``, ``📄 论文标题``)."""
    name = re.sub(r"^[^\w\s]{1,3}\s*", "", text.strip().strip("*【】[]#>▍：:").strip())
    field = LABEL_FIELD.get(re.sub(r"\s+", "", name.strip("*：:")).lower())
    return field if field not in (None, "meta", "caption") else None


_ETAL_RE = re.compile(
    r"[\s,，、;；]*(?:(?:et\s+al\.?)|等人?|…|\.\.\.)?\s*"
    r"(?:[(（]\s*(?P<hidden>\d+)\s+additional\s+authors?\s+not\s+shown\s*[)）]"
    r"|\+\s*(?P<plus>\d+)(?:\s+(?:more\s+)?authors?)?)?\s*[.。]?\s*$",
    re.IGNORECASE,
)


_AFFILIATION_RE = re.compile(r"^\s*(?P<affiliation>[^,，、;；:：()（）]{1,80}?)\s*[:：]\s+(?=\S)")


_GROUP_RE = re.compile(r"\s*[(（](?P<affiliation>[^()（）]{1,120})[)）]\s*$")


_AUTHOR_SPLIT_RE = re.compile(r"\s*[,，、;；]\s*(?:and\s+)?|\s+(?:and|&|[·•])\s+")


def split_authors(value: str) -> tuple[tuple[str, ...], bool, int | None, str | None]:
    """Author names, whether the list is cut off, how many are hidden, and an affiliation prefix."""
    affiliation = None
    match = _AFFILIATION_RE.match(value)
    if match and not _AUTHOR_SPLIT_RE.search(match.group("affiliation")):
        affiliation = match.group("affiliation").strip()
        value = value[match.end() :]
    group = _GROUP_RE.search(value)
    if (
        group
        and "(" not in value[: group.start()]
        and "（" not in value[: group.start()]
        and not re.search(r"\bauthors?\b|\d+\s*(?:more|位|人)", group.group("affiliation"), re.IGNORECASE)
    ):
        # ``A, B, C 等（北京大学, 斯坦福大学）``: a bracket after the last name, the only one, is
        # the whole list's affiliation.
        affiliation = affiliation or group.group("affiliation").strip()
        value = value[: group.start()]
    tail = _ETAL_RE.search(value)
    truncated, hidden = False, None
    if tail and tail.group(0).strip(" ,，、;；") not in ("", ".", "。"):  # ``…, Yu Yue, ...`` is cut off
        truncated = True
        count = tail.group("hidden") or tail.group("plus")
        hidden = int(count) if count else None
        value = value[: tail.start()]
    # Wiki links (``[[Dzmitry Bahdanau]]``, Obsidian) are names.
    value = re.sub(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]", r"\1", value)
    parts = (fold_space(part) for part in _AUTHOR_SPLIT_RE.split(value))
    names = tuple(name for name in parts if re.search(r"\w", name))  # ``作者：—`` names nobody
    return names, truncated, hidden, affiliation


# Link texts that are counters, buttons or ids, not titles: [#22] [PDF(3)] [Copy] [Kimi(4)]
# [REL] [2205.14135] [arXiv:2205.14135] [论文链接] [GitHub] [here].
NOT_A_TITLE_RE = re.compile(
    r"^(?:#\d+|pdf\s*\(?\d*\)?|copy|kimi\s*\(?\d*\)?|rel|abs|arxiv(?:\s*[:：]\s*\S*)?|html|link|链接|here|\d+|\W*"
    r"|\d{4}\.\d{4,5}(?:v\d+)?|(?:doi|openreview|acl)\s*[:：].*|10\.\d{4,9}/\S+|https?://\S*"
    r"|论文|论文链接|论文地址|原文|原文链接|地址|这里|点此|点击|点击这里|paper|code|github(?:\.com/\S*)?"
    r"|代码\S{0,4}|project(?: page)?|项目\S{0,4}|主页|homepage|website|openreview|doi|acl anthology|anthology"
    r"|hugging\s*face|hf|alphaxiv|网页链接|原文链接|electronic edition(?: via doi)?|ee"
    r"|papers\.cool"
    r"|view (?:arxiv page|pdf)|blog|overview|demo|model|models|dataset|data|weights|bib(?:tex)?)$",
    re.IGNORECASE,
)


def is_title_text(text: str, url: str = "") -> bool:
    """Whether a link's text (or a cell's) is a paper title rather than an id, a URL or a button."""
    text = fold_space(text)
    button = text.strip("[]【】()（） ")  # ``[[paper]](…)``: a button in brackets is still a button
    return (
        len(text) > 1 and text != url and not NOT_A_TITLE_RE.match(text) and not NOT_A_TITLE_RE.match(button)
    )


_QUOTES = "《》“”\"'「」『』*"


TITLE_MARKS = "▍▌■□◆◇●○▶►✦★☆"
"""Marks that set a line off as a heading in pasted articles (``▍Title``, ``■ Title``)."""


_POST_DOES = r"(?:论文)?(?:解读|笔记|精读|翻译|阅读|速读|导读)"
"""What a post does with the paper it names after it (``《Title》论文解读``)."""


_MARKED_TITLE_RE = re.compile(
    rf"^(?:【[^】]{{1,8}}】)?《(?P<title>[^《》]+)》\s*(?:[（(][^（）()]*[）)]|{_POST_DOES})?$"
)
"""``《Title》`` with a remark in brackets after it, a tag before it (``【论文翻译】``), or what the
post does with it after it (``《Title》论文解读``)."""


_CALLOUT_RE = re.compile(
    r"^\[![\w-]+\][-+]?\s*|^(?:#\d+\s+)?\[(?:R|D|P|N|Research|Discussion|Project|News|Paper)\]\s+|\s+#\d+$"
)
"""An Obsidian callout's mark (``> [!abstract]- Title``), a Reddit post's flair (``[R] Title``), a
GitHub issue's number and flair (``#212 [Paper] Title``, ``[Paper] Title #220``)."""


_TITLE_NOISE_RE = re.compile(
    r"^(?:\d{1,2}:)?\d{1,2}:\d{2}\s+"  # a video chapter's or a show note's time: ``00:03:40 Title``
    r"|^\[\d{4}\.\d{4,5}(?:v\d+)?\]\s+|^Paper page\s+[-–]\s+"  # arXiv's and Hugging Face's page titles
    # ``(8 minute read)``, ``(GitHub Repo)``, an issue's ``(closed)``
    r"|\s*[(（](?:\d+\s*(?:minute|min)s?\s+read|github repo|closed|open|merged|\d+\s*分钟阅读)[)）]$"
    r"|\s+[-–|]\s+(?:arXiv|arxiv\.org)$",  # a search result's or a source list's site: ``Title - arXiv``
    re.IGNORECASE,
)
"""What a newsletter or show notes write around a title: a chapter time before it, a reading
time, ``(GitHub Repo)`` or the site's name (``- arXiv``) after it."""


def clean_title(text: str) -> str:
    """A title as written, white space folded, without wrapping quotes or book-title marks (or
    a callout's, a flair's or a heading mark, a chapter time, a reading time)."""
    text = _TITLE_NOISE_RE.sub("", _CALLOUT_RE.sub("", fold_space(text))).lstrip(TITLE_MARKS + " ")
    marked = _MARKED_TITLE_RE.match(text)
    if marked is not None:  # 《Title》（TD3）: the book-title marks say where the title ends
        text = marked.group("title").strip()
    while len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text.rstrip("。；;，,")


# Articles name their paper in prose: ``论文题为 Mobile ALOHA: …。``, ``这篇名为《Depth Anything: …》的论文``.
_PROSE_TITLE_RE = re.compile(
    r"(?:题为|名为|题目为|题目是|标题为|标题是|叫做|titled)\s*[《“\"「]?"
    r"(?P<title>[A-Za-z0-9][^《》“”\"「」。；]{8,300}?)\s*[》”\"」]?\s*(?=的论文|的文章|[。，；]|$)"
)


_TAGGED_TITLE_RE = re.compile(
    r"^【(?:论文|文献)?(?:翻译|笔记|阅读|解读|精读|速读|分享|推荐)】\s*(?P<title>[^【】]{4,300})$"
)
"""A post's title line with its tag (``【论文翻译】Title（中文标题）``, as CSDN and Zhihu posts head
their translations and notes)."""


_POST_TITLE_RE = re.compile(rf"^《(?P<title>[^《》]{{4,300}})》\s*{_POST_DOES}$")


_EXPLAINED_RE = re.compile(
    r"^(?:(?P<channel>[^:：]{2,40})[:：]\s+)?(?P<title>\S.{6,300}?)"
    r"\s*[(（](?:[\w .&-]{0,40}\s)?Explained[)）]$"
)
"""A video's title: ``Yannic Kilcher: Title (Paper Explained)``."""


def explained_title(headline: str) -> str | None:
    """The paper a video's title explains, when the headline is one (``Channel: Title (Paper
    Explained)``: the channel's name is not part of the title)."""
    found = _EXPLAINED_RE.match(fold_space(headline))
    if found is None:
        return None
    title = clean_title(found.group("title"))
    return title if is_title_text(title) else None


def tagged_title(text: str) -> str | None:
    """The title a post's title line names: ``【论文翻译】Title``, ``《Title》论文解读``."""
    text = fold_space(text)
    found = _TAGGED_TITLE_RE.match(text) or _POST_TITLE_RE.match(text)
    return clean_title(found.group("title")) if found else None


_META_RE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\b\d{1,2}:\d{2}\b|阅读量|阅读数|浏览量|收藏|点赞|\d+(?:\.\d+)?[kKwW万]?\s*(?:views|likes|reads)\b"
)
"""What a post's own metadata line holds (a timestamp, counters): not a title."""


def looks_like_meta(text: str) -> bool:
    """Whether *text* reads as a post's metadata (``原创 于 2026-01-27 20:02 发布 · 阅读量 2.3k``)."""
    return _META_RE.search(text) is not None


def prose_title(text: str) -> str | None:
    """The English title an article's sentence names (``论文题为 X。``), three words or more."""
    found = _PROSE_TITLE_RE.search(text)
    if found is None:
        return None
    title = clean_title(found.group("title"))
    return title if len(title.split()) >= 3 and not has_cjk(title) else None


# ``论文作者是 Zipeng Fu、Tony Z. Zhao 和 Chelsea Finn 三人``, ``作者 Junnan Li, Dongxu Li``.
_PROSE_AUTHORS_RE = re.compile(
    r"作者(?:是|为|包括|有)?\s*[:：]?\s*(?P<names>[^。；，]+?)"
    r"\s*(?:(?P<more>等人?)|[一二两三四五六七八九十\d]+\s*(?:人|位))?(?=[，。；]|$)"
)


_ENGLISH_AUTHORS_RE = re.compile(
    r"\b(?i:(?:the\s+)?authors?\s+(?:are|is|were|was))\s+"
    r"(?P<names>[A-Z][^.;()]+?(?:,?\s+et al\.?)?)(?=\s*[.;(]|$)"
    r"|(?:^|(?<=[.!?])\s+|(?<=\d/\d)\s+)By\s+(?P<by>[A-Z][^;()]+?(?:,?\s+et al\.?)?)(?=\.\s|\.?$)"
)
"""``authors are A, B, C, et al. (…)`` in a chat reply or a note; a sentence ``By A, B and C.``
(a thread's last post)."""


def prose_authors(text: str) -> str | None:
    """The author list a sentence names (``作者是 A、B 和 C``, a chat's ``作者 A, B``, ``authors
    are A, B, et al.``), as an author line (the caller checks it reads as names)."""
    found = _PROSE_AUTHORS_RE.search(text)
    if found is None:
        english = _ENGLISH_AUTHORS_RE.search(text)
        return (english.group("names") or english.group("by")).strip() if english else None
    names = re.sub(r"\s*(?:和|与|及)\s*", "、", found.group("names")).strip()
    return f"{names} 等" if found.group("more") else names  # ``等``: the list is cut short

"""``notes-site new``: a new site, a new digest file, a new dated entry under a topic heading.

New files use TOML front matter (``+++``). An entry is written in the arXiv-daily shape the
digest parser reads (``2025-06-13 18:50:11 Friday ｜ headline`` then ``**链接** ：URL``
lines); headings are found through markdown-it's tokens, so a ``#`` inside a code block is
never taken for a topic. Nothing here touches the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from markdown_it import MarkdownIt

from notes_site.base.errors import UsageError
from notes_site.digest.links import arxiv_id_from_url
from notes_site.hugo.config import load_config
from notes_site.hugo.config_files import NOTES_SITE_CONFIG
from notes_site.hugo.frontmatter import split_front_matter

_ID_RE = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")


_INLINE_ID_RE = re.compile(r"arxiv\s*[:：]\s*(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE)


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d")


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _front_matter(title: str, when: datetime, *, draft: bool = False, digest: bool = True) -> str:
    return (
        "+++\n"
        f"title = {_toml_string(title)}\n"
        f"date = {when.isoformat(timespec='seconds')}\n"
        f"draft = {'true' if draft else 'false'}\n"
        "toc = true\n" + ("digest = true\n" if digest else "") + "+++\n"
        # A digest is one before its first entry too (notes_site/digest/kind.py).
    )


def parse_when(text: str) -> datetime:
    """``2025-06-13 18:50:11``, ``2025-06-13 18:50`` or ``2025-06-13`` (midnight)."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    raise UsageError(f"cannot read date {text!r}; write 2025-06-13 18:50:11 or 2025-06-13")


def normalise_arxiv_id(text: str) -> str:
    """``2506.10910``, ``2506.10910v2``, ``arXiv:2506.10910`` or an arXiv URL → ``2506.10910``."""
    text = text.strip()
    match = _ID_RE.fullmatch(text)
    if match:
        return match.group(1)
    inline = _INLINE_ID_RE.fullmatch(text)
    found = arxiv_id_from_url(text) or (inline.group(1) if inline else None)
    if found is None:
        raise UsageError(
            f"{text!r} is not an arXiv id; write it as 2506.10910 or https://arxiv.org/abs/2506.10910"
        )
    return found


def entry_text(when: datetime, headline: str, arxiv_ids: Sequence[str] = (), title: str | None = None) -> str:
    """The lines of one dated entry, ending with a newline."""
    weekday = when.strftime("%A")
    first = f"{when:%Y-%m-%d %H:%M:%S} {weekday} ｜ {headline}".rstrip()
    details = [f"**标题** ： {title}"] if title else []
    details += [f"**链接** ：https://arxiv.org/abs/{arxiv_id}" for arxiv_id in arxiv_ids]
    return first + "\n" + ("\n" + "\n".join(details) + "\n" if details else "")


_SAMPLE_BODY = """
# {title}

Topic headings group the entries; each entry starts with its date.

## 训练范式

{entry}
## 预训练

### 数据工程
"""


_CONFIG = """# notes-site configuration. Every key, with its default: docs/config.md in notes-site.
title = {title}
baseURL = "/"
defaultContentLanguage = "zh"

[languages.zh]
languageName = "中文"
weight = 1

[languages.en]
languageName = "English"
weight = 2

# Defaults for `notes-site build`; command-line flags win.
[build]
output = "public"

# Defaults for `notes-site serve`; uncomment to pin the port (a busy port is then an error).
[serve]
# port = 1313
"""


_TEMPLATES_README = """Templates placed here override the built-in theme's file of the same name
(for example base.html or partials/…); static files go under templates/static/.
"""


_GITIGNORE = """# The built site and notes-site's build cache are made again by `notes-site build`.
/public/
/.notes-site/
"""


def new_site(target: Path, *, title: str, now: datetime) -> list[Path]:
    """Create a site folder: config, ``content/`` with a sample digest, an empty ``templates/``."""
    if target.exists() and any(target.iterdir()):
        raise UsageError(f"{target} is not empty; choose a new folder")
    sample = entry_text(
        now.replace(microsecond=0),
        "Attention Is All You Need",
        ["1706.03762"],
        "Attention Is All You Need",
    )
    files = {
        NOTES_SITE_CONFIG: _CONFIG.format(title=_toml_string(title)),
        "content/_index.md": _front_matter(title, now, digest=False) + "\nPaper notes, by topic and date.\n",
        "content/posts/digest.md": _front_matter("论文速递", now)
        + _SAMPLE_BODY.format(title="论文速递", entry=sample),
        "templates/README.md": _TEMPLATES_README,
        ".gitignore": _GITIGNORE,
    }
    written = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def content_file(site_dir: Path, name: str) -> Path:
    """*name* as given when it exists or is absolute, else under the site's content folder."""
    path = Path(name)
    if path.is_absolute() or path.exists():
        return path
    config, _ = load_config(site_dir)
    return config.content_path / path


def new_digest(path: Path, *, title: str, topics: Sequence[str], now: datetime, draft: bool = False) -> Path:
    """Write a digest file: front matter, the title heading, one ``##`` heading per topic."""
    if path.suffix != ".md":
        path = path.with_name(path.name + ".md")
    if path.exists():
        raise UsageError(f"{path} already exists; add entries with `notes-site new entry {path}`")
    body = f"\n# {title}\n" + "".join(f"\n## {topic}\n" for topic in topics)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_front_matter(title, now, draft=draft) + body, encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class _Heading:
    """A heading of the file, as markdown-it sees it."""

    level: int
    """1 to 6."""
    path: tuple[str, ...]
    """Its topic path (the title heading has the empty path)."""
    line: int
    """0-based line of the file."""


def _headings(text: str) -> list[_Heading]:
    fm = split_front_matter(text, "digest")
    title = str(fm.data.get("title", "")).strip()
    tokens = MarkdownIt("commonmark").parse(fm.body)
    stack: list[tuple[int, str]] = []
    out: list[_Heading] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.map is None:
            continue
        level = int(token.tag[1])
        name = tokens[index + 1].content.strip()
        line = fm.body_line - 1 + token.map[0]
        if not out and not stack and name == title:
            out.append(_Heading(level, (), line))
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name))
        out.append(_Heading(level, tuple(n for _, n in stack), line))
    return out


def _end_of(lines: list[str], start: int, stop: int) -> int:
    """The line after the last non-blank one in ``lines[start:stop]``."""
    end = stop
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def add_entry(path: Path, topic: Sequence[str], entry: str) -> int:
    """Append *entry* at the end of *topic*'s own text (before its subsections), creating the
    heading (and its parents) when missing. Returns the entry's 1-based line."""
    text = path.read_text(encoding="utf-8")
    headings = _headings(text)
    lines = text.splitlines()
    topic = tuple(topic)
    found = next((h for h in headings if h.path == topic), None)
    if found is not None:
        after = [h.line for h in headings if h.line > found.line]
        at = _end_of(lines, found.line + 1, after[0] if after else len(lines))
        block = ["", *entry.rstrip("\n").split("\n")]
    else:
        # The deepest existing parent; new headings go at the end of its subtree.
        depth = max((len(h.path) for h in headings if h.path and h.path == topic[: len(h.path)]), default=0)
        parent = next((h for h in headings if depth and h.path == topic[:depth]), None)
        if parent is None:
            levels = [h.level for h in headings if len(h.path) == 1]
            level = min(levels) if levels else 2
            at = _end_of(lines, 0, len(lines))
        else:
            level = parent.level + 1
            later = [h.line for h in headings if h.line > parent.line and h.level <= parent.level]
            at = _end_of(lines, parent.line + 1, later[0] if later else len(lines))
        block = []
        for offset, name in enumerate(topic[depth:]):
            block += ["", f"{'#' * (level + offset)} {name}"]
        block += ["", *entry.rstrip("\n").split("\n")]
    tail = lines[at:]
    if tail and tail[0].strip():
        block.append("")
    new_lines = [*lines[:at], *block, *tail]
    path.write_text("\n".join(new_lines) + "\n", encoding="utf-8")
    return at + block.index(entry.split("\n", 1)[0]) + 1

"""WeChat article summaries: ``论文标题``/``论文链接``/``代码仓库``/``项目主页``/``开源模型 & 数据``
lines (full-width or ASCII colons), usually one paragraph each, after the article's prose.

A block starts at a Chinese title or paper-link label; the resource lines after it are its
own. A second ``论文标题`` (or a link to another paper) starts the next paper's block, so an
article that covers several papers gives each its own code line.
"""

from __future__ import annotations

from notes_site.base.text import has_cjk
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import EntryLines, paper_urls, text_ids
from notes_site.digest.formats.runs import read_run
from notes_site.digest.model import PaperFormat


class WeChat:
    """Labelled resource lines of an article summary."""

    format: PaperFormat = "wechat"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        label = lines.label(start)
        if label is None or label.field not in ("title", "paper") or not has_cjk(label.text):
            return None
        line = lines.value_line(start)
        if label.field == "paper" and not (paper_urls(line) or text_ids(line)):
            return None
        return read_run(lines, start, self.format)

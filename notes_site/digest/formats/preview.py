"""Link previews pasted from a chat (Slack, Discord, Teams, Telegram): under the message that
holds the link, the site's name, the page's title and its description::

    Alice Chen  10:42 AM
    anyone tried this for the 30B eval jobs? https://arxiv.org/abs/2303.06865
    arXiv.org
    FlexGen: High-Throughput Generative Inference of Large Language Models with a Single GPU
    Abstract: Running LLM inference normally takes several high-end accelerators. …

A preview starts at a line that is only a paper site's name (``arXiv.org``, ``Hugging Face``,
``OpenReview`` …) right under a line of the same paragraph: the next line is the title (arXiv's
``[2403.02310] …`` and Hugging Face's ``Paper page - …`` page titles read as the title), an
``Abstract:`` or description line after it is the abstract. Its paper is the message's paper
link in the same place: a message with two links and two previews gives the first preview the
first link.
"""

from __future__ import annotations

from notes_site.base.text import fold_space
from notes_site.digest.drafts import PaperBlock
from notes_site.digest.formats.base import PREVIEW_SITE_RE, EntryLines, paper_urls
from notes_site.digest.identity import PaperId
from notes_site.digest.labels import clean_title, is_title_text
from notes_site.digest.links import link_kind
from notes_site.digest.model import PaperFormat


class Preview:
    """A chat's link preview, under the message holding the paper's link."""

    format: PaperFormat = "preview"

    def read(self, lines: EntryLines, start: int) -> PaperBlock | None:
        line = lines[start]
        if start == 0 or start + 1 >= len(lines) or not PREVIEW_SITE_RE.fullmatch(fold_space(line.text)):
            return None
        title_line = lines[start + 1]
        if title_line.block != line.block or title_line.urls or not is_title_text(title_line.text):
            return None
        links, earlier = _links_above(lines, start)
        if earlier >= len(links):
            return None
        url, pid = links[earlier]
        block = PaperBlock(line.number, self.format)
        block.set_title(clean_title(title_line.text))
        block.add_id(pid, line.number)
        block.add_link(url, link_kind(url), line.number)
        end = start + 2
        label = lines.label(end) if end < len(lines) and lines[end].block == line.block else None
        if label is not None and label.field == "abstract":
            block.abstract = label.value.strip()
            end += 1
        block.end = end
        return block


def _links_above(lines: EntryLines, start: int) -> tuple[list[tuple[str, PaperId]], int]:
    """The paper links of the message above the preview at *start* (the nearest run of lines
    with paper links, in order), and how many previews stand between them and *start*."""
    links: list[tuple[str, PaperId]] = []
    previews = 0
    index = start - 1
    while index >= 0 and lines[index].block == lines[start].block:
        found = paper_urls(lines[index])
        if found:
            links = [(url.url, pid) for url, pid in found] + links
        elif links:
            break
        elif PREVIEW_SITE_RE.fullmatch(fold_space(lines[index].text)):
            previews += 1
        index -= 1
    return links, previews

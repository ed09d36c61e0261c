"""One reader per pasted format, behind one small interface (:class:`base.Reader`).

A new format is a new module here with a class that has ``format`` and ``read(lines, start)``,
added to :data:`READERS`, plus its fixtures in ``tests/fixtures/digests/``.
"""

from __future__ import annotations

from notes_site.digest.formats.arxiv_daily import ArxivDaily
from notes_site.digest.formats.arxiv_page import ArxivPage
from notes_site.digest.formats.base import Reader
from notes_site.digest.formats.bibtex import BibTeX
from notes_site.digest.formats.cards import AlphaXiv, HuggingFace, PapersCool, PapersWithCode, TitleLink
from notes_site.digest.formats.chat import Chat
from notes_site.digest.formats.csl import Csl
from notes_site.digest.formats.dashed import Dashed
from notes_site.digest.formats.dblp import Dblp
from notes_site.digest.formats.english_labels import EnglishLabels
from notes_site.digest.formats.numbered import Numbered
from notes_site.digest.formats.paper_list import PaperList
from notes_site.digest.formats.paper_page import PaperPage
from notes_site.digest.formats.preview import Preview
from notes_site.digest.formats.refer import Refer
from notes_site.digest.formats.reference import Reference
from notes_site.digest.formats.ris import Ris
from notes_site.digest.formats.table import Table
from notes_site.digest.formats.title_line import TitleLine
from notes_site.digest.formats.wechat import WeChat
from notes_site.digest.formats.zhihu import Zhihu

READERS: tuple[Reader, ...] = (
    BibTeX(),
    Ris(),
    Csl(),
    Refer(),
    ArxivPage(),
    PaperPage(),
    Table(),
    PaperList(),
    Reference(),
    Dblp(),
    Chat(),
    Preview(),
    PapersCool(),
    HuggingFace(),
    AlphaXiv(),
    PapersWithCode(),
    Zhihu(),
    Numbered(),
    ArxivDaily(),
    EnglishLabels(),
    WeChat(),
    TitleLink(),
    TitleLine(),
    Dashed(),
)
"""Asked in this order at every line not yet in a block; the first that finds a block wins
(the most specific shapes first, the catch-all title link last)."""

"""Entries tied to a paper by name: acronyms, whole titles, the front-matter map, never on ambiguity."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from notes_site.digest.model import Paper
from notes_site.digest.names import acronyms
from notes_site.digest.papers import PaperMemo, collect_papers
from notes_site.digest.standalone import read_digest_texts

CARD = """## 强化学习

2025-03-18 11:04:11 Tuesday ｜

**[DAPO: An Open-Source LLM Reinforcement Learning System at Scale](https://papers.cool/arxiv/2503.14476)**\
 **[PDF(21)]** **[Copy]**

"""


def _papers(
    *texts: str, front_matter: Mapping[str, Any] | None = None
) -> tuple[dict[str, Paper], list[tuple[str, int, str]]]:
    files = read_digest_texts([(f"d{i}.md", _front(front_matter) + text) for i, text in enumerate(texts)])
    notes = [(d.source, d.line, d.code) for file in files for d in file.diagnostics]
    return dict(files[0].papers), notes


def _front(front_matter: Mapping[str, Any] | None) -> str:
    """YAML front matter for *front_matter* (none when empty); its lines count in every line number."""
    if not front_matter:
        return ""
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in front_matter.items()) + "---\n"


def test_acronyms_a_title_defines() -> None:
    assert acronyms("SRFT：一种具有监督和强化微调的单阶段推理方法") == ["SRFT"]
    assert acronyms("Supervised Reinforcement Fine-Tuning (SRFT) for reasoning") == ["SRFT"]
    assert acronyms("LLM-as-a-Fuzzy-Judge: Fine-Tuning Large Language Models") == ["LLM-as-a-Fuzzy-Judge"]
    assert acronyms("Magistral") == []  # one ordinary word: not distinctive enough to match in prose
    assert acronyms("Progtuning: A Progressive Fine-Tuning Framework") == []
    assert acronyms("Large Language Models (LLMs) as judges") == []  # names a field, not a paper


def test_an_entry_without_links_is_tied_by_an_acronym_in_its_first_paragraph() -> None:
    papers, notes = _papers(
        CARD, "## 强化学习\n\n2025-03-20 09:30 ｜ 字节开源\n\n文章介绍了 DAPO 的四个技巧。\n"
    )
    (paper,) = papers.values()
    tied = paper.mentions[-1]
    assert (tied.source, tied.line, tied.matched, tied.name) == ("d1.md", 3, "name", "DAPO")
    assert ("d1.md", 3, "matched-by-name") in notes


def test_a_name_inside_a_longer_word_does_not_count() -> None:
    papers, notes = _papers(CARD + "2025-03-20 09:30 ｜ DAPO-Zero 复现\n\n只看了代码。\n")
    assert len(papers["2503.14476"].mentions) == 1
    assert not [n for n in notes if n[2] == "matched-by-name"]


def test_an_entry_with_its_own_link_is_not_tied_by_name() -> None:
    text = CARD + "2025-03-20 09:30 ｜ DAPO 之后\n\n论文链接：https://arxiv.org/abs/2504.05118\n"
    papers, _notes = _papers(text)
    assert len(papers["2503.14476"].mentions) == 1
    assert "2504.05118" in papers


def test_an_ambiguous_name_ties_nothing_and_says_so() -> None:
    other = (
        "## 另一篇\n\n2025-04-01 10:00 ｜\n\n"
        "**[DAPO: Data-Aware Prompt Optimization](https://papers.cool/arxiv/2504.00001)** **[PDF]**\n\n"
    )
    papers, notes = _papers(CARD, other, "2025-04-02 10:00 ｜ 讲讲 DAPO\n\n没有链接。\n")
    assert all(len(p.mentions) == 1 for p in papers.values())
    assert ("d2.md", 1, "name-ambiguous") in notes


def test_the_front_matter_states_a_name_and_can_forbid_one() -> None:
    text = (
        CARD
        + "2025-03-20 09:30 ｜ 讲讲 DAPO\n\n没有链接。\n\n2025-03-21 09:30 ｜ R1 的冷启动\n\n也没有链接。\n"
    )
    papers, notes = _papers(text, front_matter={"paper_names": {"DAPO": "", "R1": "arXiv:2501.12948"}})
    assert len(papers["2503.14476"].mentions) == 1  # "DAPO" = "" : no paper's name in this document
    (stated,) = papers["2501.12948"].mentions
    assert (stated.line, stated.matched, stated.name) == (14, "stated", "R1")  # 3 lines of front matter
    assert not [n for n in notes if n[2] in ("matched-by-name", "name-ambiguous")]


def test_a_bad_or_unused_front_matter_name_is_reported() -> None:
    notes = _papers(CARD, front_matter={"paper_names": {"GRPO": "not an id", "PPO": "1707.06347"}})[1]
    assert ("d0.md", 0, "bad-paper-names") in notes
    assert ("d0.md", 0, "unused-paper-name") in notes
    notes = _papers(CARD, front_matter={"paper_names": ["DAPO"]})[1]
    assert ("d0.md", 0, "bad-paper-names") in notes


def test_a_block_without_id_is_tied_by_its_exact_title_and_takes_its_fields() -> None:
    text = (
        "## 过程监督\n\n2025-03-25 15:00 ｜\n\nLet's Verify Step by Step\n **链接** ：https://arxiv.org/abs/2305.20050\n\n"
        "2025-03-26 16:00 ｜ 过程奖励模型\n\n论文标题：Let's Verify Step by Step\n\n代码仓库：https://github.com/openai/prm800k\n"
    )
    papers, notes = _papers(text)
    paper = papers["2305.20050"]
    assert paper.code == ("https://github.com/openai/prm800k",)
    assert paper.mentions[-1].name == "Let's Verify Step by Step"
    assert not [n for n in notes if n[2] == "paper-without-id"]


def test_a_kept_naming_gives_what_naming_afresh_gives() -> None:
    """``serve`` keeps what naming found (``NameMemo``): the same documents tie the very same
    mentions again; a changed entry, or a paper whose title no longer has the name, is named
    afresh, exactly as without the memo."""
    named = "## 强化学习\n\n2025-03-20 09:30 ｜ 字节开源\n\n文章介绍了 DAPO 的四个技巧。\n"
    files = read_digest_texts([("d0.md", CARD), ("d1.md", named)])
    memo = PaperMemo()
    first, _notes = collect_papers(files, memo)
    again, _notes = collect_papers(files, memo)
    assert again == first
    assert again["2503.14476"].mentions[-1] is first["2503.14476"].mentions[-1]  # the tie was kept

    renamed = CARD.replace("DAPO: An Open-Source", "An Open-Source")
    for texts in ([CARD, named.replace("DAPO", "GRPO")], [renamed, named], [CARD, named]):
        files = read_digest_texts([(f"d{i}.md", text) for i, text in enumerate(texts)])
        kept, kept_notes = collect_papers(files, memo)
        fresh, fresh_notes = collect_papers(files)
        assert kept == fresh and kept_notes == fresh_notes
    assert [m.matched for m in kept["2503.14476"].mentions] == ["id", "name"]

"""The digest parser on input nobody wrote on purpose: generated digests and a shuffled real one.

Whatever the input, parsing finishes, and every record points at a line of the file.
"""

from __future__ import annotations

import logging
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_site.digest.parser import parse_digest
from notes_site.markup.markdown import create_markdown

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_414b3ea070d0b2aa.txt"
ID_RE = re.compile(r"^(?:\d{4}\.\d{4,5}|openreview/[\w-]+|acl/[\w.-]+|doi/10\.\S+)$")

PIECES = [
    "2025-06-13 18:50:11 Friday ｜ 标题党 https://mp.weixin.qq.com/s/abc",
    "3. 2025-06-13 18:50 周五｜",
    "2025-02-30 09:00:00 Sunday | bad date",
    "1. 2025-6-3 9:05 星期二",
    "## 训练范式",
    "### 数据工程",
    "# 训练",
    "Some English Title Line",
    " **标题** ： 某个中文标题",
    " **链接** ：https://arxiv.org/abs/2506.10910v2",
    " **作者** ： Org:  A B,  C D, et al. (3 additional authors not shown)",
    " **摘要** ：摘要内容 https://github.com/x/y上获得",
    "**[中文标题](https://papers.cool/arxiv/2506.19767)** **[PDF(3)]** **[Kimi()]**",
    "[#2](https://arxiv.org/abs/2506.21119) **[Title](https://papers.cool/arxiv/2506.21119)**",
    " **Authors** : [A B](https://arxiv.org/search/?q=a), [C D](https://arxiv.org/search/?q=c)",
    "作者：张三、李四，王五",
    "论文链接：https://arxiv.org/pdf/2505.18116.pdf",
    "代码仓库：https://github.com/NVlabs/NFT",
    "项目网页: https://example.org/p/",
    "![](https://x.feishu.cn/space/api/box/stream/download/asynccode/?code=1)",
    "图注：说明",
    "见 arXiv:1707.06347 与（https://arxiv.org/abs/2401.10774）",
    "**Title**: An English Paper",
    "**Link**: https://huggingface.co/papers/2402.03300",
    "- item with https://alphaxiv.org/abs/2305.18290",
    "```\n2025-01-01 00:00:00 Monday ｜ inside code\n```",
    "> 2025-01-02 10:00:00 Thursday ｜ quoted",
    "| a | b |\n|---|---|\n| https://arxiv.org/abs/2106.09685 | x |",
    "",
    "    indented code https://arxiv.org/abs/2205.14135",
    '{{< figure src="x.png" >}}',
    "<div>raw html 2025-01-01 00:00:00</div>",
    "2025-06-13 Friday ｜ 只有日期",
    "2025-06-14 ｜",
    "- [Tree of Thoughts](https://arxiv.org/abs/2305.10601) — 点评\n  - 代码：https://github.com/x/y",
    "| 论文 | 链接 |\n| --- | --- |\n| Title | [2302.13971](https://arxiv.org/abs/2302.13971) |",
    "[s1: Simple test-time scaling](https://huggingface.co/papers/2501.19393)\n\nAbstract\n\nText.",
    "**论文**：[ReAct](https://openreview.net/forum?id=WE_vluYUL-X)\n**发表**：ICLR 2023",
    "论文 1：YaRN\n\n论文链接：https://doi.org/10.18653/v1/N19-1423",
    "```bibtex\n@misc{a, title={T}, author={A and others}, eprint={2006.11239}, archivePrefix={arXiv}}\n```",
    "```bibtex\n@article{broken, title={{unclosed\n```",
    "```\n@misc{x,\n@article{y, journal={arXiv preprint arXiv:2112.10752}}\n```",
    '[1] T. N. Kipf and M. Welling, "Semi-supervised classification," in *Proc.*, 2017. arXiv:1609.02907',
    "[2] REN S, HE K, et al. Faster R-CNN[C]//NeurIPS. 2015. arXiv:1506.01497.",
    "Kingma, D. P., & Ba, J. (2014). Adam: A method. arXiv:1412.6980.",
    "代码：[1] https://github.com/a/b ；[9] https://github.com/c/d",
    "[10:32] 张三：推荐 ViT（An Image is Worth 16x16 Words） https://arxiv.org/abs/2010.11929",
    "[10:33] 李四：代码 https://github.com/x/y ，作者是 A B, C D",
    "📌 论文：Some Title Here\n🔗 https://arxiv.org/abs/2304.07193",
    "[T](https://paperswithcode.com/paper/t)\n5 Jun 2023 · A B, C D\n[Paper](https://arxiv.org/abs/2306.01567)",
    "文章介绍了 SRFT 与 ReAct。",
    "Follow-up — A Title Here — A B, C D — https://arxiv.org/abs/2203.17003 — code https://github.com/x/y",
    "### Day 12",
]


def _check(text: str) -> None:
    # Files are read with universal newlines, so a body never holds "\r"; markdown-it would
    # count a lone "\r" as a line break where str.count("\n") does not.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = parse_digest(create_markdown(), "x.md", "训练", text, 1)
    lines = text.count("\n") + 1
    paths = {section.path for section in digest.sections}
    previous = 0
    for entry in digest.entries:
        assert 1 <= entry.line <= entry.end_line <= lines
        assert entry.line >= previous
        previous = entry.line
        assert entry.section == () or entry.section in paths
        for mention in entry.mentions:
            assert ID_RE.match(mention.key)
            assert 1 <= mention.line <= lines
    for diagnostic in digest.diagnostics:
        assert 0 <= diagnostic.line <= lines and diagnostic.code


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=40))
def test_generated_digests_parse(pieces: list[str]) -> None:
    _check("\n".join(pieces))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["\n", "\n\n", "\n   "]))
def test_generated_digests_with_separators(pieces: list[str], separator: str) -> None:
    _check(separator.join(pieces))


def test_shuffled_seed_parses() -> None:
    if not SEED.exists():
        return
    lines = SEED.read_text("utf-8").split("+++", 2)[2].splitlines()
    rng = random.Random(2025)
    for _ in range(50):
        sample = lines[:]
        rng.shuffle(sample)
        del sample[: rng.randrange(len(sample) // 2)]
        _check("\n".join(sample))


def test_a_broken_bibtex_fence_stays_code_and_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """A fence bibtexparser cannot read gives no paper and no log line (it is shown as code)."""
    body = "2025-06-13 18:50:11 Friday ｜ x\n\n```bibtex\n@article{broken, title={{unclosed\n```\n"
    with caplog.at_level(logging.DEBUG):
        digest = parse_digest(create_markdown(), "a.md", "A", body)
    assert [m for e in digest.entries for m in e.mentions] == []
    assert not [record for record in caplog.records if record.name.startswith("bibtexparser")]

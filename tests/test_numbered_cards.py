"""Cards that number their papers or set labels alone under a mark, translated titles below a
title, and table rows that link several papers (round 10's rules, on text of our own)."""

from __future__ import annotations

from notes_site.digest.parser import parse_digest
from notes_site.markup.markdown import create_markdown


def _papers(text: str) -> dict[str, tuple[object, ...]]:
    digest = parse_digest(create_markdown(), "x.md", "t", text, 1)
    found: dict[str, tuple[object, ...]] = {}
    for entry in digest.entries:
        for paper in entry.mentions:
            code = tuple(link.url for link in paper.links if link.kind == "code")
            found[paper.ids[0].value] = (paper.title_en, paper.title_zh, paper.authors, code)
    return found


def test_a_card_with_labels_alone_under_marks_and_a_translated_title() -> None:
    text = (
        "## 推理\n\n2025-02-03 09:00 Monday ｜ 今日论文 2 篇\n\n学术头条 · 每日推荐 ｜ 共 1 篇\n\n"
        "📄 论文标题\n\nLIMO: Less is More for Reasoning\nLIMO：推理中的少即是多\n\n"
        "👥 作者\n\nYixin Ye, Zhen Huang, Yang Xiao, ...\n\n"
        "🔗 AMiner链接：https://www.aminer.cn/pub/0000/limo\n\n"
        "🔗 论文链接：https://arxiv.org/abs/2502.03387\n\n"
        "💻 代码：https://github.com/GAIR-NLP/LIMO\n"
    )
    title_en, title_zh, authors, code = _papers(text)["2502.03387"]
    assert (title_en, title_zh) == ("LIMO: Less is More for Reasoning", "LIMO：推理中的少即是多")
    assert authors == ("Yixin Ye", "Zhen Huang", "Yang Xiao")  # ``...``: cut off, not a name
    assert code == ("https://github.com/GAIR-NLP/LIMO",)


def test_numbered_titles_their_fields_and_a_code_round_up() -> None:
    text = (
        "## 具身\n\n2025-01-10 20:00 Friday ｜ 本周精选\n\n"
        "[1] OpenVLA: An Open-Source Vision-Language-Action Model\n\n开源的视觉-语言-动作模型\n\n"
        "作者：Moo Jin Kim, Karl Pertsch 等\n\n链接：https://arxiv.org/pdf/2406.09246\n\n"
        "[2] Octo: An Open-Source Generalist Robot Policy\n\n开源通用机器人策略\n\n"
        "作者：—\n\n链接：https://arxiv.org/abs/2405.12213\n\n"
        "📦 本期代码\n\n[1] https://github.com/openvla/openvla\n\n[2] https://github.com/octo-models/octo\n"
    )
    papers = _papers(text)
    assert papers["2406.09246"] == (
        "OpenVLA: An Open-Source Vision-Language-Action Model",
        "开源的视觉-语言-动作模型",
        ("Moo Jin Kim", "Karl Pertsch"),
        ("https://github.com/openvla/openvla",),
    )
    assert papers["2405.12213"][2] == ()  # ``作者：—`` names nobody
    assert papers["2405.12213"][3] == ("https://github.com/octo-models/octo",)


def test_a_title_label_over_its_translation_in_brackets() -> None:
    text = (
        "## 推理\n\n2025-04-02 ｜ 速览\n\n"
        "论文标题：s1: Simple test-time scaling\n（s1：简单的测试时扩展）\n"
        "作者：Niklas Muennighoff, Zitong Yang\n论文链接：https://arxiv.org/abs/2501.19393\n"
    )
    title_en, title_zh, authors, _code = _papers(text)["2501.19393"]
    assert (title_en, title_zh) == ("s1: Simple test-time scaling", "s1：简单的测试时扩展")
    assert authors == ("Niklas Muennighoff", "Zitong Yang")


def test_a_table_row_linking_two_papers_is_two_papers() -> None:
    text = (
        "## 大纲\n\n| 周次 | 必读 | 代码 |\n| --- | --- | --- |\n"
        "| 第1周 | [Attention Is All You Need](https://arxiv.org/abs/1706.03762)<br>"
        "[Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) |"
        " [t2t](https://github.com/tensorflow/tensor2tensor)<br>"
        "[resnet](https://github.com/KaimingHe/deep-residual-networks) |\n"
    )
    papers = _papers(text)
    assert papers["1706.03762"][0] == "Attention Is All You Need"
    assert papers["1512.03385"][0] == "Deep Residual Learning for Image Recognition"
    assert papers["1512.03385"][3] == ("https://github.com/KaimingHe/deep-residual-networks",)
    assert papers["1706.03762"][3] == ("https://github.com/tensorflow/tensor2tensor",)

"""arXiv ids, link kinds and bare URLs in mixed Chinese/English text."""

from __future__ import annotations

import pytest

from notes_site.base.text import bare_urls, find_urls, strip_urls
from notes_site.digest.drafts import repository_url
from notes_site.digest.links import arxiv_id_from_url, arxiv_ids_in_text, is_expiring_image, link_kind


@pytest.mark.parametrize(
    ("url", "arxiv_id"),
    [
        ("https://arxiv.org/abs/2506.10910", "2506.10910"),
        ("http://arxiv.org/abs/2506.10910v2", "2506.10910"),
        ("https://arxiv.org/pdf/2505.18116", "2505.18116"),
        ("https://arxiv.org/pdf/2505.18116v3", "2505.18116"),
        ("https://arxiv.org/pdf/2505.18116v3.pdf", "2505.18116"),
        ("https://arxiv.org/pdf/2505.18116.pdf", "2505.18116"),
        ("https://www.arxiv.org/abs/2401.10774#section", "2401.10774"),
        ("https://arxiv.org/html/2401.10774v1", "2401.10774"),
        ("https://papers.cool/arxiv/2506.19767", "2506.19767"),
        ("https://www.alphaxiv.org/abs/2401.10774", "2401.10774"),
        ("https://alphaxiv.org/overview/2401.10774v2", "2401.10774"),
        ("https://huggingface.co/papers/2401.10774", "2401.10774"),
        ("https://arxiv.org/abs/1707.06347", "1707.06347"),
        ("https://arxiv.org/abs/2513.12345", None),  # month 13 is no arXiv id
        ("https://arxiv.org/search/?searchtype=author&query=Yuqian%20Fu", None),
        ("https://github.com/NVlabs/NFT", None),
        ("https://example.org/abs/2401.10774", None),
    ],
)
def test_arxiv_id_from_url(url: str, arxiv_id: str | None) -> None:
    assert arxiv_id_from_url(url) == arxiv_id


def test_inline_arxiv_ids() -> None:
    assert arxiv_ids_in_text("见 arXiv:2401.10774v2，以及 arxiv： 1707.06347。") == [
        (2, "2401.10774"),
        (24, "1707.06347"),
    ]
    assert arxiv_ids_in_text("version 2506.10910 without a prefix") == []


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://arxiv.org/abs/2506.10910", "arxiv"),
        ("https://arxiv.org/pdf/2506.10910", "pdf"),
        ("https://papers.cool/arxiv/2506.19767", "arxiv"),
        ("https://github.com/thu-ml/SageAttention", "code"),
        ("https://huggingface.co/OctoThinker", "model"),
        ("https://huggingface.co/papers/2401.10774", "arxiv"),
        ("https://mp.weixin.qq.com/s/abc", "article"),
        ("https://zhuanlan.zhihu.com/p/1", "article"),
        ("https://example.org/figure.png", "image"),
        ("https://research.nvidia.com/labs/x/", "other"),
    ],
)
def test_link_kind(url: str, kind: str) -> None:
    assert link_kind(url) == kind


def test_urls_end_at_cjk_text_and_punctuation() -> None:
    text = "与 Medusa（https://arxiv.org/abs/2401.10774）和 GitHub存储库可在https://github.com/a/b上获得"
    assert [url for _s, _e, url in find_urls(text)] == [
        "https://arxiv.org/abs/2401.10774",
        "https://github.com/a/b",
    ]
    assert [url for _s, _e, url in find_urls("刷新SOTAhttps://mp.weixin.qq.com/s/x，好")] == [
        "https://mp.weixin.qq.com/s/x"
    ]
    # Sentence punctuation and unbalanced brackets are not part of a URL; balanced ones are.
    assert [u for _s, _e, u in find_urls("see https://a.org/x. and (https://b.org/y)")] == [
        "https://a.org/x",
        "https://b.org/y",
    ]
    assert [u for _s, _e, u in find_urls("https://en.wikipedia.org/wiki/Foo_(bar)")] == [
        "https://en.wikipedia.org/wiki/Foo_(bar)"
    ]


def test_strip_urls_keeps_the_words() -> None:
    assert strip_urls("高质量 LLM 训练数据获取https://mp.weixin.qq.com/s/1vD") == "高质量 LLM 训练数据获取"


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("github.com/facebookresearch/encodec", ["https://github.com/facebookresearch/encodec"]),
        ("代码：github.com/a/b，很好", ["https://github.com/a/b"]),
        ("code (gitlab.com/p/q/tree/main).", ["https://gitlab.com/p/q/tree/main"]),
        (
            "see https://github.com/x/y and github.com/z/w",
            ["https://github.com/x/y", "https://github.com/z/w"],
        ),
        ("me@github.com/a/b", []),  # not a repository
        ("docs.github.com/en/pages", []),  # another host
        ("github.com/owner", []),  # an owner, not a repository
        ("https://example.org/github.com/a/b", ["https://example.org/github.com/a/b"]),  # inside a URL
        ("原文：arxiv.org/abs/2002.02126", ["https://arxiv.org/abs/2002.02126"]),
        ("(arxiv.org/pdf/2002.02126v2.pdf)", ["https://arxiv.org/pdf/2002.02126v2.pdf"]),
        ("见 doi.org/10.1145/2959100.2959190。", ["https://doi.org/10.1145/2959100.2959190"]),
        ("openreview.net/forum?id=YicbFdNTTy，", ["https://openreview.net/forum?id=YicbFdNTTy"]),
        ("aclanthology.org/2024.acl-long.1", ["https://aclanthology.org/2024.acl-long.1"]),
        ("arxiv.org", []),  # the host alone names no paper
        ("export.arxiv.org/abs/2002.02126", []),  # another host
    ],
)
def test_bare_urls_read_a_repository_or_a_paper_written_without_its_scheme(
    text: str, urls: list[str]
) -> None:
    assert [url for _start, _end, url in bare_urls(text)] == urls
    for start, end, url in bare_urls(text):
        assert url.endswith(text[start:end])


def test_strip_urls_removes_a_repository_without_its_scheme_too() -> None:
    assert strip_urls("代码 github.com/a/b 已开源") == "代码 已开源"


def test_expiring_images() -> None:
    feishu = "https://x.feishu.cn/space/api/box/stream/download/asynccode/?code=abc"
    assert is_expiring_image(feishu)
    assert is_expiring_image("https://cdn.example.com/a.png?x-expires=1700000000")
    assert not is_expiring_image("https://example.org/a.png")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("https://github.com/a/b.git", "https://github.com/a/b"),
        ("https://github.com/a/b/", "https://github.com/a/b"),
        ("https://github.com/a/b.git/", "https://github.com/a/b"),
        ("https://github.com/a/b/tree/main/x/", "https://github.com/a/b/tree/main/x"),
        ("https://github.com/a/b.github.io", "https://github.com/a/b.github.io"),
        ("https://github.com/", "https://github.com/"),
    ],
)
def test_a_repository_is_kept_as_its_page(written: str, kept: str) -> None:
    assert repository_url(written) == kept

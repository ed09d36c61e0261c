"""The preview server, driven in-process: real HTTP on 127.0.0.1, a real Chromium for reloads."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from notes_site.build.pipeline import build
from notes_site.build.report import BuildReport
from notes_site.commands.preview.http import EVENTS_PATH, OVERLAY_ID, inject_script, resolve_request
from notes_site.commands.preview.options import ServeOptions
from notes_site.commands.preview.server import PortInUseError, PreviewServer, serve

HELLO = '+++\ntitle = "Hello"\ndate = 2025-06-13\n+++\n\n{body}\n'
BROKEN = '+++\ntitle = "Hello"\ndate = = 2025-06-13\n+++\n\nbroken\n'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "notes-site.toml").write_text('title = "Test"\nbaseURL = "https://example.org/notes/"\n')
    (posts / "hello.md").write_text(HELLO.format(body="first version of the page"), encoding="utf-8")
    (posts / "训练.md").write_text(HELLO.format(body="中文路径的页面"), encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("TOP SECRET")
    return root


@pytest.fixture
def preview(site: Path) -> Iterator[PreviewServer]:
    server = serve(ServeOptions(site, port=0, debounce_ms=20))
    try:
        yield server
    finally:
        server.stop()


def _get(
    server: PreviewServer, target: str, method: str = "GET"
) -> tuple[int, bytes, http.client.HTTPResponse]:
    """A raw request: the target goes on the request line exactly as given."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"127.0.0.1:{server.port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(), response
    finally:
        connection.close()


def _open(browser: Any, url: str) -> Any:
    page = browser.new_page()
    page.goto(url)
    # The injected script marks the page once the event stream has said hello.
    page.wait_for_selector("html[data-notes-site-live=connected]", timeout=5000)
    return page


# --- in the browser --------------------------------------------------------------------------


def test_a_content_edit_shows_in_the_open_page_within_a_second(
    browser: Any, preview: PreviewServer, site: Path
) -> None:
    page = _open(browser, preview.url + "posts/hello/")
    try:
        assert "first version of the page" in page.inner_text("body")
        page.evaluate("window.__notReloaded = true")
        started = time.perf_counter()
        (site / "content/posts/hello.md").write_text(HELLO.format(body="second version, live"))
        page.wait_for_function(
            "document.body && document.body.innerText.includes('second version, live')", timeout=1000
        )
        elapsed = time.perf_counter() - started
        # The page reloaded by itself: the marker set on the old document is gone.
        assert page.evaluate("window.__notReloaded === undefined")
        print(f"edit-to-visible latency: {elapsed * 1000:.0f} ms")
        assert elapsed < 1.0
    finally:
        page.close()


def test_broken_front_matter_shows_the_overlay_and_a_fix_recovers(
    browser: Any, preview: PreviewServer, site: Path
) -> None:
    page = _open(browser, preview.url + "posts/hello/")
    hello = site / "content/posts/hello.md"
    try:
        hello.write_text(BROKEN)
        overlay = page.locator(f"#{OVERLAY_ID}")
        overlay.wait_for(state="visible", timeout=3000)
        text = overlay.inner_text()
        assert "posts/hello.md:3: error: TOML front matter does not parse" in text
        # The last good build is still the one on screen.
        assert "first version of the page" in page.inner_text("body")

        hello.write_text(HELLO.format(body="fixed and back"))
        page.wait_for_function(
            "document.body && document.body.innerText.includes('fixed and back')", timeout=3000
        )
        assert page.locator(f"#{OVERLAY_ID}").count() == 0
    finally:
        page.close()


def test_an_unknown_path_gets_the_site_404_page_in_the_browser(browser: Any, preview: PreviewServer) -> None:
    page = browser.new_page()
    try:
        response = page.goto(preview.url + "no/such/page/")
        assert response is not None and response.status == 404
        assert page.locator("h1").first.inner_text() == "404"
    finally:
        page.close()


# --- over raw HTTP ---------------------------------------------------------------------------


def test_unknown_path_is_404_with_the_site_page(preview: PreviewServer) -> None:
    status, body, _ = _get(preview, "/no/such/page/")
    assert status == 404
    assert preview.root is not None
    site_404 = (preview.root / "404.html").read_bytes()
    assert body.startswith(site_404.split(b"</body>")[0])
    assert EVENTS_PATH.encode() in body


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/posts/../../outside/secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/outside/secret.txt",
        "/posts/..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc/passwd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "http://127.0.0.1/../../etc/passwd",
        "/etc/passwd%00.html",
    ],
)
def test_requests_that_leave_the_output_folder_are_refused(preview: PreviewServer, target: str) -> None:
    status, body, _ = _get(preview, target)
    assert status in (403, 404)
    assert b"root:" not in body


def test_symlinks_pointing_outside_are_refused(preview: PreviewServer, site: Path) -> None:
    root = preview.root
    assert root is not None
    outside = site.parent / "outside"
    (root / "leak").symlink_to(outside, target_is_directory=True)
    (root / "leak.txt").symlink_to(outside / "secret.txt")
    for target in ("/leak/secret.txt", "/leak.txt", "/leak/"):
        status, body, _ = _get(preview, target)
        assert status == 403, target
        assert b"TOP SECRET" not in body
    # A symlink that stays inside is fine.
    (root / "inside.html").symlink_to(root / "404.html")
    assert _get(preview, "/inside.html")[0] == 200


def test_utf8_paths_are_served(preview: PreviewServer) -> None:
    status, body, _ = _get(preview, quote("/posts/训练/"))
    assert status == 200
    assert "中文路径的页面" in body.decode()
    # Raw UTF-8 bytes on the request line (http.client refuses to send them; a socket does).
    with socket.create_connection(("127.0.0.1", preview.port), timeout=5) as raw:
        raw.sendall("GET /posts/训练/ HTTP/1.0\r\n\r\n".encode())
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.0 200")


def test_a_folder_without_its_slash_redirects(preview: PreviewServer) -> None:
    status, _, response = _get(preview, "/posts/hello")
    assert status == 301
    assert response.getheader("Location") == "/posts/hello/"


def test_the_script_goes_into_served_html_only(preview: PreviewServer) -> None:
    assert preview.root is not None
    built = (preview.root / "posts/hello/index.html").read_bytes()
    assert EVENTS_PATH.encode() not in built
    status, served, response = _get(preview, "/posts/hello/")
    assert status == 200 and EVENTS_PATH.encode() in served
    assert response.getheader("Cache-Control") == "no-store"
    css = next(preview.root.rglob("*.css"))
    status, body, response = _get(preview, "/" + css.relative_to(preview.root).as_posix())
    assert body == css.read_bytes()
    assert response.getheader("Content-Type", "").startswith("text/css")
    assert _get(preview, "/posts/hello/", method="HEAD")[1] == b""


def test_the_event_stream_announces_the_build(preview: PreviewServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=5)
    connection.request("GET", EVENTS_PATH)
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    lines = [response.fp.readline() for _ in range(4)]
    connection.close()
    assert lines[0] == b"retry: 500\n"
    assert lines[2] == b"event: state\n"
    assert lines[3].startswith(b'data: {"build": "') and b'"errors": []' in lines[3]


def test_a_request_during_a_build_waits_for_it(site: Path, tmp_path: Path) -> None:
    # Builds run in the preview's build process: a file, not a thread event, tells it to be slow.
    slow = tmp_path / "slow"

    def slow_build(*args: Any, **kwargs: Any) -> BuildReport:
        if slow.exists():
            time.sleep(0.6)
        return build(*args, **kwargs)

    server = serve(ServeOptions(site, port=0, build_function=slow_build))
    try:
        slow.touch()
        (site / "content/posts/hello.md").write_text(HELLO.format(body="after the slow build"))
        time.sleep(0.2)  # the watcher's rebuild is now sleeping inside the build
        started = time.perf_counter()
        status, body, _ = _get(server, "/posts/hello/")
        waited = time.perf_counter() - started
        assert status == 200
        assert "after the slow build" in body.decode()
        assert waited > 0.2
    finally:
        server.stop()


def test_a_failed_build_keeps_the_last_good_one(preview: PreviewServer, site: Path) -> None:
    good = preview.root
    (site / "content/posts/hello.md").write_text(BROKEN)
    outcome = preview.rebuild()
    assert not outcome.served
    assert outcome.errors == (
        "posts/hello.md:3: error: TOML front matter does not parse: Invalid value — check quoting and "
        '"key = value" syntax on this line (strings need double quotes)',
    )
    assert preview.root == good
    assert "first version of the page" in _get(preview, "/posts/hello/")[1].decode()


def test_a_busy_port_is_an_error_or_moves_on(site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {port} is already in use") as caught:
            serve(ServeOptions(site, port=port))
        assert caught.value.exit_code == 2
        try:
            server = serve(ServeOptions(site, port=port, next_ports=10))
        except PortInUseError:
            pytest.skip("the next ten ports are busy too")
        try:
            assert server.port != port
            assert server.url == f"http://127.0.0.1:{server.port}/"
        finally:
            server.stop()


def test_stop_closes_everything(site: Path) -> None:
    server = serve(ServeOptions(site, port=0))
    root = server.root
    assert root is not None and root.is_dir()
    stream = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    stream.request("GET", EVENTS_PATH)
    stream.getresponse()
    started = time.perf_counter()
    server.stop()
    assert time.perf_counter() - started < 3
    assert root.is_relative_to(site / ".notes-site" / "serve"), "the preview's folders are the site's own"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
    names = {thread.name for thread in threading.enumerate()}
    assert "notes-site-watch" not in names and "notes-site-http" not in names
    stream.close()


# --- pure functions --------------------------------------------------------------------------


def test_resolve_request(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x")
    assert resolve_request(tmp_path, "/a/").file == (tmp_path / "a" / "index.html").resolve()
    assert resolve_request(tmp_path, "/a/?q=1#top").status == 200
    assert resolve_request(tmp_path, "/a?q=1").location == "/a/"
    assert resolve_request(tmp_path, "/missing").status == 404
    assert resolve_request(tmp_path, "/%ff").status == 404
    assert resolve_request(tmp_path, "a/").status == 403
    assert resolve_request(tmp_path, "/./a/").status == 403


def test_inject_script_before_the_last_body_tag() -> None:
    html = b"<html><body><p>x</p></BODY></html>"
    out = inject_script(html, "b-1")
    assert out.startswith(b"<html><body><p>x</p><script>")
    assert out.endswith(b"</script>\n</BODY></html>")
    assert b'const built = "b-1"' in out
    assert inject_script(b"plain", "b").startswith(b"plain<script>")


def _wait_for(condition: Any, timeout: float = 5.0) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_config_and_new_template_folders_are_watched(preview: PreviewServer, site: Path) -> None:
    config = site / "notes-site.toml"
    config.write_text(config.read_text().replace('title = "Test"', 'title = "Renamed site"'))
    assert _wait_for(lambda: "Renamed site" in _get(preview, "/")[1].decode())
    # templates/ did not exist when the server started: it is picked up once it appears.
    (site / "templates").mkdir()
    time.sleep(0.7)  # the watcher looks for new folders twice a second
    (site / "templates" / "404.html").write_text("<html><body>custom not found</body></html>")
    assert _wait_for(lambda: b"custom not found" in _get(preview, "/missing/")[1])


def test_the_search_index_follows_each_build_in_the_background(site: Path) -> None:
    server = serve(ServeOptions(site, port=0, debounce_ms=20))
    try:
        first = server.root
        assert first is not None
        # Pages come first: the index is made afterwards, in the build process's background.
        assert _wait_for(lambda: (first / "pagefind" / "pagefind.js").is_file(), timeout=60), (
            "no index after the first build"
        )
        status, _, _ = _get(server, "/pagefind/pagefind.js")
        assert status == 200
        (site / "content/posts/hello.md").write_text(HELLO.format(body="a word nobody used: zyzzyva"))
        assert _wait_for(lambda: server.root != first, timeout=20), "the edit was not built"
        second = server.root
        assert second is not None
        entries = second / "pagefind" / "pagefind-entry.json"
        assert _wait_for(entries.is_file, timeout=60), "no index in the folder now served"
        assert _wait_for(lambda: b"zyzzyva" in _index_words(second / "pagefind"), timeout=60)
        assert not (second / ".pagefind-new").exists()
    finally:
        server.stop()


def _index_words(bundle: Path) -> bytes:
    """Every fragment of a Pagefind bundle, decompressed (the index stores pages gzipped)."""
    import gzip

    words = b""
    for fragment in (bundle / "fragment").glob("*.pf_fragment") if (bundle / "fragment").is_dir() else ():
        words += gzip.decompress(fragment.read_bytes())
    return words


def test_the_next_preview_starts_from_the_last_ones_folders(site: Path) -> None:
    first = serve(ServeOptions(site, port=0))
    try:
        assert first.first_build is not None and first.first_build.report is not None
    finally:
        first.stop()
    (site / "content/posts/hello.md").write_text(HELLO.format(body="edited while no preview ran"))
    second = serve(ServeOptions(site, port=first.port))
    try:
        outcome = second.first_build
        assert outcome is not None and outcome.report is not None
        report = outcome.report
        assert report.rendered is not None and report.rendered < report.pages / 2, (
            f"the second preview rendered {report.rendered} of {report.pages} pages"
        )
        _, body, _ = _get(second, "/posts/hello/")
        assert "edited while no preview ran" in body.decode()
    finally:
        second.stop()


def test_a_second_preview_of_the_same_site_gets_a_folder_of_its_own(site: Path) -> None:
    first = serve(ServeOptions(site, port=0))
    try:
        second = serve(ServeOptions(site, port=0))
        try:
            assert second.root is not None and first.root is not None
            assert not second.root.is_relative_to(site / ".notes-site"), "two previews share a folder"
            temporary = second.root.parent
        finally:
            second.stop()
        assert not temporary.exists(), "the second preview's temporary folder was left behind"
    finally:
        first.stop()

"""``serve`` builds a site at the root with the site's own ``baseURL`` and starts from what
``build`` wrote: the first preview of a built site renders next to nothing, and what it sends
points to the preview's address."""

from __future__ import annotations

import http.client
import re
import shutil
import time
from pathlib import Path

import pytest

from notes_site.build.pipeline import build
from notes_site.commands.cli_serve import _config_base_url
from notes_site.commands.preview.http import EVENTS_PATH, rewrite_origin
from notes_site.commands.preview.options import ServeOptions, preview_base
from notes_site.commands.preview.process import BuildRequest, _Builds
from notes_site.commands.preview.server import serve

DIGESTS = Path(__file__).parent / "fixtures" / "digests"

PAGE = '+++\ntitle = "{title}"\ndate = 2025-06-{day:02d}\n+++\n\nPage {day}, see [the first](/posts/p1/).\n'


@pytest.mark.parametrize(
    ("site_base", "expected"),
    [
        (
            "https://example.org/",
            ("https://example.org/", (b"https://example.org", b"http://127.0.0.1:1313")),
        ),
        (
            "http://localhost:8080/",
            ("http://localhost:8080/", (b"http://localhost:8080", b"http://127.0.0.1:1313")),
        ),
        ("/", ("/", None)),  # root-relative links: nothing to rewrite
        (
            "https://me.github.io/notes/",
            ("http://127.0.0.1:1313/", None),
        ),  # a sub-path: built for the preview
        (None, ("http://127.0.0.1:1313/", None)),  # no config read
    ],
)
def test_preview_base(site_base: str | None, expected: tuple[str, tuple[bytes, bytes] | None]) -> None:
    assert preview_base(site_base, "http://127.0.0.1:1313/") == expected


def test_rewrite_origin_as_written_and_as_json_writes_it() -> None:
    body = b'<link href="https://example.org/a/"><script>{"u":"https:\\/\\/example.org\\/b\\/"}</script>'
    assert rewrite_origin(body, b"https://example.org", b"http://127.0.0.1:9") == (
        b'<link href="http://127.0.0.1:9/a/"><script>{"u":"http:\\/\\/127.0.0.1:9\\/b\\/"}</script>'
    )
    assert rewrite_origin(b"no links", b"https://example.org", b"http://x") == b"no links"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "notes-site.toml").write_text('title = "Seeded"\nbaseURL = "https://example.org/"\n')
    for day in range(1, 13):
        (posts / f"p{day}.md").write_text(PAGE.format(title=f"Post {day}", day=day), encoding="utf-8")
    digests = site / "content" / "digests"
    digests.mkdir()
    for name in ("arxiv_daily", "wechat", "papers_cool"):  # paper and topic pages say their inputs
        shutil.copy(DIGESTS / f"{name}.md", digests / f"{name}.md")
    build(site, tmp_path / "elsewhere", search=False)  # -o: any folder
    return site


def _get(port: int, target: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        assert response.status == 200, target
        return response.read()
    finally:
        connection.close()


def test_the_first_preview_of_a_built_site_starts_from_its_output(built: Path) -> None:
    assert _config_base_url(built) == "https://example.org/"
    # No seed given: the folder build last wrote, as the cache remembers it.
    server = serve(ServeOptions(built, port=0, site_base_url="https://example.org/"))
    try:
        outcome = server.first_build
        assert outcome is not None and outcome.report is not None
        report = outcome.report
        assert report.rendered is not None and report.rendered < report.pages / 4, (
            f"the first preview rendered {report.rendered} of {report.pages} pages"
        )
        origin = f"http://127.0.0.1:{server.port}".encode()
        served = _get(server.port, "/posts/p3/")
        assert b"https://example.org" not in served
        assert re.search(rb'<link rel="canonical" href="' + re.escape(origin) + rb'/posts/p3/">', served)
        # The page is build's own page, its origin the preview's, the live-reload script added.
        written = (
            (built.parent / "elsewhere" / "posts" / "p3" / "index.html")
            .read_bytes()
            .replace(b"https://example.org", origin)
        )
        body_end = written.lower().rfind(b"</body>")
        assert served.startswith(written[:body_end]) and served.endswith(written[body_end:])
        assert EVENTS_PATH.encode() in served[body_end:]
        feed = _get(server.port, "/index.xml")
        assert origin + b"/posts/" in feed and b"https://example.org" not in feed
        # Editing goes on as before, in the preview's own folders (build's output is untouched).
        (built / "content/posts/p3.md").write_text(PAGE.format(title="Post 3", day=3) + "\nedited\n")
        deadline = time.monotonic() + 30
        while b"edited" not in _get(server.port, "/posts/p3/"):
            assert time.monotonic() < deadline, "the edit never showed"
            time.sleep(0.05)
    finally:
        server.stop()
    assert b"edited" not in (built.parent / "elsewhere" / "posts" / "p3" / "index.html").read_bytes()


def test_a_preview_without_the_sites_base_url_builds_for_its_own_address(built: Path) -> None:
    server = serve(ServeOptions(built, port=0))
    try:
        served = _get(server.port, "/posts/p3/")
        assert f"http://127.0.0.1:{server.port}/posts/p3/".encode() in served
    finally:
        server.stop()


def test_a_first_build_with_nothing_to_do_fills_the_memory_after_it_answers(
    built: Path, tmp_path: Path
) -> None:
    builds = _Builds(ServeOptions(built, search=False), lambda error: (str(error), ""))
    request = BuildRequest(tmp_path / "site-0", None, "https://example.org/", (tmp_path / "site-1",))
    reply = builds.run(request)
    assert reply.report is not None and reply.report.rendered == 0
    assert [name for name, _seconds in reply.report.stages] == ["discover"]  # answered at once
    assert not builds.memory.warm
    builds.after(request, reply)
    assert builds.memory.warm  # what each page was made from is known: the next edit needs no more
    assert (tmp_path / "site-1" / "posts" / "p3" / "index.html").is_file()
    assert builds._manifest(tmp_path / "site-1") is not None


def test_a_first_build_that_makes_the_site_leaves_the_memory_filled(tmp_path: Path) -> None:
    site = tmp_path / "plain"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "notes-site.toml").write_text('title = "Plain"\nbaseURL = "https://example.org/"\n')
    (site / "content" / "posts" / "p1.md").write_text(PAGE.format(title="Post 1", day=1), encoding="utf-8")
    builds = _Builds(ServeOptions(site, search=False), lambda error: (str(error), ""))
    request = BuildRequest(tmp_path / "site-0", None, "https://example.org/", (tmp_path / "site-1",))
    reply = builds.run(request)
    assert reply.report is not None and reply.report.rendered
    assert builds.memory.warm  # a site with no digest pages too: no second build to fill it

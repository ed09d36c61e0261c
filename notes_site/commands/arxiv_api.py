"""The arXiv API client of ``notes-site papers fetch``: httpx for HTTP, feedparser for the Atom feed.

It asks for papers by id in batches (at most 100 ids a request, as the API's ``id_list``
allows), one request every 3 seconds (what arXiv asks of API users), retrying failed requests
with a growing wait (3, 6, 12 … seconds, or what a ``Retry-After`` header says). The base URL
is a setting, so the tests (and a local mirror) can serve recorded Atom responses on loopback;
only a loopback URL may ask more often than every 3 seconds.

The feed is the one the API documents (https://info.arxiv.org/help/api/user-manual.html): an
``<entry>`` per paper with ``<id>`` (``http://arxiv.org/abs/ID vN``), ``<title>``, ``<summary>``,
``<author><name>``, ``<published>`` (the first version), ``<updated>``, ``<category>`` and
``<arxiv:primary_category>``, and, when the authors gave them, ``<arxiv:comment>``,
``<arxiv:journal_ref>`` and ``<arxiv:doi>``. An id the API cannot read comes back as an entry
whose ``<id>`` is under ``/api/errors``.
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import feedparser
import httpx

from notes_site import __version__
from notes_site.base.errors import NotesSiteError, UsageError
from notes_site.commands.settings import ARXIV_API, ARXIV_INTERVAL
from notes_site.digest.arxiv_data import ArxivRecord

MAX_BATCH = 100
"""The most ids one request asks for."""

_ENTRY_ID = re.compile(r"/abs/(?P<id>\d{4}\.\d{4,5})(?:v(?P<version>\d+))?$")


class FetchError(NotesSiteError):
    """The arXiv API could not be reached or kept failing; what was fetched before is kept."""


@dataclass(frozen=True, slots=True)
class ApiPolicy:
    """Where the API is and how politely to ask it."""

    url: str = ARXIV_API
    """The query endpoint (``https://export.arxiv.org/api/query``)."""
    batch_size: int = MAX_BATCH
    """Ids per request (1 to 100)."""
    interval: float = ARXIV_INTERVAL
    """Seconds from one request to the next (at least 3, except on a loopback URL)."""
    retries: int = 4
    """How many times a failed request is tried again."""
    backoff: float = ARXIV_INTERVAL
    """Seconds before the first retry; each further retry waits twice as long."""
    timeout: float = 30.0
    """Seconds to wait for an answer."""

    def checked(self) -> ApiPolicy:
        """This policy, or a :class:`UsageError` saying what is wrong with it."""
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"the arXiv API URL must be an http(s) URL, not {self.url!r}")
        if not 1 <= self.batch_size <= MAX_BATCH:
            raise UsageError(f"--batch-size must be between 1 and {MAX_BATCH}, not {self.batch_size}")
        if self.interval < ARXIV_INTERVAL and not is_loopback(parts.hostname):
            raise UsageError(
                f"arXiv asks for at most one request every {ARXIV_INTERVAL:g} seconds; "
                f"--interval {self.interval:g} is allowed only for an API on this machine (127.0.0.1)"
            )
        return self


def is_loopback(host: str) -> bool:
    """Whether *host* is this machine (``localhost``, ``127.0.0.0/8``, ``::1``)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class Batch:
    """What one request brought back."""

    asked: tuple[str, ...]
    """The ids asked for."""
    records: tuple[ArxivRecord, ...]
    """A record for each id the API knew, in the order asked."""
    problems: tuple[str, ...] = field(default=())
    """What the API said it could not do (``incorrect id format for …``), and the ids it left out."""


def _fold(text: str) -> str:
    return " ".join(text.split())


def parse_feed(content: bytes, asked: Sequence[str]) -> Batch:
    """The records and problems in one API answer to a request for *asked*."""
    feed = feedparser.parse(content)
    if feed.bozo and not feed.entries:
        raise FetchError(
            f"the arXiv API answered with something that is not an Atom feed ({feed.bozo_exception})"
        )
    found: dict[str, ArxivRecord] = {}
    problems: list[str] = []
    for entry in feed.entries:
        entry_id = str(entry.get("id", ""))
        if "/api/errors" in entry_id:
            problems.append(_fold(str(entry.get("summary", entry_id))))
            continue
        match = _ENTRY_ID.search(entry_id)
        if match is None or match.group("id") not in asked:
            continue
        primary = entry.get("arxiv_primary_category", {}).get("term")
        terms = [str(tag.get("term")) for tag in entry.get("tags", ()) if tag.get("term")]
        optional = {
            key: _fold(str(entry[name])) or None
            for key, name in (
                ("comment", "arxiv_comment"),
                ("journal_ref", "arxiv_journal_ref"),
                ("doi", "arxiv_doi"),
            )
            if entry.get(name)
        }
        found[match.group("id")] = ArxivRecord(
            id=match.group("id"),
            version=int(match.group("version")) if match.group("version") else None,
            title=_fold(str(entry.get("title", ""))),
            authors=tuple(_fold(str(a.get("name", ""))) for a in entry.get("authors", ()) if a.get("name")),
            abstract=_fold(str(entry.get("summary", ""))),
            categories=tuple(dict.fromkeys([*([primary] if primary else []), *terms])),
            published=str(entry.get("published", "")),
            updated=str(entry.get("updated", "")),
            **optional,
        )
    complete = {key: record for key, record in found.items() if record.title and record.published}
    missing = [arxiv_id for arxiv_id in asked if arxiv_id not in complete]
    if missing and not problems:
        problems.append(f"arXiv has no paper {', '.join(missing)}")
    return Batch(tuple(asked), tuple(complete[i] for i in asked if i in complete), tuple(problems))


class ArxivClient:
    """Asks the API for batches of ids, paced and retried as its :class:`ApiPolicy` says.

    *sleep* and *clock* are ``time.sleep`` and ``time.monotonic`` unless a test gives others;
    *on_wait* hears of every retry (``attempt, seconds, reason``), for the terminal.
    """

    def __init__(
        self,
        policy: ApiPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_wait: Callable[[int, float, str], None] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.policy = policy.checked()
        self.sleep = sleep
        self.clock = clock
        self.on_wait = on_wait
        self.requests = 0
        """How many requests were sent (retries included)."""
        self._last: float | None = None
        self._http = httpx.Client(
            timeout=policy.timeout,
            headers={"User-Agent": f"notes-site/{__version__} (papers fetch)"},
            transport=transport,
            follow_redirects=True,
        )

    def __enter__(self) -> ArxivClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def batches(self, ids: Sequence[str]) -> Iterator[Batch]:
        """One :class:`Batch` per request, in the order of *ids*."""
        size = self.policy.batch_size
        for start in range(0, len(ids), size):
            asked = tuple(ids[start : start + size])
            yield parse_feed(self._get(asked), asked)

    def _pace(self) -> None:
        if self._last is not None:
            wait = self._last + self.policy.interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last = self.clock()

    def _get(self, asked: Sequence[str]) -> bytes:
        params = {"id_list": ",".join(asked), "start": "0", "max_results": str(len(asked))}
        host = urlsplit(self.policy.url).hostname
        for attempt in range(self.policy.retries + 1):
            self._pace()
            self.requests += 1
            wait = self.policy.backoff * 2**attempt
            try:
                response = self._http.get(self.policy.url, params=params)
            except httpx.ConnectError as error:
                reason = f"cannot reach {host} ({error}): offline, or the API is down"
            except httpx.TransportError as error:
                reason = f"{host} did not answer ({type(error).__name__}: {error})"
            else:
                if response.status_code == 200:
                    return response.content
                reason = f"{host} answered HTTP {response.status_code}"
                if response.status_code not in (429, 500, 502, 503, 504):
                    raise FetchError(f"{reason} for {response.url}; nothing more was asked")
                wait = max(wait, _retry_after(response))
            if attempt == self.policy.retries:
                raise FetchError(f"{reason}; gave up after {attempt + 1} tries (run it again later)")
            if self.on_wait is not None:
                self.on_wait(attempt + 1, wait, reason)
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(response: httpx.Response) -> float:
    """Seconds a ``Retry-After`` header asks for (at most a minute), else 0."""
    try:
        return min(60.0, max(0.0, float(response.headers.get("Retry-After", "0"))))
    except ValueError:
        return 0.0

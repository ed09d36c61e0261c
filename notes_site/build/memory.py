"""What a process that builds one site again and again (``serve``) keeps from one build to the next.

Seven layers, each keyed so that it can only give back what a build would make again:

- content files read and the pages made from them, by file status (``hugo/reread.py``), and
  each page's fingerprint (for the inputs hash and the documents' cache keys), by object;
- documents read and rendered, by content key (the build cache's memory layer);
- papers merged from the very same mention objects (``digest/papers.py``'s ``merge_papers``);
- views, reused when their inputs are equal (:mod:`notes_site.site.views.carry`), so that a
  view nothing changed is the same object as last time;
- what each paper, topic and timeline page was made from (``paper_inputs`` beside
  ``make_paper``, and the others in ``site/render.py``'s ``INPUTS``), with the fingerprint it
  had: a page whose inputs are equal, under the same templates, is the page the last build
  made, so it is neither made nor fingerprinted (paper pages were three quarters of the
  render stage of an edit); and a paper page whose view, search fields and topics'
  candidates the memo kept as they were has those very inputs, so they are not even made
  (``_same_paper_pages``);
- the build fingerprints of those views, by object: a view that is the same object has the
  same fingerprint, so only the views made again are pickled and hashed. They are worked out
  here, before the render workers are forked, and every worker inherits them (each worker
  used to hash every view it met on its own);
- the compiled templates, checked by Jinja against each template's source.

A cold build (``build``, one process) has no memory; what it writes is the same either way
(``tests/test_incremental.py`` builds with and without one and compares the bytes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from notes_site.build.cache import OutputRecord
from notes_site.build.fingerprint import Fingerprinter, KeptFingerprints
from notes_site.digest.papers import PaperMemo
from notes_site.hugo.reread import ReadMemo
from notes_site.site.context import RenderContext
from notes_site.site.output import PageTask
from notes_site.site.render import page_inputs
from notes_site.site.templates import KeptTemplates
from notes_site.site.views.carry import ViewMemo


class BuildMemory:
    """Kept by the caller between builds of one site, passed to each (``build(memory=…)``)."""

    def __init__(self) -> None:
        self.reads = ReadMemo()
        """Content files read, and the pages made from them."""
        self.page_keys = KeptFingerprints()
        """Each page's fingerprint (a page the discovery kept is the same object)."""
        self.documents: dict[str, object] = {}
        """Documents read once, by content key."""
        self.papers = PaperMemo()
        """The last build's merged papers (a paper whose mentions are the same objects is the same)."""
        self.views = ViewMemo()
        """The last build's views."""
        self.templates = KeptTemplates()
        """Templates compiled by earlier builds (each build has an environment of its own)."""
        self._names: dict[int, tuple[object, str]] = {}
        """The last build's view fingerprints, by ``id`` (with the view, which keeps the id its own)."""
        self._pages: dict[str, tuple[tuple[str, object], str]] = {}
        """Each page the last build made that says its inputs: (templates key and inputs, fingerprint)."""
        self._asked: dict[str, tuple[str, object]] = {}
        self._asked_with: tuple[int, object, object] | None = None
        self._known_with: tuple[int, object, object] | None = None
        """What every paper page of the last build that remembered its pages read alike (its
        views' generation, the languages' epochs and paths), for :meth:`_same_paper_pages`."""
        self._filled = False
        """Whether a build has run every stage with this memory (see :meth:`remember`)."""
        self.skipped = 0
        """How many pages the last build found unchanged from their inputs (for tests and ``-v``)."""
        self.unmade_inputs = 0
        """How many paper pages the last build knew the inputs of without making them (tests)."""

    @property
    def warm(self) -> bool:
        """Whether a build has filled this memory (what each page was made from is known)."""
        return self._filled

    def unchanged(
        self,
        context: RenderContext,
        tasks: Sequence[PageTask],
        templates_key: str,
        records: Mapping[str, OutputRecord],
    ) -> dict[str, OutputRecord]:
        """The tasks whose file in the output folder (*records*: the files already in place)
        is the one this build would make: made last time from equal inputs, with the
        fingerprint the file has. The others have to be made."""
        self._asked = {}
        found: dict[str, OutputRecord] = {}
        same_paper = self._same_paper_pages(context)
        self.unmade_inputs = 0
        for task in tasks:
            kept = self._pages.get(task.path)
            if same_paper is not None and task.kind == "paper" and kept is not None and same_paper(task):
                # Its inputs are the very objects they were: their signature is the kept one.
                self._asked[task.path] = kept[0]
                self.unmade_inputs += 1
                record = records.get(task.path)
                if record is not None and kept[1] == record.fingerprint and kept[0][0] == templates_key:
                    found[task.path] = record
                continue
            inputs = page_inputs(context, task)
            if inputs is None:
                continue
            signature = (templates_key, inputs)
            self._asked[task.path] = signature
            record = records.get(task.path)
            if (
                kept is not None
                and record is not None
                and kept[1] == record.fingerprint
                and kept[0] == signature
            ):
                found[task.path] = record
        self.skipped = len(found)
        return found

    def remember(self, records: Mapping[str, OutputRecord]) -> None:
        """The build is done and *records* are its files: keep what the pages asked about in
        :meth:`unchanged` were made from (pages gone from the site are let go)."""
        self._pages = {
            path: (signature, records[path].fingerprint)
            for path, signature in self._asked.items()
            if path in records and records[path].fingerprint
        }
        self._asked = {}
        self._known_with, self._asked_with = self._asked_with, None
        self._filled = True

    def _same_paper_pages(self, context: RenderContext) -> Callable[[PageTask], bool] | None:
        """A test of whether a paper page's inputs (``paper_inputs``) are the very objects the
        last build that remembered its pages had, without making them; None when that cannot be
        told (a build in between made views and remembered nothing, or the languages' epochs or
        paths changed).

        Views the memo kept are the same objects: a paper page's inputs are the same when its
        paper view, its search fields and its topics' related-paper candidates were all kept,
        and every language has the pages it had (the language switcher)."""
        now: tuple[int, object, object] = (
            context.views_generation,
            context.epochs(),
            {lang: views.site_paths for lang, views in context.views.items()},
        )
        self._asked_with = now
        known = self._known_with
        if known is None or now[0] != known[0] + 1 or now[1] != known[1] or now[2] != known[2]:
            return None
        remade = {lang: views.memo.papers.remade for lang, views in context.views.items()}
        topics = {lang: views.changed_topics() for lang, views in context.views.items()}
        searched = context.texts.remade_search()

        def same(task: PageTask) -> bool:
            paper = context.views[task.lang].papers[task.key]
            return (
                task.key not in remade[task.lang]
                and task.key not in searched
                and topics[task.lang].isdisjoint(paper.topics)
            )

        return same

    def view_names(self, context: RenderContext, fingerprinter: Fingerprinter) -> Mapping[int, str]:
        """The fingerprint name of every view of *context*: the kept one for a view that is the
        same object as last build's, else made by *fingerprinter*. Views of earlier builds are
        let go."""
        kept, now = self._names, {}
        for view in _views(context):
            found = kept.get(id(view))
            name = found[1] if found is not None and found[0] is view else fingerprinter.name(view)
            if name is not None:
                now[id(view)] = (view, name)
        self._names = now
        return {number: name for number, (_view, name) in now.items()}


def _views(context: RenderContext) -> Iterator[object]:
    """Every view the pages of *context* are fingerprinted with."""
    for views in context.views.values():
        yield from views.papers.values()
        yield from views.entries
        yield from views.undated
        yield from views.topics
    yield from context.texts.search_fields()

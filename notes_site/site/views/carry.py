"""Views kept from one build to the next of a long-running process (``serve``), reused when equal.

A view is a pure function of a few inputs: a paper view of the merged paper, the title and URL
of each page that mentions it, its links and what the whole language shares (its prefix, its
topics, the base URL); an entry card of its document's digest, the page and the chips of the
papers it names; a chip of its paper. :class:`ViewMemo` keeps each view with the inputs it
was made from; the next build compares the new inputs with the kept ones (by value: the
records are frozen dataclasses, and documents the cache kept in memory are the very same
objects, so most comparisons stop at an identity check) and returns the kept view when they
are equal, else makes it again. A view that is returned again is the same object, so what was
worked out from it last time (its build fingerprint, ``build/memory.py``) still holds.

A paper view whose paper and whose mentions' pages and digests are the very objects of the
last build is taken as it is, without making its inputs (:meth:`Kept.keep`): they are equal.
Nothing here guesses: an input that is not compared is not read by the maker. The makers are
:class:`~notes_site.site.views.language.LanguageViews`' own methods; the memo only decides
whether to call them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from notes_site.output.search import PaperSearchFields
from notes_site.site.views.records import Candidates, EntryView, LinkView, PaperRef, PaperView, Rankings

_V = TypeVar("_V")


class Kept(Generic[_V]):
    """One kind of view of one language: what the last build made, and what this one has made."""

    def __init__(self) -> None:
        self.last: dict[Hashable, tuple[object, _V]] = {}
        self.now: dict[Hashable, tuple[object, _V]] = {}
        self.reused = 0
        """How many views this build took from the last one (for tests and ``-v``)."""
        self.remade: set[Hashable] = set()
        """The keys whose view the build that settled last made again (every other key it has
        is the very view of the build before it)."""
        self._made: set[Hashable] = set()

    def get(self, key: Hashable, inputs: tuple[Any, ...], make: Callable[..., _V]) -> _V:
        """The view of *key*: the kept one when it was made from equal *inputs*, else
        ``make(*inputs)``."""
        found = self.last.get(key)
        if found is not None and found[0] == inputs:
            view = found[1]
            self.reused += 1
        else:
            view = make(*inputs)
            self._made.add(key)
        self.now[key] = (inputs, view)
        return view

    def keep(self, key: Hashable, first: object) -> _V | None:
        """The kept view of *key*, taken as it is, when its first input is the very object
        *first* and the caller knows the others are the very objects they were
        (``LanguageViews._papers``), without making them; None otherwise (then :meth:`get`
        decides)."""
        found = self.last.get(key)
        if found is None or not isinstance(found[0], tuple) or not found[0] or found[0][0] is not first:
            return None
        self.reused += 1
        self.now[key] = found
        return found[1]

    def settle(self) -> None:
        """This build's views become the ones the next build compares with (the rest are let go)."""
        self.last, self.now, self.reused = self.now, {}, 0
        self.remade, self._made = self._made, set()


class LanguageMemo:
    """The kept views of one language."""

    def __init__(self) -> None:
        self.epoch: object = None
        """What every view of the language depends on alike, as the last build had it."""
        self.papers: Kept[PaperView] = Kept()
        """Paper views by paper key."""
        self.entries: Kept[tuple[EntryView, ...]] = Kept()
        """Each document's entry cards, by source path."""
        self.refs: Kept[PaperRef] = Kept()
        """Each paper's chip on entry cards, by paper key."""
        self._heads: dict[tuple[str, ...], Candidates] = {}
        self._rankings: Rankings = {}
        self.changed_topics: set[tuple[str, ...]] = set()
        """The topics whose candidates the last :meth:`candidates` made anew."""
        self.documents: dict[str, tuple[object, object]] = {}
        """The last build's documents' page and digest, by source path (:meth:`changed_documents`)."""

    def candidates(
        self, by_topic: Mapping[tuple[str, ...], Sequence[PaperView]], depth: int
    ) -> tuple[dict[tuple[str, ...], Candidates], Rankings]:
        """Each topic's related-paper candidates (its newest *depth* papers, *by_topic*) and this
        build's related-papers memo (``views/papers.py``).

        A topic whose candidates are the very views, in the same order, the last build had keeps
        the last build's :class:`Candidates` (so pages compare it by identity, and its build
        fingerprint is hashed once), and the memo holds the last
        build's rankings of every set of such topics: a ranking reads nothing else."""
        heads: dict[tuple[str, ...], Candidates] = {}
        for topic, papers in by_topic.items():
            head, old = tuple(papers[:depth]), self._heads.get(topic)
            heads[topic] = old if old is not None and _same(old.papers, head) else Candidates(head)
        stable = {topic for topic, head in heads.items() if head is self._heads.get(topic)}
        self.changed_topics = set(heads) - stable
        kept = {key: ranked for key, ranked in self._rankings.items() if all(t in stable for t in key[0])}
        self._heads, self._rankings = heads, kept
        return heads, kept

    def changed_documents(self, documents: Mapping[str, tuple[object, object]]) -> set[str]:
        """The sources whose ``(page, digest)`` are not the very objects the last build had (new
        ones included, and those gone); they become the ones the next build compares with."""
        last = self.documents
        changed = set()
        for source, (page, digest) in documents.items():
            known = last.get(source)
            if known is None or known[0] is not page or known[1] is not digest:
                changed.add(source)
        changed.update(source for source in last if source not in documents)
        self.documents = dict(documents)
        return changed

    def start(self, epoch: object) -> None:
        """Begin a build whose shared inputs are *epoch*: when they differ from the last
        build's, nothing kept can be reused."""
        if epoch != self.epoch:
            self.papers.last.clear()
            self.entries.last.clear()
            self.refs.last.clear()
        self.epoch = epoch

    def finish(self) -> None:
        """The build's views are made: keep them for the next one."""
        self.papers.settle()
        self.entries.settle()
        self.refs.settle()


def _same(old: tuple[PaperView, ...], new: tuple[PaperView, ...]) -> bool:
    """Whether *old* holds the very objects *new* does, in order."""
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


class ViewMemo:
    """The kept views of every language, for a process that builds the same site again and again."""

    def __init__(self) -> None:
        self.generation = 0
        """How many builds have made their views with this memo (:meth:`begin`)."""
        self._languages: dict[str, LanguageMemo] = {}
        self.search: Kept[PaperSearchFields] = Kept()
        """Each paper's search fields (shared by its pages in every language), by paper key."""
        self.links: Kept[tuple[LinkView, ...]] = Kept()
        """Each paper's links (the same in every language), by paper key."""

    def begin(self) -> None:
        """A build starts making its views."""
        self.generation += 1

    def language(self, lang: str) -> LanguageMemo:
        """The memo of *lang* (made the first time)."""
        return self._languages.setdefault(lang, LanguageMemo())

"""Python's garbage collector during a build: rarer collections, and none over what lives all build.

A build makes millions of small objects that live until it ends (documents, their bodies, the
views of each language). CPython's cyclic collector looks at every tracked object again on each
full collection, and how often it runs grows with how many objects are made, so its cost grew
faster than the site: at 5,000 digests the views stage took 6.5 times as long as at 1,000. The
build's objects are freed by reference counting, not by the collector, so during a build:

* the first generation is collected after 50,000 allocations instead of 700 (forked workers
  inherit this);
* what the build keeps (the loaded site, then its views) is frozen (:func:`gc.freeze`) as soon
  as it is made, so that no collection walks it again, and forked workers do not copy the
  memory pages they share with this process because a collection touched them.

Both are undone when the build ends, so a long-lived preview process collects one build's
objects once the next replaces them.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

FIRST_GENERATION = 50_000
"""Allocations between collections of the youngest generation during a build (CPython: 700)."""


@contextmanager
def quiet_collector() -> Iterator[Callable[[], None]]:
    """Within: collections are rare; call the yielded function to freeze what exists now."""
    thresholds = gc.get_threshold()
    owner = gc.get_freeze_count() == 0
    gc.set_threshold(max(thresholds[0], FIRST_GENERATION), *thresholds[1:])
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*thresholds)
        if owner:
            gc.unfreeze()

"""Fingerprints: a short hash of everything an output is made from, so an unchanged one is not made again.

A value's fingerprint is the hash of its pickle, made without pickle's memo: equal values
give equal bytes whatever objects they share, so a value read back from the cache and the
same value made afresh have the same fingerprint. Objects every page shares (a language's
frame, a document's rendered body) are replaced by short names given in *shared*, so they
are not pickled once per page.
"""

from __future__ import annotations

import hashlib
import io
import operator
import pickle
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

DIGEST_SIZE = 16
"""Bytes of BLAKE2b output kept (a 32-character hex string)."""


def digest(data: bytes) -> str:
    """The hash of *data*, as hex."""
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).hexdigest()


class _Pickler(pickle.Pickler):
    """Pickles without a memo and names shared objects instead of pickling them."""

    def __init__(self, file: io.BytesIO, shared: Mapping[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # no memo: the bytes depend on the values only
        self.shared = shared

    def persistent_id(self, obj: Any) -> str | None:
        return self.shared.get(id(obj))


def fingerprint(value: Any, shared: Mapping[int, str] | None = None) -> str:
    """The hash of *value*'s pickle; objects whose ``id`` is in *shared* count by their name."""
    buffer = io.BytesIO()
    _Pickler(buffer, shared or {}).dump(value)
    return digest(buffer.getvalue())


class KeptFingerprints:
    """Fingerprints of objects that come back from one build to the next as the very same object
    (pages a discovery kept, ``hugo/reread.py``): each is hashed once, then looked up by identity.

    A fingerprint is :func:`fingerprint`'s, with or without this; the objects are kept alive,
    so an ``id`` always names the object it was taken from.
    """

    def __init__(self) -> None:
        self._last: dict[int, tuple[object, str]] = {}
        self._now: dict[int, tuple[object, str]] = {}

    def begin(self) -> None:
        """A build starts: the objects fingerprinted since the last :meth:`begin` are the ones
        kept (the others are let go)."""
        if self._now:
            self._last, self._now = self._now, {}

    def __call__(self, obj: object) -> str:
        """The fingerprint of *obj*."""
        key = id(obj)
        found = self._now.get(key) or self._last.get(key)
        if found is None or found[0] is not obj:
            found = (obj, fingerprint(obj))
        self._now[key] = found
        return found[1]


class Fingerprinter:
    """Fingerprints the values of many pages, hashing each large shared object only once.

    Objects of the *memo_types* (views that many pages show: a paper's view appears on every
    page that lists it) are fingerprinted on their own the first time they are met and then
    stand in the pickle as that fingerprint. *names* gives fixed names to objects whose
    content is accounted for elsewhere (a language's frame, a document's page and rendered
    body). Plain containers (``tuple``, ``list``, ``dict``) cannot be named: name the object
    that holds them.
    """

    def __init__(self, names: Mapping[int, str], memo_types: tuple[type, ...]) -> None:
        self.names = dict(names)
        self.memo_types = memo_types
        self._kept: list[object] = []  # objects named by id stay alive, so their ids stay theirs
        self._kinds: dict[type, tuple[bool, str, Callable[[Any], Any] | None]] = {}
        """Per class: whether it is memoized, its name, and a getter of its dataclass fields."""

    def __call__(self, value: Any) -> str:
        """The fingerprint of *value*."""
        buffer = io.BytesIO()
        _MemoPickler(buffer, self).dump(value)
        return digest(buffer.getvalue())

    def kind(self, cls: type) -> tuple[bool, str, Callable[[Any], Any] | None]:
        """How objects of *cls* are pickled here: (memoized, class name, fields getter or None)."""
        found = self._kinds.get(cls)
        if found is None:
            fields = tuple(getattr(cls, "__dataclass_fields__", None) or ())
            getter = None
            if fields:
                many = operator.attrgetter(*fields)
                getter = many if len(fields) > 1 else (lambda obj, one=many: (one(obj),))
            found = self._kinds[cls] = (issubclass(cls, self.memo_types), cls.__qualname__, getter)
        return found

    def name(self, obj: object) -> str | None:
        """The stand-in for *obj* in a pickle, or None to pickle it as it is."""
        found = self.names.get(id(obj))
        if found is None and self.kind(type(obj))[0]:
            found = self.memoize(obj)
        return found

    def memoize(self, obj: object) -> str:
        """Fingerprint *obj* on its own, and name it so from now on."""
        buffer = io.BytesIO()
        pickler = _MemoPickler(buffer, self)
        pickler.top = obj
        pickler.dump(obj)
        found = "view:" + digest(buffer.getvalue())
        self.names[id(obj)] = found
        self._kept.append(obj)
        return found


class _MemoPickler(pickle.Pickler):
    """Pickles without a memo, with named and memoized objects replaced by their names.

    ``reducer_override`` is asked only about objects that are not plain ``str``, ``int``,
    ``tuple``, ``list``, ``dict`` and the like (pickle's own fast path keeps those), so the
    cost of naming stays with the objects that can be named.
    """

    def __init__(self, file: io.BytesIO, owner: Fingerprinter) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True
        self.owner = owner
        self.names = owner.names
        self.top: object | None = None

    def reducer_override(self, obj: Any) -> Any:
        memoized, qualname, fields = self.owner.kind(type(obj))
        if obj is not self.top:
            name = self.names.get(id(obj))
            if name is None and memoized:
                name = self.owner.memoize(obj)
            if name is not None:
                return (str, (name,))
        if fields is not None:
            # A frozen dataclass pickles through dataclasses' own getstate, which looks its
            # fields up every time; for a fingerprint its class name and values are enough.
            return (_record, (qualname, *fields(obj)))
        return NotImplemented


def _record(*values: Any) -> tuple[Any, ...]:
    """Stands in a fingerprint pickle for a dataclass instance (never called: nothing is unpickled)."""
    return values


def folder_digest(folders: Sequence[Path]) -> str:
    """Hash of every file (name and bytes) under *folders*, in order."""
    parts: list[tuple[str, str]] = []
    for number, folder in enumerate(folders):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    parts.append(
                        (f"{number}:{file.relative_to(folder).as_posix()}", digest(file.read_bytes()))
                    )
    return fingerprint(parts)

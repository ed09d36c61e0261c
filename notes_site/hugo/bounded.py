"""Front matter and config values whose cost is bounded, whatever the file says.

* **YAML aliases.** Twelve lines of ``&a [*b, *b, …]`` ("billion laughs") compose to a few
  dozen nodes but expand to billions of values once anything walks them (215 s and 10 GB
  before this module). :func:`load_yaml` composes the node graph first, counts what the
  aliases would add and refuses more than :attr:`~notes_site.base.limits.Limits.yaml_alias_values`;
  an alias that contains itself is refused too.
* **Nesting.** JSON, TOML and YAML all nest (``[[[[…]]]]``, dotted keys ``a.b.c.…``); a value
  nested deeper than :attr:`~notes_site.base.limits.Limits.nesting` is refused
  (:func:`check_value`), before anything recursive (Python's parsers, ``lower_keys``,
  templates) meets it.
* **Impossible dates** (``2025-02-30``) stay text, for the date rules to report.
* **Lone surrogates.** JSON's ``"\\ud800"`` is a string no UTF-8 file can hold; such characters
  become U+FFFD.

Each refusal is a :class:`TooLargeError` with the line it concerns (0-based, from the start of
the parsed text), which the callers turn into a ``bad-front-matter`` or ``bad-config`` error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import yaml

from notes_site.base.limits import LIMITS, Limits


class TooLargeError(ValueError):
    """A value past one of the limits."""

    def __init__(self, message: str, line: int, hint: str) -> None:
        super().__init__(message)
        self.message = message
        """What is too large, in one sentence."""
        self.line = line
        """0-based line within the parsed text."""
        self.hint = hint
        """What to do about it."""


def _yaml_children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _measure(root: yaml.Node, limits: Limits) -> None:
    """Walk the composed graph once (shared nodes once): raise when expanding it costs too much."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    uses: dict[int, tuple[int, yaml.Node]] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, list[yaml.Node] | None]] = [(root, None)]
    while stack:
        node, children = stack.pop()
        key = id(node)
        if children is not None:  # every child is measured: measure the node
            on_path.discard(key)
            total, deepest = 1, 0
            for child in children:
                child_key = id(child)
                count, _ = uses.get(child_key, (0, child))
                uses[child_key] = (count + 1, child)
                total += size[child_key]
                deepest = max(deepest, depth[child_key])
            size[key], depth[key] = total, deepest + 1
            if deepest + 1 > limits.nesting:
                raise TooLargeError(
                    f"YAML value nested more than {limits.nesting} levels deep",
                    node.start_mark.line,
                    "flatten it; front matter needs only a few levels",
                )
            continue
        if key in size:
            continue
        if key in on_path:
            raise TooLargeError(
                "a YAML alias refers to a value that contains it",
                node.start_mark.line,
                "remove the alias (*name) inside its own anchor (&name)",
            )
        if isinstance(node, yaml.ScalarNode):
            size[key], depth[key] = 1, 0
            continue
        on_path.add(key)
        children = _yaml_children(node)
        stack.append((node, children))
        stack.extend((child, None) for child in children if id(child) not in size)
    added = size[id(root)] - len(size)
    if added > limits.yaml_alias_values:
        # Name the anchor whose repetition costs the most.
        costliest = max(uses.values(), key=lambda use: (use[0] - 1) * size[id(use[1])])[1]
        raise TooLargeError(
            f"YAML aliases expand {len(size):,} written values to {size[id(root)]:,}; they may add at most "
            f'{limits.yaml_alias_values:,} ("billion laughs")',
            costliest.start_mark.line,
            "write the values out instead of repeating aliases (*name) of aliases",
        )


def _timestamp_or_text(constructor: Any, node: yaml.ScalarNode) -> Any:
    """A YAML timestamp, or its text when there is no such day (``2025-02-30``): PyYAML raised a
    bare ValueError (a traceback, no site), Go's YAML keeps the text and Hugo then reports the
    date; here the date rules report it (``bad-date`` at its line)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


@functools.cache
def _lenient(loader: Any) -> Any:
    """*loader* with :func:`_timestamp_or_text` for timestamps (a subclass: *loader* is unchanged)."""
    subclass: Any = type(f"Lenient{loader.__name__}", (loader,), {})
    subclass.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    return subclass


def load_yaml(text: str, loader: Any, limits: Limits = LIMITS) -> Any:
    """Parse one YAML document with *loader* (e.g. ``yaml.CSafeLoader``), refusing alias bombs,
    self-referring aliases and deep nesting before any value is built."""
    parser = _lenient(loader)(text)
    try:
        node = parser.get_single_node()
        if node is None:
            return None
        _measure(node, limits)
        return _without_surrogates(parser.construct_document(node), text)
    finally:
        parser.dispose()


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _clean_text(text: str) -> str:
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


def _depth(value: Any) -> int:
    """How deep lists and mappings nest in *value* (iteratively: no recursion limit to hit)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    seen: set[int] = set()
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list | tuple):
            if id(item) in seen:
                continue
            seen.add(id(item))
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_cleaned(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def _without_surrogates(value: Any, text: str) -> Any:
    """*value* with lone surrogates replaced; only ``\\u`` escapes in *text* can make them."""
    return _cleaned(value) if "\\u" in text or "\\U" in text else value


def check_value(value: Any, text: str, limits: Limits = LIMITS) -> Any:
    """*value*, parsed from *text*, with lone surrogates replaced; raises when it nests too deep.

    Nesting needs brackets, braces or dots (TOML's dotted keys): text with fewer of them than
    the limit is not walked at all."""
    if sum(text.count(char) for char in "[{.") >= limits.nesting:
        levels = _depth(value)
        if levels > limits.nesting:
            raise TooLargeError(
                f"value nested {levels} levels deep, more than {limits.nesting}",
                0,
                "flatten it; front matter needs only a few levels",
            )
    return _without_surrogates(value, text)


def parse_bounded(parse: Callable[[str], Any], text: str, limits: Limits = LIMITS) -> Any:
    """``parse(text)`` (``json.loads``, ``tomli.loads``) checked by :func:`check_value`; a parser
    that recurses past Python's limit is reported as nesting too deep, not as a crash."""
    try:
        value = parse(text)
    except RecursionError as exc:
        raise TooLargeError(
            "value nested too deeply to read", 0, "flatten it; front matter needs only a few levels"
        ) from exc
    return check_value(value, text, limits)

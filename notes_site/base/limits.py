"""How big an input may be before notes-site refuses it, so that no content file can make a build
take minutes or gigabytes.

Content is pasted from the web and copied from other people's sites; each limit is far above
what a real digest needs (the largest digests we know of are a few hundred KiB, with front
matter under 2 KiB nested three deep) and far below what costs noticeable time or memory.
Every limit is reported as a diagnostic naming ``file:line`` and the limit; the rest of the
site still builds. SECURITY.md lists them with the tests that check each one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """The size limits of one build; tests pass smaller ones."""

    file_bytes: int = 8 * 1024 * 1024
    """Largest content file read (8 MiB); a larger one is an error and is skipped."""
    front_matter_bytes: int = 1024 * 1024
    """Largest front matter block (1 MiB)."""
    nesting: int = 100
    """Deepest nesting of lists and tables in front matter or a config file."""
    yaml_alias_values: int = 10_000
    """How many values YAML aliases (``*name``) may add when expanded ("billion laughs")."""
    shortcode_depth: int = 16
    """Deepest nesting of shortcodes inside shortcodes; deeper tags stay text."""
    math_chars: int = 20_000
    """Longest formula converted to MathML; a longer one is shown as its source."""
    table_cells: int = 50_000
    """Most cells in one Markdown table; a larger table is shown as its source text."""
    line_chars: int = 1024 * 1024
    """Longest line parsed as Markdown (1 Mi characters); a longer one is shown as its source text."""
    url_segment_bytes: int = 255
    """Longest segment of an output path, in UTF-8 bytes (what file systems allow)."""


LIMITS = Limits()
"""The limits every command uses."""


def size_text(count: int) -> str:
    """``8 MiB``, ``1 MiB``, ``512 KiB``, ``200 bytes``: a byte count as a limit is written."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count} bytes"

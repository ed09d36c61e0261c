"""Author names as CSL wants them, read the way they are written.

The last word is the family name, lower-case particles such as ``van der`` go with it, a
``Jr.`` is a suffix (the BibTeX way); ``Family, Given`` (APA, BibTeX's reversed form) and
``FAMILY G`` (GB/T 7714) say the family name first; names in Chinese characters, and one-word
names, stay whole (``literal``).
"""

from __future__ import annotations

import re

from notes_site.base.text import has_cjk

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def csl_name(name: str) -> dict[str, str]:
    """A name as CSL wants it: ``{"family", "given"}`` (plus particle and suffix), or ``literal``.

    Names are read as written: ``Given Family``; ``Family, Given`` (APA, BibTeX's reversed form:
    ``Kingma, D. P.``, ``Rombach, Robin``); ``FAMILY G`` (GB/T 7714: ``REN S``, ``LIN T Y``).
    """
    parts = name.split()
    if has_cjk(name) or len(parts) < 2:
        return {"literal": " ".join(parts) or name}
    family, comma, given = name.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        return _particle({"family": family.strip(), "given": given.strip()})
    if (
        len(parts[0]) > 1
        and parts[0].isupper()
        and all(re.fullmatch(r"[A-Z]{1,3}", part) for part in parts[1:])
    ):
        return {"family": parts[0], "given": " ".join(parts[1:])}
    suffix = parts.pop() if len(parts) > 2 and parts[-1].lower() in _SUFFIXES else None
    start = len(parts) - 1
    while start > 1 and parts[start - 1][:1].islower():
        start -= 1
    out = {"family": parts[-1], "given": " ".join(parts[:start])}
    if start < len(parts) - 1:
        out["non-dropping-particle"] = " ".join(parts[start:-1])
    if suffix:
        out["suffix"] = suffix
    return out


def _particle(name: dict[str, str]) -> dict[str, str]:
    """``van der Maaten`` as the family: the lower-case words become the particle."""
    words = name["family"].split()
    start = 0
    while start < len(words) - 1 and words[start][:1].islower():
        start += 1
    if start:
        name["non-dropping-particle"] = " ".join(words[:start])
        name["family"] = " ".join(words[start:])
    return name

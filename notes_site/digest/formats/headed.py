"""A work's short name heading a description of it, and the title the description gives.

    1) **DeepSeekMoE** - "DeepSeekMoE: Towards Ultimate Expert Specialization in …"; proposes …
    1) **Mixtral** - the Mixtral of Experts paper: details Mixtral 8x7B, …
    1. **Corrective RAG** - proposes Corrective Retrieval Augmented Generation (CRAG) to improve …
    2. **RAPTOR** - introduces RAPTOR: Recursive Abstractive Processing for Tree-Organized
       Retrieval, which recursively embeds …

(the ML Papers of the Week lists, in their table and their newsletter). The description's
title is, in this order: a quoted phrase that opens it, follows ``titled``, or holds the name;
``the NAME … paper``; what ``introduces``/``proposes``/``presents`` names — a name and a colon
(``RAPTOR: …``, ``RoFormer: …``) up to the clause's end, or a capitalised phrase before its
acronym in brackets. Else the name is all
the title there is.
"""

from __future__ import annotations

import re

_QUOTED_RE = re.compile(r"[\"“](?P<title>[^\"“”]{8,300}?)[\"”]")
_VERB_RE = r"\b(?:introduces|proposes|presents|releases)\s+"


def described_title(name: str, description: str) -> str:
    """The title *description* gives the work it calls *name* (*name* when it gives none)."""
    for quoted in _QUOTED_RE.finditer(description):
        title = quoted.group("title").strip(" .,;")
        before = description[max(0, quoted.start() - 20) : quoted.start()]
        if (
            quoted.start() == 0
            or name.lower() in title.lower()
            or re.search(r"\b(?:titled|called|named)\s*$", before)
        ):
            return title
    escaped = re.escape(name)
    patterns = (
        rf"\bthe\s+(?P<title>{escaped}\b[^,;:.\"“”]{{0,80}}?)\s+paper\b",
        rf"{_VERB_RE}(?P<title>[A-Z][\w-]+\s*:\s*[^,;()]{{8,200}}?)(?=\s*(?:[,;(]|$|\.\s))",
        rf"{_VERB_RE}(?P<title>[A-Z][\w-]*(?:\s+[\w-]+){{1,12}}?)\s+\((?P<acronym>[A-Z][A-Za-z0-9-]{{1,11}})\)",
    )
    for pattern in patterns:
        found = re.search(pattern, description)
        if found is not None:
            return found.group("title").strip()
    return name

"""The title Hugo gives a section without an ``_index`` file: its folder name, pluralised and capitalised."""

from __future__ import annotations

_ENGLISH_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
}


_ENGLISH_UNCOUNTABLE = frozenset(
    {"news", "data", "information", "equipment", "rice", "money", "species", "series", "fish", "sheep"}
)


def pluralize(word: str) -> str:
    """A small English pluraliser approximating Hugo's (``box`` → ``boxes``, ``笔记`` → ``笔记s``)."""
    lower = word.lower()
    if not word or lower in _ENGLISH_UNCOUNTABLE:
        return word
    head, _, last = word.rpartition(" ")
    last_lower = last.lower()
    if last_lower in _ENGLISH_IRREGULAR:
        plural = _ENGLISH_IRREGULAR[last_lower]
        plural = plural[0].upper() + plural[1:] if last[:1].isupper() else plural
    elif last_lower.endswith(("us", "ss", "sh", "ch", "x")):
        plural = last + "es"
    elif last_lower.endswith("z"):
        plural = last + ("zes" if last_lower.endswith("iz") else "es")
    elif last_lower.endswith("s"):
        plural = last
    elif last_lower.endswith("y") and len(last_lower) > 1 and last_lower[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def auto_section_title(folder_name: str) -> str:
    """Title Hugo gives a section without ``_index``: pluralised, capitalised (``my sec`` → ``My Secs``)."""
    plural = pluralize(folder_name)
    return " ".join(word[:1].upper() + word[1:] for word in plural.split(" "))

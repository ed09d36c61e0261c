"""How Hugo reads values in config and front matter: case-insensitive keys, Go's booleans, numbers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def lower_keys(value: Any) -> Any:
    """``value`` with every mapping key lower-cased, recursively (Hugo's case-insensitive keys)."""
    if isinstance(value, Mapping):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def as_bool(value: Any) -> bool:
    """A config or front-matter flag as Hugo reads it (Go's ``strconv.ParseBool`` for strings)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "t", "1")
    return bool(value)


def as_int(value: Any) -> int:
    """A number from config or front matter; 0 when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

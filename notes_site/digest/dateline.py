"""The line that opens a dated entry: ``2025-06-13 18:50:11 Friday ｜ headline`` and its variants."""

from __future__ import annotations

import re

WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_WEEKDAYS_ZH = "一二三四五六日"


DATE_LINE_RE = re.compile(
    r"^\s*(?:(?P<number>\d{1,3})\s*[.、)]\s*)?"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)"
    r"\s*(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
    r"(?![a-z])|(?:星期|周|礼拜)[一二三四五六日天])?"
    r"\s*(?:[｜|](?P<rest>.*)|(?P<rest2>.*))$",
    re.IGNORECASE,
)


def entry_timestamp(date: str, time: str) -> str:
    """ISO 8601 as written, with one-digit fields padded: ``2025-6-3 9:05`` → ``2025-06-03T09:05``."""
    year, month, day = date.split("-")
    clock = ":".join(part.zfill(2) for part in time.split(":"))
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}T{clock}"


def weekday_index(weekday: str) -> int | None:
    lowered = weekday.lower().rstrip(".")
    for index, name in enumerate(WEEKDAYS_EN):
        if lowered[:3] == name[:3]:
            return index
    last = weekday[-1]
    if last in _WEEKDAYS_ZH:
        return _WEEKDAYS_ZH.index(last)
    return 6 if last == "天" else None

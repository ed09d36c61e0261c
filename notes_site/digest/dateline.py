"""The line that opens a dated entry: ``2025-06-13 18:50:11 Friday ｜ headline`` and its variants.

The date may be written with slashes (``2025/06/13``). The time is optional
(``2025-06-13 Friday ｜ …``, ``2025-06-13 ｜ …``); without one, a weekday, a bar or the end of
the line must follow the date, so prose that starts with a date (``2025-06-13 发布的模型…``)
does not open an entry.
"""

from __future__ import annotations

import re

WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_WEEKDAYS_ZH = "一二三四五六日"


_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?(?![a-z])"
    r"|(?:星期|周|礼拜)[一二三四五六日天])"
)


DATE_LINE_RE = re.compile(
    r"^\s*(?:(?P<number>\d{1,3})\s*[.、)]\s*)?"
    r"(?P<date>\d{4}(?P<dash>[-/])\d{1,2}(?P=dash)\d{1,2})"
    r"(?:[ T]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)|(?=\s*(?:" + _WEEKDAY + r"|[｜|]|$)))"
    r"\s*(?P<weekday>" + _WEEKDAY + r")?"
    r"\s*(?:[｜|](?P<rest>.*)|(?P<rest2>.*))$",
    re.IGNORECASE,
)


def entry_timestamp(date: str, time: str | None) -> str:
    """ISO 8601 as written, with one-digit fields padded: ``2025-6-3 9:05`` → ``2025-06-03T09:05``;
    a date without a time stays a date (``2025-06-13``)."""
    year, month, day = re.split(r"[-/]", date)
    day_part = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    if time is None:
        return day_part
    clock = ":".join(part.zfill(2) for part in time.split(":"))
    return f"{day_part}T{clock}"


def weekday_index(weekday: str) -> int | None:
    lowered = weekday.lower().rstrip(".")
    for index, name in enumerate(WEEKDAYS_EN):
        if lowered[:3] == name[:3]:
            return index
    last = weekday[-1]
    if last in _WEEKDAYS_ZH:
        return _WEEKDAYS_ZH.index(last)
    return 6 if last == "天" else None

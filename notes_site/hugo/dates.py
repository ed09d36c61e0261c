"""Front-matter dates the way Hugo reads them.

Hugo turns a front-matter value into a time with ``htime.ToTimeInDefaultLocationE``,
which hands strings to ``cast.StringToDateInDefaultLocation``: the string is tried against
a fixed list of Go layouts, first match wins. The list below is that list (minus the
time-only layouts such as ``3:04PM``, which give year 0). Values without a numeric zone
(no zone at all, or only a zone *name* such as ``UTC``/``CST``) are wall-clock times in the
site's time zone: we return them as naive datetimes and never invent a zone.

Checked against hugo v0.168: ``2024-01-02T03:04`` (no seconds), ``2 Jan 2024``,
``2024/01/02``, ``2024-1-2``, ``January 2, 2024``, ``20240102``, a lower-case ``z`` zone
and ``+08`` are all rejected; ``2024-01-02T3:04:05`` (one-digit hour) and fractional
seconds in any layout with seconds are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

ACCEPTED_EXAMPLES = ("2024-05-01", "2024-05-01T08:30:00", "2024-05-01T08:30:00+08:00")
"""What error messages suggest writing."""


# cast's timeFormats, in cast's order (the Go reference time is Mon Jan 2 15:04:05 MST 2006).
_GO_LAYOUTS = (
    "2006-01-02",
    "2006-01-02T15:04:05Z07:00",  # RFC 3339
    "2006-01-02T15:04:05",
    "Mon, 02 Jan 2006 15:04:05 -0700",  # RFC 1123Z
    "Mon, 02 Jan 2006 15:04:05 MST",  # RFC 1123
    "02 Jan 06 15:04 -0700",  # RFC 822Z
    "02 Jan 06 15:04 MST",  # RFC 822
    "Monday, 02-Jan-06 15:04:05 MST",  # RFC 850
    "2006-01-02 15:04:05.999999999 -0700 MST",  # Go's Time.String()
    "2006-01-02T15:04:05-0700",
    "2006-01-02 15:04:05Z0700",
    "2006-01-02 15:04:05",
    "Mon Jan _2 15:04:05 2006",  # ANSI C
    "Mon Jan _2 15:04:05 MST 2006",  # Unix date
    "Mon Jan 02 15:04:05 -0700 2006",  # Ruby date
    "2006-01-02 15:04:05Z07:00",
    "02 Jan 2006",
    "2006-01-02 15:04:05 -07:00",
    "2006-01-02 15:04:05 -0700",
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# Go layout elements → regular expressions, longest first so "2006" wins over "2".
_ELEMENTS = (
    ("Monday", r"(?:" + "|".join(_DAYS) + r")"),
    ("2006", r"(?P<year>\d{4})"),
    (".999999999", r""),  # the fraction is already optional after every seconds field
    ("Z07:00", r"(?P<tz>(?-i:Z)|[+-]\d\d:\d\d)"),
    ("-07:00", r"(?P<tz>[+-]\d\d:\d\d)"),
    ("Z0700", r"(?P<tz>(?-i:Z)|[+-]\d{4})"),
    ("-0700", r"(?P<tz>[+-]\d{4})"),
    ("Mon", r"(?:" + "|".join(d[:3] for d in _DAYS) + r")"),
    ("Jan", r"(?P<mon>" + "|".join(_MONTHS) + r")"),
    ("MST", r"(?P<zname>(?-i:[A-Z]{3,5}))"),  # Go: zone names are case-sensitive
    ("06", r"(?P<yy>\d\d)"),
    ("01", r"(?P<month>\d\d)"),
    ("02", r"(?P<day>\d\d)"),
    ("_2", r" ?(?P<day>\d{1,2})"),
    ("15", r"(?P<hour>\d{1,2})"),
    ("04", r"(?P<minute>\d\d)"),
    ("05", r"(?P<second>\d\d)(?P<frac>[.,]\d+)?"),
)


@dataclass(frozen=True, slots=True)
class _Layout:
    """One Go layout compiled to a regular expression."""

    layout: str
    """The Go layout string."""
    pattern: re.Pattern[str]
    """Full-match pattern with named groups."""


def _compile(layout: str) -> _Layout:
    out: list[str] = []
    rest = layout
    while rest:
        for element, regex in _ELEMENTS:
            if rest.startswith(element):
                out.append(regex)
                rest = rest[len(element) :]
                break
        else:
            out.append(re.escape(rest[0]))
            rest = rest[1:]
    # Go matches month and day names case-insensitively.
    return _Layout(layout, re.compile("".join(out), re.IGNORECASE))


_LAYOUTS = tuple(_compile(layout) for layout in _GO_LAYOUTS)


def _offset(tz: str) -> timezone:
    if tz == "Z":
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return timezone(sign * delta)


def _build(match: re.Match[str]) -> datetime | None:
    """The datetime a layout match stands for, or None when a field is out of range."""
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
    elif groups.get("yy"):
        yy = int(groups["yy"])
        year = 1900 + yy if yy >= 69 else 2000 + yy  # Go's two-digit year rule
    else:
        return None
    month = int(groups["month"]) if groups.get("month") else _MONTHS.index(groups["mon"].lower()) + 1
    frac = groups.get("frac") or ""
    microsecond = int((frac[1:] + "000000")[:6]) if frac else 0
    tz = groups.get("tz")
    try:
        return datetime(
            year,
            month,
            int(groups["day"]),
            int(groups.get("hour") or 0),
            int(groups.get("minute") or 0),
            int(groups.get("second") or 0),
            microsecond,
            tzinfo=_offset(tz) if tz else None,
        )
    except ValueError:
        return None


def _rejection(value: object) -> ValueError:
    examples = ", ".join(f'"{example}"' for example in ACCEPTED_EXAMPLES)
    return ValueError(f"Hugo cannot read {value!r} as a date; write it like {examples}")


def parse_hugo_date(value: object) -> datetime:
    """Read a front-matter date the way Hugo does.

    Accepts ``datetime``/``date`` objects (from TOML or YAML), whole numbers (Unix seconds,
    as Hugo does) and strings in the layouts Hugo's ``cast`` package knows. Returns a naive
    datetime when no numeric zone was written, an aware one otherwise. Raises
    :class:`ValueError` naming an accepted format for anything else.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise _rejection(value) from exc
    if not isinstance(value, str):
        raise _rejection(value)
    for layout in _LAYOUTS:
        match = layout.pattern.fullmatch(value)
        if match is not None:
            result = _build(match)
            if result is not None:
                return result
    raise _rejection(value)


def format_iso(value: datetime | date) -> str:
    """ISO 8601 text for ``value`` "as written": no zone for naive times, ``Z`` for UTC.

    Whole-second times are written without a fraction; a plain ``date`` stays a date.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    if text.endswith("+00:00"):
        text = text[: -len("+00:00")] + "Z"
    return text


def as_aware(value: datetime, zone: tzinfo | None = None) -> datetime:
    """``value`` with a zone: naive values are read as wall-clock time in ``zone`` (UTC by default)."""
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=zone or UTC)

"""Front-matter dates: the layouts hugo v0.168 accepts and rejects (each checked with the binary)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from notes_site.hugo.dates import as_aware, format_iso, parse_hugo_date

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02", datetime(2024, 1, 2)),
        ("2024-01-02T03:04:05Z", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2024-01-02T03:04:05+08:00", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("2024-01-02T03:04:05.123456789+08:00", datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=CST)),
        ("2024-01-02T03:04:05.5Z", datetime(2024, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)),
        ("2024-01-02T03:04:05", datetime(2024, 1, 2, 3, 4, 5)),
        ("2024-01-02T03:04:05.25", datetime(2024, 1, 2, 3, 4, 5, 250000)),
        ("2024-01-02T3:04:05", datetime(2024, 1, 2, 3, 4, 5)),
        ("2024-01-02 03:04:05", datetime(2024, 1, 2, 3, 4, 5)),
        ("2024-01-02 03:04:05Z", datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2024-01-02 03:04:05+08:00", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("2024-01-02 03:04:05 +08:00", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("2024-01-02 03:04:05 +0800", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("2024-01-02T03:04:05+0800", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("Tue, 02 Jan 2024 03:04:05 +0800", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        # A zone *name* only: Hugo reads the wall clock in the site's zone, so naive.
        ("Tue, 02 Jan 2024 03:04:05 UTC", datetime(2024, 1, 2, 3, 4, 5)),
        ("Tue, 02 Jan 2024 03:04:05 CST", datetime(2024, 1, 2, 3, 4, 5)),
        ("02 Jan 24 03:04 +0800", datetime(2024, 1, 2, 3, 4, tzinfo=CST)),
        ("02 Jan 24 03:04 UTC", datetime(2024, 1, 2, 3, 4)),
        ("Tuesday, 02-Jan-24 03:04:05 UTC", datetime(2024, 1, 2, 3, 4, 5)),
        ("02 Jan 2024", datetime(2024, 1, 2)),
        ("Tue Jan  2 03:04:05 2024", datetime(2024, 1, 2, 3, 4, 5)),
        ("Tue Jan  2 03:04:05 UTC 2024", datetime(2024, 1, 2, 3, 4, 5)),
        ("Tue Jan 02 03:04:05 +0800 2024", datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)),
        ("2024-01-02 03:04:05.999 +0800 CST", datetime(2024, 1, 2, 3, 4, 5, 999000, tzinfo=CST)),
    ],
)
def test_accepted_strings(text: str, expected: datetime) -> None:
    result = parse_hugo_date(text)
    assert result == expected
    assert (result.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-02T03:04",  # no seconds: rejected by hugo v0.168
        "2024-01-02 03:04",
        "2 Jan 2024",
        "2024/01/02",
        "2024-1-2",
        "January 2, 2024",
        "2024-01-02T03:04:05z",
        "20240102",
        "2024-01-02T03:04:05+08",
        "2024-02-30",
        "",
        "soon",
    ],
)
def test_rejected_strings(text: str) -> None:
    with pytest.raises(ValueError, match="2024-05-01"):
        parse_hugo_date(text)


def test_objects_from_toml_and_yaml() -> None:
    aware = datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)
    assert parse_hugo_date(aware) is aware
    assert parse_hugo_date(date(2024, 1, 2)) == datetime(2024, 1, 2)
    assert parse_hugo_date(0) == datetime(1970, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("value", [True, None, 1.5, ["2024-01-02"]])
def test_other_types_are_rejected(value: object) -> None:
    with pytest.raises(ValueError):
        parse_hugo_date(value)


def test_format_iso_as_written() -> None:
    assert format_iso(datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02T03:04:05"
    assert format_iso(datetime(2024, 1, 2, 3, 4, 5, tzinfo=CST)) == "2024-01-02T03:04:05+08:00"
    assert format_iso(datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2024-01-02T03:04:05Z"
    assert format_iso(datetime(2024, 1, 2, 3, 4, 5, 250000)) == "2024-01-02T03:04:05.250000"
    assert format_iso(date(2024, 1, 2)) == "2024-01-02"


def test_as_aware() -> None:
    assert as_aware(datetime(2024, 1, 2)) == datetime(2024, 1, 2, tzinfo=UTC)
    assert as_aware(datetime(2024, 1, 2), CST).utcoffset() == timedelta(hours=8)
    aware = datetime(2024, 1, 2, tzinfo=CST)
    assert as_aware(aware) is aware

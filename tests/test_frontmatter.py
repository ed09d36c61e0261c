"""Front matter splitting: formats, line numbers and Hugo's error cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notes_site.base.errors import ContentError
from notes_site.hugo.frontmatter import key_line, split_front_matter


def test_toml_front_matter_keeps_dates_and_body_line() -> None:
    fm = split_front_matter(
        '+++\ntitle = "T"\ndate = 2024-01-02\nat = 2024-01-02T03:04:05\n+++\nbody\n', "a.md"
    )
    assert fm.format == "toml"
    assert fm.data == {"title": "T", "date": date(2024, 1, 2), "at": datetime(2024, 1, 2, 3, 4, 5)}
    assert fm.body == "body\n"
    assert fm.body_line == 6


def test_yaml_front_matter() -> None:
    fm = split_front_matter("---\ntitle: Hello\ntags: [a, b]\n---\n\n# Heading\n", "a.md")
    assert fm.format == "yaml"
    assert fm.data == {"title": "Hello", "tags": ["a", "b"]}
    assert fm.body == "\n# Heading\n"
    assert fm.body_line == 5


def test_json_front_matter_with_braces_in_strings() -> None:
    fm = split_front_matter('{\n  "title": "JSON {x}",\n  "n": 1\n}\nbody\n', "a.md")
    assert fm.format == "json"
    assert fm.data == {"title": "JSON {x}", "n": 1}
    assert fm.body == "body\n"
    assert fm.body_line == 5


def test_no_front_matter() -> None:
    fm = split_front_matter("Just text.\n", "a.md")
    assert fm.format is None
    assert fm.data == {}
    assert fm.body == "Just text.\n"
    assert fm.body_line == 1


def test_heading_first_is_not_front_matter() -> None:
    fm = split_front_matter("# Title\n---\n", "a.md")
    assert fm.format is None
    assert fm.body_line == 1


def test_bom_and_leading_blank_lines_are_skipped() -> None:
    # Verified with hugo v0.168: both files build with their titles.
    fm = split_front_matter("\ufeff---\ntitle: BOM\n---\nbody\n", "a.md")
    assert fm.data == {"title": "BOM"}
    assert fm.body_line == 4
    fm = split_front_matter("\n\n  ---\ntitle: Leading\n---\nbody\n", "a.md")
    assert fm.data == {"title": "Leading"}
    assert fm.body_line == 6


def test_closing_line_only_needs_to_start_with_delimiter() -> None:
    # hugo v0.168 accepts "+++ trailing" as the closing line.
    fm = split_front_matter('+++\ntitle = "c"\n+++ trailing\nbody\n', "a.md")
    assert fm.data == {"title": "c"}
    assert fm.body == " trailing\nbody\n"


def test_empty_front_matter() -> None:
    fm = split_front_matter("---\n---\nbody\n", "a.md")
    assert fm.format == "yaml"
    assert fm.data == {}
    assert fm.body_line == 3


def test_crlf_line_endings() -> None:
    fm = split_front_matter("---\r\ntitle: x\r\n---\r\nbody\r\n", "a.md")
    assert fm.data == {"title": "x"}
    assert fm.body == "body\r\n"
    assert fm.body_line == 4


def test_unclosed_toml_says_what_to_do() -> None:
    with pytest.raises(ContentError) as info:
        split_front_matter('+++\ntitle = "x"\n\nbody\n', "posts/x.md")
    diagnostic = info.value.diagnostic
    assert (diagnostic.source, diagnostic.line, diagnostic.code) == ("posts/x.md", 1, "unclosed-front-matter")
    assert diagnostic.hint == 'did you forget the closing "+++"?'


def test_unclosed_json() -> None:
    with pytest.raises(ContentError) as info:
        split_front_matter('{\n "title": "x"\n', "j.md")
    assert info.value.diagnostic.code == "unclosed-front-matter"


def test_leading_dash_list_is_an_error_like_hugo() -> None:
    # hugo v0.168: "dash.md:1:1": invalid YAML delimiter.
    with pytest.raises(ContentError) as info:
        split_front_matter("- item\n- item\n", "dash.md")
    assert info.value.diagnostic.line == 1
    assert info.value.diagnostic.code == "bad-front-matter-delimiter"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: Bad\ntags: [a, b\nweight: 2\n---\n", 4),  # hugo v0.168 reports line 4 too
        ('+++\ntitle = "Bad"\n\nweight = = 2\n+++\n', 4),  # hugo v0.168: bad-toml.md:4:10
        ('{\n  "title": "Bad",\n  "weight": 2,\n}\n', 4),
        ("\n\n---\na: 1\nb: : :\n---\n", 5),
    ],
)
def test_syntax_errors_name_the_file_line(text: str, line: int) -> None:
    with pytest.raises(ContentError) as info:
        split_front_matter(text, "posts/bad.md")
    diagnostic = info.value.diagnostic
    assert diagnostic.source == "posts/bad.md"
    assert diagnostic.line == line
    assert diagnostic.level == "error"
    assert diagnostic.hint
    assert str(diagnostic).startswith(f"posts/bad.md:{line}: error: ")


def test_yaml_list_is_not_front_matter() -> None:
    with pytest.raises(ContentError) as info:
        split_front_matter("---\n- a\n- b\n---\n", "x.md")
    assert info.value.diagnostic.code == "bad-front-matter"


def test_key_line_finds_keys_case_insensitively() -> None:
    fm = split_front_matter("\n---\ntitle: x\nPublishDate: 2024\n---\n", "a.md")
    assert key_line(fm, "publishdate") == 4
    assert key_line(fm, "missing") == 3
    toml = split_front_matter('+++\ntitle = "x"\ndate = "bad"\n+++\n', "a.md")
    assert key_line(toml, "date") == 3
    js = split_front_matter('{"title": "x",\n "date": "bad"}\n', "a.md")
    assert key_line(js, "date") == 2

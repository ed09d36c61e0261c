"""Citations: CSL-JSON valid against the CSL schema and formatted by citeproc-py, RIS and BibTeX
read back by real parsers (rispy, bibtexparser), special characters included; the Highwire
Press tags and the formatted reference on paper pages.

``fixtures/schemas/csl-data.json`` is the CSL-JSON schema of citation-style-language/schema
(MIT licence), commit e3ce254a72c4470a5ed3b9d23b428017d25674e9, unchanged.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser import middlewares
from click.testing import CliRunner
from lxml import html as lxml_html

from notes_site.build.load import load_site
from notes_site.build.pipeline import build
from notes_site.commands.arxiv_api import parse_feed
from notes_site.commands.cli import main
from notes_site.digest.arxiv_data import write_record
from notes_site.digest.model import Site
from notes_site.output.citations import csl_item
from notes_site.output.names import csl_name
from notes_site.output.references import PAGE_STYLES, ReferenceFormatter, citation_style

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "tests" / "fixtures" / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
FEED = REPO / "tests" / "fixtures" / "arxiv" / "feed.xml"
HOSTILE = "2401.00001"
HOSTILE_TITLE = "Less is More: $O(n)$ Attention & <Friends> for 100% {Fun}_2 #1"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The papers fixture site with the recorded arXiv entries in data/arxiv/, as a fetch leaves it."""
    site = tmp_path_factory.mktemp("citations") / "site"
    shutil.copytree(REPO / "tests" / "sites" / "papers", site)
    ids = ["1706.03762", "2106.09685", "2205.14135", HOSTILE]
    for record in parse_feed(FEED.read_bytes(), ids).records:
        write_record(site, record)
    return site


@pytest.fixture(scope="module")
def site(site_dir: Path) -> Site:
    return load_site(site_dir)


@pytest.fixture(scope="module")
def public(site_dir: Path) -> Path:
    out = site_dir / "public"
    build(site_dir, out, search=False)
    return out


def _export(site_dir: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["export", str(site_dir), "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_csl_json_validates_against_the_csl_schema(site_dir: Path, public: Path) -> None:
    exported = json.loads(_export(site_dir, "csljson"))
    jsonschema.validate(exported, SCHEMA)
    assert len(exported) == 6
    published = json.loads((public / "papers.csl.json").read_text(encoding="utf-8"))
    jsonschema.validate(published, SCHEMA)
    assert sorted(item["id"] for item in published) == sorted(item["id"] for item in exported)


def test_csl_items_carry_type_doi_and_dates_for_every_scheme(site: Site) -> None:
    items = {key: csl_item(paper) for key, paper in site.papers.items()}
    flash = items["2205.14135"]
    assert flash["type"] == "article" and flash["publisher"] == "arXiv"
    assert flash["number"] == "arXiv:2205.14135" and flash["DOI"] == "10.48550/arXiv.2205.14135"
    assert flash["issued"] == {"date-parts": [[2022, 5, 27]]}
    assert flash["keyword"] == "cs.LG"
    openreview = items["openreview/AbCdEf12345"]
    assert openreview["type"] == "paper-conference" and openreview["container-title"] == "ICLR"
    assert openreview["URL"] == "https://openreview.net/forum?id=AbCdEf12345" and "DOI" not in openreview
    assert openreview["author"][1] == {"given": "Bob", "non-dropping-particle": "van", "family": "Lee"}
    nature = items["doi/10.1038/s41586-021-03819-2"]
    assert nature["type"] == "article-journal" and nature["container-title"] == "Nature"
    assert nature["DOI"] == "10.1038/s41586-021-03819-2" and nature["issued"] == {"date-parts": [[2021]]}


def test_names_split_as_bibtex_does() -> None:
    assert csl_name("Jan van der Berg") == {
        "given": "Jan",
        "non-dropping-particle": "van der",
        "family": "Berg",
    }
    assert csl_name("Martin Luther King Jr.") == {"given": "Martin Luther", "family": "King", "suffix": "Jr."}
    assert csl_name("Daniel Y. Fu") == {"given": "Daniel Y.", "family": "Fu"}
    assert csl_name("田渊栋") == {"literal": "田渊栋"}
    assert csl_name("OpenAI") == {"literal": "OpenAI"}


def test_every_item_formats_with_citeproc_in_both_styles(site: Site) -> None:
    formatter = ReferenceFormatter()
    styles = {lang: citation_style(*PAGE_STYLES[lang]) for lang in ("zh", "en")}
    for paper in site.papers.values():
        item = csl_item(paper)
        for lang, style in styles.items():
            reference = formatter.format(item, style)
            assert str(item["title"]) in reference.text, (paper.key, lang, reference.text)
            assert reference.text.strip(), (paper.key, lang)
    gbt = formatter.format(csl_item(site.papers["1706.03762"]), styles["zh"]).text
    assert gbt.startswith(
        "[1]VASWANI A, SHAZEER N, PARMAR N, et al. Attention Is All You Need[A/OL]. arXiv, 2017."
    )
    apa = formatter.format(csl_item(site.papers["1706.03762"]), styles["en"])
    assert apa.text.startswith("Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N.")
    assert "(2017)" in apa.text and "https://doi.org/10.48550/arXiv.1706.03762" in apa.text
    assert "<i>Attention Is All You Need</i>" in apa.html
    journal = formatter.format(csl_item(site.papers["doi/10.1038/s41586-021-03819-2"]), styles["zh"]).text
    assert "[J/OL]. Nature, 2021" in journal and "DOI:10.1038/s41586-021-03819-2" in journal


_SAME_WITH_AND_WITHOUT_MEMOS = """
import json, sys
from pathlib import Path
from notes_site.build.load import load_site
from notes_site.output.citations import csl_item
from notes_site.output.references import PAGE_STYLES, ReferenceFormatter, citation_style

items = [csl_item(paper) for folder in sys.argv[1:] for paper in load_site(Path(folder)).papers.values()]
items += [item | {"language": "zh-CN", "author": [{"literal": "张三"}, {"literal": "李四"}] * 3}
          for item in items[:5]]
styles = [citation_style(*PAGE_STYLES[lang]) for lang in ("zh", "en")]
plain, memoized = ReferenceFormatter(memoize=False), ReferenceFormatter()
before = [plain.format(item, style).html for item in items for style in styles]
import citeproc.model
assert not getattr(citeproc.model.CitationStylesElement, "_notes_site_memoized", False)
after = [memoized.format(item, style).html for item in items for style in styles]
assert citeproc.model.CitationStylesElement._notes_site_memoized
again = [plain.format(item, style).html for item in items for style in styles]
print(json.dumps([len(items), before == after == again]))
"""


def test_the_citeproc_memos_change_no_reference(site_dir: Path) -> None:
    """citeproc_speed keeps style lookups: every reference reads as citeproc-py makes it alone."""
    result = subprocess.run(
        [sys.executable, "-c", _SAME_WITH_AND_WITHOUT_MEMOS, str(site_dir), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    count, same = json.loads(result.stdout.strip().splitlines()[-1])
    assert count > 20 and same


def test_a_chinese_paper_gets_chinese_terms_in_gbt(site: Site) -> None:
    item = csl_item(site.papers["2205.14135"]) | {
        "title": "大模型的注意力",
        "language": "zh-CN",
        "author": [{"literal": name} for name in ("张三", "李四", "王五", "赵六")],
    }
    text = ReferenceFormatter().format(item, citation_style(*PAGE_STYLES["zh"])).text
    assert text.startswith("[1]张三, 李四, 王五, 等. 大模型的注意力[A/OL]")


def test_the_reference_escapes_what_the_title_holds(site: Site) -> None:
    reference = ReferenceFormatter().format(
        csl_item(site.papers[HOSTILE]), citation_style(*PAGE_STYLES["en"])
    )
    assert HOSTILE_TITLE in reference.text
    assert "&amp; &lt;Friends&gt;" in reference.html and "<Friends>" not in reference.html
    assert "Núñez-García, J., O" in reference.html
    assert "van der Berg, J., &amp; King, M. L., Jr. (2024)" in reference.html


def test_ris_reads_back_with_rispy(site_dir: Path) -> None:
    records = {record["id"]: record for record in rispy.loads(_export(site_dir, "ris"))}
    assert len(records) == 6
    hostile = records["nunezgarcia2024less"]
    assert hostile["type_of_reference"] == "UNPB"
    assert hostile["title"] == HOSTILE_TITLE
    assert hostile["authors"] == [
        "Núñez-García, José",
        "O'Brien, Søren",
        "van der Berg, Jan",
        "King, Martin Luther, Jr.",
    ]
    assert hostile["doi"] == "10.48550/arXiv.2401.00001"
    assert hostile["keywords"] == ["cs.CL", "stat.ML"]
    assert hostile["abstract"].startswith('We test "quotes", ampersands & angle brackets <b>')
    flash = records["dao2022flashattention"]
    assert flash["year"] == "2022" and flash["date"] == "2022/05/27/"
    assert flash["translated_title"] == "FlashAttention：快速且省显存的精确注意力"
    conference = records["smith2024measuring"]
    assert conference["type_of_reference"] == "CPAPER" and conference["secondary_title"] == "ICLR"
    journal = records["jumper2021highly"]
    assert journal["type_of_reference"] == "JOUR" and journal["journal_name"] == "Nature"
    assert journal["doi"] == "10.1038/s41586-021-03819-2"


def test_bibtex_reads_back_with_bibtexparser(site_dir: Path, public: Path) -> None:
    for text in (_export(site_dir, "bibtex"), (public / "papers.bib").read_text(encoding="utf-8")):
        library = bibtexparser.parse_string(
            text,
            append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
        )
        assert not library.failed_blocks
        entries = {entry.key: entry for entry in library.entries}
        assert len(entries) == 6
        hostile = entries["nunezgarcia2024less"]
        assert hostile["title"] == HOSTILE_TITLE
        assert hostile["author"][:3] == ["José Núñez-García", "Søren O'Brien", "Jan van der Berg"]
        assert hostile["eprint"] == HOSTILE and hostile["archivePrefix"] == "arXiv"
        assert entries["jumper2021highly"]["doi"] == "10.1038/s41586-021-03819-2"


def _meta(page: Path) -> list[tuple[str, str]]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [
        (m.get("name"), m.get("content")) for m in tree.xpath("//head/meta[starts-with(@name, 'citation_')]")
    ]


def test_paper_pages_carry_highwire_tags(public: Path) -> None:
    tags = _meta(public / "papers" / "2205.14135" / "index.html")
    assert tags[0] == (
        "citation_title",
        "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
    )
    assert [v for k, v in tags if k == "citation_author"][-1] == "Christopher Ré"
    found = dict(tags)
    assert found["citation_publication_date"] == "2022/05/27"
    assert found["citation_arxiv_id"] == "2205.14135"
    assert found["citation_pdf_url"] == "https://arxiv.org/pdf/2205.14135"
    assert found["citation_doi"] == "10.5555/3600270.3601459"
    hostile = dict(_meta(public / "en" / "papers" / HOSTILE / "index.html"))
    assert hostile["citation_title"] == HOSTILE_TITLE
    journal = dict(_meta(public / "papers" / "doi" / "10.1038" / "s41586-021-03819-2" / "index.html"))
    assert (
        journal["citation_journal_title"] == "Nature"
        and journal["citation_doi"] == "10.1038/s41586-021-03819-2"
    )


def test_paper_pages_lead_with_their_language_and_mark_what_came_from_arxiv(public: Path) -> None:
    zh = lxml_html.fromstring((public / "papers" / "2205.14135" / "index.html").read_bytes())
    en = lxml_html.fromstring((public / "en" / "papers" / "2205.14135" / "index.html").read_bytes())
    assert zh.xpath("string(//h1/@lang)") == "zh" and "快速且省显存" in zh.xpath("string(//h1)")
    assert zh.xpath("string(//p[@class='title-other']/@lang)") == "en"
    assert en.xpath("string(//h1/@lang)") == "en" and "Fast and Memory-Efficient" in en.xpath("string(//h1)")
    assert en.xpath("string(//p[@class='title-other']/@lang)") == "zh"
    assert "Stefano Ermon" in en.xpath("string(//details[@class='authors'])")
    assert en.xpath("//details[@class='authors']//span[@class='from-arxiv']")
    assert en.xpath("//p[@class='abstract']//span[@class='from-arxiv']")
    assert not zh.xpath("//p[@class='abstract']//span[@class='from-arxiv']"), (
        "the Chinese abstract is the notes'"
    )
    assert [c.text for c in en.xpath("//span[@class='category']")] == ["cs.LG"]
    assert zh.xpath("string(//p[@class='meta']/time[1]/@datetime)") == "2022-05-27"
    assert zh.xpath("string(//p[@id='reference-text'])").startswith("[1]DAO T, FU D Y, ERMON S, et al.")
    assert en.xpath("string(//p[@id='reference-text'])").startswith(
        "Dao, T., Fu, D. Y., Ermon, S., Rudra, A., & Ré, C."
    )


@pytest.mark.parametrize(
    ("written", "family", "given"),
    [
        ("Kingma, D. P.", "Kingma", "D. P."),  # APA, as a reference list pastes it
        ("Rombach, Robin", "Rombach", "Robin"),  # BibTeX's reversed form
        ("REN S", "REN", "S"),  # GB/T 7714
        ("LIN T Y", "LIN", "T Y"),
        ("T. N. Kipf", "Kipf", "T. N."),  # IEEE
        ("Ashish Vaswani", "Vaswani", "Ashish"),
    ],
)
def test_names_are_read_in_the_order_they_are_written(written: str, family: str, given: str) -> None:
    name = csl_name(written)
    assert (name["family"], name["given"]) == (family, given)


def test_a_reversed_name_keeps_its_particle_apart() -> None:
    assert csl_name("van der Maaten, L.") == {
        "family": "Maaten",
        "given": "L.",
        "non-dropping-particle": "van der",
    }


def test_a_cite_key_takes_the_family_name_of_a_reversed_name() -> None:
    from notes_site.output.bibtex import cite_key

    from .test_export_escaping import _paper

    paper = _paper("High-resolution image synthesis", authors=("Rombach, Robin", "Blattmann, Andreas"))
    assert cite_key(paper) == "rombach2025high"  # the helper's paper is arXiv 2506.10910


def test_names_with_commas_of_their_own_are_joined_with_semicolons() -> None:
    from notes_site.site.templates import join_names

    assert join_names(["Kingma, D. P.", "Ba, J."]) == "Kingma, D. P.; Ba, J."
    assert join_names(["Tri Dao", "Albert Gu"]) == "Tri Dao, Albert Gu"

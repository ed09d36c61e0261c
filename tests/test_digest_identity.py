"""Which work a URL or an id names: arXiv, OpenReview, ACL Anthology, DOI; what each id links to."""

from __future__ import annotations

import pytest

from notes_site.digest.identity import (
    PaperId,
    id_links,
    id_year,
    paper_id_from_url,
    paper_ids_in_text,
    parse_paper_id,
)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://arxiv.org/abs/2205.14135v2", "2205.14135"),
        ("https://huggingface.co/papers/2205.14135", "2205.14135"),
        ("https://www.alphaxiv.org/overview/2205.14135", "2205.14135"),
        ("https://ar5iv.labs.arxiv.org/html/2205.14135", "2205.14135"),
        ("https://papers.cool/arxiv/2205.14135", "2205.14135"),
        ("https://doi.org/10.48550/arXiv.2205.14135", "2205.14135"),
        ("https://openreview.net/forum?id=hJ3Kx5XaPZ", "openreview/hJ3Kx5XaPZ"),
        ("https://openreview.net/pdf?id=hJ3Kx5XaPZ", "openreview/hJ3Kx5XaPZ"),
        ("https://openreview.net/forum?id=hJ3Kx5XaPZ&noteId=abcdEFGH12", "openreview/hJ3Kx5XaPZ"),
        ("https://openreview.net/group?id=ICLR.cc/2024/Conference", None),
        ("https://aclanthology.org/2024.acl-long.1/", "acl/2024.acl-long.1"),
        ("https://aclanthology.org/2023.findings-emnlp.12.pdf", "acl/2023.findings-emnlp.12"),
        ("https://aclanthology.org/N19-1423/", "acl/N19-1423"),
        ("https://www.aclweb.org/anthology/N19-1423.pdf", "acl/N19-1423"),
        ("https://aclanthology.org/events/acl-2024/", None),
        ("https://doi.org/10.18653/v1/N19-1423", "acl/N19-1423"),
        ("https://doi.org/10.1109/CVPR.2016.90", "doi/10.1109/cvpr.2016.90"),
        ("https://dx.doi.org/10.1038/s41586-021-03819-2", "doi/10.1038/s41586-021-03819-2"),
        ("https://www.nature.com/articles/s41586-021-03819-2", "doi/10.1038/s41586-021-03819-2"),
        ("https://dl.acm.org/doi/10.1145/3292500.3330701", "doi/10.1145/3292500.3330701"),
        ("https://dl.acm.org/doi/abs/10.1145/3292500.3330701", "doi/10.1145/3292500.3330701"),
        ("https://github.com/Dao-AILab/flash-attention", None),
    ],
)
def test_paper_id_from_url(url: str, key: str | None) -> None:
    found = paper_id_from_url(url)
    assert (found.key if found else None) == key


def test_ids_in_prose() -> None:
    text = "见 arXiv:2005.14165 与（doi:10.1038/s41586-021-03819-2）。"
    assert [(pid.key) for _offset, pid in paper_ids_in_text(text)] == [
        "2005.14165",
        "doi/10.1038/s41586-021-03819-2",
    ]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2506.10910", "2506.10910"),
        ("2506.10910v3", "2506.10910"),
        ("arXiv:2506.10910", "2506.10910"),
        ("https://openreview.net/forum?id=v8L0pN6EOi", "openreview/v8L0pN6EOi"),
        ("openreview:v8L0pN6EOi", "openreview/v8L0pN6EOi"),
        ("acl:2020.acl-main.740", "acl/2020.acl-main.740"),
        ("doi:10.1109/CVPR.2016.90", "doi/10.1109/cvpr.2016.90"),
        ("10.1109/CVPR.2016.90", "doi/10.1109/cvpr.2016.90"),
        ("SRFT", None),
        ("", None),
    ],
)
def test_ids_written_on_purpose(text: str, key: str | None) -> None:
    found = parse_paper_id(text)
    assert (found.key if found else None) == key


def test_every_id_links_to_its_own_pages_and_gives_a_year_when_it_can() -> None:
    assert [url for _label, url, _kind in id_links(PaperId("openreview", "v8L0pN6EOi"))] == [
        "https://openreview.net/forum?id=v8L0pN6EOi",
        "https://openreview.net/pdf?id=v8L0pN6EOi",
    ]
    assert id_links(PaperId("doi", "10.1109/cvpr.2016.90"))[0][1] == "https://doi.org/10.1109/cvpr.2016.90"
    assert id_year(PaperId("arxiv", "1706.03762")) == "2017"
    assert id_year(PaperId("acl", "N19-1423")) == "2019"
    assert id_year(PaperId("acl", "2020.acl-main.740")) == "2020"
    assert id_year(PaperId("openreview", "v8L0pN6EOi")) is None
    assert PaperId("arxiv", "2205.14135").key == "2205.14135"
    assert PaperId("doi", "10.1/x").label == "DOI:10.1/x"

"""The real digest from ../shared/seeds: every entry and every paper, asserted exactly.

The expected values below were written by reading the seed file, not by running the parser.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from notes_site.build.load import load_site
from notes_site.output.export import site_as_data

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_414b3ea070d0b2aa.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed digest not found at {SEED}")

# (line, section path, timestamp) of every dated entry, in file order.
ENTRIES = [
    (10, [], "2025-06-13T18:50:11"),
    (21, ["训练范式"], "2025-07-03T10:51:03"),
    (31, ["训练范式"], "2025-07-01T10:59:44"),
    (41, ["训练范式"], "2025-06-25T10:19:06"),
    (45, ["训练范式"], "2025-06-25T11:04:11"),
    (57, ["预训练", "数据工程"], "2025-06-30T19:05:49"),
    (65, ["预训练", "数据工程"], "2025-06-27T14:18:53"),
    (73, ["预训练", "数据工程"], "2025-06-13T18:18:45"),
    (74, ["预训练", "数据工程"], "2025-06-13T18:49:44"),
    (77, ["预训练", "数据工程"], "2025-06-18T10:46:16"),
    (89, ["微调"], "2025-06-27T14:25:51"),
    (97, ["微调"], "2025-06-27T14:25:00"),
    (105, ["微调"], "2025-06-23T12:41:02"),
    (121, ["微调"], "2025-06-13T18:28:14"),
    (133, ["微调", "图像生成"], "2025-07-02T14:10:32"),
    (139, ["微调", "领域微调"], "2025-06-16T12:02:10"),
    (151, ["训练加速"], "2025-06-19T19:52:13"),
    (161, ["算力集群"], "2025-06-30T18:13:11"),
    (167, ["算力集群"], "2025-07-03T10:45:43"),
]

MAGISTRAL_AUTHORS = [
    "Abhinav Rastogi",
    "Albert Q. Jiang",
    "Andy Lo",
    "Gabrielle Berrada",
    "Guillaume Lample",
    "Jason Rute",
    "Joep Barmentlo",
    "Karmesh Yadav",
    "Kartik Khandelwal",
    "Khyathi Raghavi Chandu",
    "Léonard Blier",
    "Lucile Saulnier",
    "Matthieu Dinot",
    "Maxime Darrin",
    "Neha Gupta",
    "Roman Soletskyi",
    "Sagar Vaze",
    "Teven Le Scao",
    "Yihan Wang",
    "Adam Yang",
    "Alexander H. Liu",
    "Alexandre Sablayrolles",
    "Amélie Héliou",
    "Amélie Martin",
    "Andy Ehrenberg",
    "Anmol Agarwal",
    "Antoine Roux",
    "Arthur Darcet",
    "Arthur Mensch",
    "Baptiste Bout",
    "Baptiste Rozière",
    "Baudouin De Monicault",
    "Chris Bamford",
    "Christian Wallenwein",
    "Christophe Renaudin",
    "Clémence Lanfranchi",
    "Darius Dabert",
    "Devon Mizelle",
    "Diego de las Casas",
    "Elliot Chane-Sane",
    "Emilien Fugier",
    "Emma Bou Hanna",
    "Gauthier Delerce",
    "Gauthier Guinet",
    "Georgii Novikov",
    "Guillaume Martin",
]

# arxiv_id: (title_en, title_zh, authors, authors_truncated, code)
PAPERS: dict[str, tuple[str | None, str | None, list[str], bool, list[str]]] = {
    "2506.10910": ("Magistral", None, MAGISTRAL_AUTHORS, True, []),
    "2506.20512": (None, None, [], False, ["https://github.com/GAIR-NLP/OctoThinker"]),
    "2506.19767": (
        None,
        "SRFT：一种具有监督和强化微调的单阶段推理方法",
        [
            "Yuqian Fu",
            "Tinghong Chen",
            "Jiajun Chai",
            "Xihuai Wang",
            "Songjun Tu",
            "Guojun Yin",
            "Wei Lin",
            "Qichao Zhang",
            "Yuanheng Zhu",
            "Dongbin Zhao",
        ],
        False,
        [],
    ),
    "2506.21910": (
        None,
        "AutoMixer：作为自动数据混合器的检查点工件",
        ["Ernie Chang", "Yang Li", "Patrick Huber", "David Kant", "Yangyang Shi", "Vikas Chandra"],
        False,
        [],
    ),
    "2506.21545": (
        "Data Efficacy for Language Model Training",
        "语言模型训练的数据效能",
        ["戴亚伦", "黄扬宇", "张鑫", "吴文山", "李冲", "卢文辉", "曹世杰", "董力", "李思嘉"],
        False,
        [],
    ),
    "2506.10952": (
        "Domain2Vec: Vectorizing Datasets to Find the Optimal Data Mixture without Training",
        "Domain 2Vec：对数据集进行数据集进行数据量化，无需训练即可找到最佳数据混合",
        [],
        False,
        [],
    ),
    "2506.12966": (
        "Assessing the Role of Data Quality in Training Bilingual Language Models",
        "评估数据质量在训练双语语言模型中的作用",
        ["Skyler Seto", "Maartje ter Hoeve", "Maureen de Seyssel", "David Grangier"],
        False,
        [],
    ),
    "2506.20917": (None, "为下游任务优化语言模型：训练后视角", ["石正严"], False, []),
    "2506.21119": (
        None,
        "Progtuning：基于 Transformer 的语言模型的渐进式微调框架",
        ["纪晓霜", "赵振东", "陈晓军", "赵鑫", "刘泽尧"],
        False,
        [],
    ),
    "2505.18116": (None, None, [], False, ["https://github.com/NVlabs/NFT"]),
    "2506.10885": (
        "Slimming Down LLMs Without Losing Their Minds",
        "在不失去理智的情况下减肥LLM",
        ["Qingda (Michael)Mai"],
        False,
        [],
    ),
    "2506.11221": (
        "LLM-as-a-Fuzzy-Judge: Fine-Tuning Large Language Models as a Clinical Evaluation Judge "
        "with Fuzzy Logic",
        "LLM作为模糊法官：使用模糊逻辑对大型语言模型进行微调，作为临床评估法官",
        ["Weibing Zheng", "Laurah Turner", "Jess Kropczynski", "Murat Ozer", "Tri Nguyen", "Shane Halse"],
        False,
        ["https://github.com/2sigmaEdTech/LLMAsAJudge"],
    ),
    "2505.11594": (
        "SageAttention3: Microscaling FP4 Attention for Inference and An Exploration of 8-bit Training",
        None,
        [],
        False,
        ["https://github.com/thu-ml/SageAttention"],
    ),
}


@pytest.fixture(scope="module")
def seed_model(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    site = tmp_path_factory.mktemp("seed-site")
    (site / "content" / "posts").mkdir(parents=True)
    shutil.copy(SEED, site / "content" / "posts" / "training.md")
    return site_as_data(load_site(site))


def _document(model: dict[str, object]) -> dict[str, object]:
    documents = model["documents"]
    assert isinstance(documents, list)
    (document,) = [d for d in documents if d["source"] == "posts/training.md"]
    return document  # type: ignore[no-any-return]


def test_document_metadata(seed_model: dict[str, object]) -> None:
    document = _document(seed_model)
    assert document["url"] == "/posts/training/"
    assert document["lang"] == "zh"
    assert document["title"] == "训练"
    assert document["front_matter"]["toc"] is True  # type: ignore[index]
    assert document["sections"] == [
        ["训练范式"],
        ["预训练"],
        ["预训练", "数据工程"],
        ["微调"],
        ["微调", "图像生成"],
        ["微调", "领域微调"],
        ["训练加速"],
        ["算力集群"],
    ]


def test_all_19_entries(seed_model: dict[str, object]) -> None:
    entries = _document(seed_model)["entries"]
    assert [(e["line"], e["section"], e["timestamp"]) for e in entries] == ENTRIES  # type: ignore[attr-defined]


def test_entry_headlines_and_links(seed_model: dict[str, object]) -> None:
    entries = {e["line"]: e for e in _document(seed_model)["entries"]}  # type: ignore[attr-defined]
    assert entries[31]["headline"] == "首创Mid-training范式破解RL奥秘，Llama终于追平Qwen！"
    assert entries[31]["links"][0]["url"] == "https://mp.weixin.qq.com/s/25wERcyTi79GOBpytujEWA"
    assert entries[73]["headline"] == "清华刘知远团队：高质量 LLM 训练数据获取"
    assert entries[73]["links"] == [
        {"url": "https://mp.weixin.qq.com/s/1vDxmomJvoML-RF4HEIgIw", "kind": "article", "line": 73}
    ]
    # The URL is glued to "SOTA": the headline keeps the word, the link starts at https.
    assert entries[133]["headline"].endswith("刷新图像生成SOTA")
    assert entries[133]["links"][0]["url"] == "https://mp.weixin.qq.com/s/tiytMxR8QJN2fFSry1mQ1w"
    # The headline itself contains a bar: only the first one separates it from the date.
    assert (
        entries[21]["headline"]
        == "同时监督和强化的单阶段大模型微调，告别“先背书再刷题”，推理泛化双提升｜中科院&美团等"
    )
    assert entries[105]["headline"] == "NFT"
    kinds = {(link["kind"], link["url"]) for link in entries[105]["links"]}
    assert ("project", "https://research.nvidia.com/labs/dir/Negative-aware-Fine-Tuning/") in kinds
    assert ("pdf", "https://arxiv.org/pdf/2505.18116") in kinds
    assert ("code", "https://github.com/NVlabs/NFT") in kinds
    assert ("model", "https://huggingface.co/OctoThinker") in {
        (link["kind"], link["url"]) for link in entries[31]["links"]
    }
    assert entries[10]["headline"] == ""
    assert entries[10]["number"] == 1 and entries[45]["number"] == 2 and entries[57]["number"] is None


def test_all_13_papers(seed_model: dict[str, object]) -> None:
    papers = {p["arxiv_id"]: p for p in seed_model["papers"]}  # type: ignore[attr-defined]
    assert set(papers) == set(PAPERS)
    for arxiv_id, (title_en, title_zh, authors, truncated, code) in PAPERS.items():
        paper = papers[arxiv_id]
        assert paper["title_en"] == title_en, arxiv_id
        assert paper["title_zh"] == title_zh, arxiv_id
        assert paper["authors"] == authors, arxiv_id
        assert paper["authors_truncated"] is truncated, arxiv_id
        assert paper["code"] == code, arxiv_id
        assert paper["url"] == f"/papers/{arxiv_id}/"


def test_paper_details(seed_model: dict[str, object]) -> None:
    papers = {p["arxiv_id"]: p for p in seed_model["papers"]}  # type: ignore[attr-defined]
    assert papers["2506.10910"]["abstract"].startswith("我们介绍了Magistral，Mistral的第一个推理模型")
    assert papers["2506.12966"]["comments"] == ["26 pages, 18 figures, 25 tables"]
    assert papers["2506.19767"]["abstract"].startswith("大型语言模型 （LLM） 在推理任务方面取得了显着进步")
    assert papers["2506.21545"]["abstract"].startswith("数据是语言模型 （LM） 训练的基础。")
    assert papers["2505.18116"]["mentions"] == [
        {
            "source": "posts/training.md",
            "line": 117,
            "section": ["微调"],
            "timestamp": "2025-06-23T12:41:02",
            "entry_line": 105,
            "format": "wechat",
            "headline": "NFT",
        }
    ]
    assert [m["line"] for m in papers["2506.10910"]["mentions"]] == [12]
    assert papers["2506.10952"]["mentions"][0]["format"] == "arxiv-daily"
    assert papers["2506.21545"]["mentions"][0]["format"] == "papers.cool"


def test_diagnostics(seed_model: dict[str, object]) -> None:
    found = {(d["line"], d["code"]) for d in seed_model["diagnostics"]}  # type: ignore[attr-defined]
    assert (16, "authors-truncated") in found
    assert (25, "expiring-image") in found
    assert not [d for d in seed_model["diagnostics"] if d["level"] == "error"]  # type: ignore[attr-defined]

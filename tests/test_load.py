"""Loading text: encodings detected from the bytes, traditional folded, web chrome dropped, metadata guessed."""

import pytest

from auditor.errors import InputError
from auditor.load import load_document
from helpers import SEEDS

SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "gbk", "utf-16", "utf-8-sig", "big5"])
def test_encodings_are_detected(tmp_path, encoding):
    src = SEED["001"] if encoding != "big5" else SEED["000"]
    text = src.read_text(encoding="utf-8")
    if encoding == "gbk":
        text = text.replace("\u2014", "-")
    p = tmp_path / "report.txt"
    p.write_bytes(text.encode(encoding, errors="ignore" if encoding == "big5" else "strict"))
    doc = load_document(p)
    assert "法治政府建设" in doc.text
    assert doc.year == 2023


def test_traditional_is_folded_for_matching_and_kept_for_quotes():
    doc = load_document(SEED["000"])
    assert doc.script == "traditional"
    assert len(doc.text) == len(doc.original)
    i = doc.text.index("第一责任人职责")
    assert doc.original[i:i + 7] == "第一責任人職責"


def test_fullwidth_digits_and_punctuation_are_folded(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("某县２０２３年度法治政府建设情况报告\n一、主要举措和成效\n出庭应诉率达到９５．５％，举办讲座３次。" + "法治" * 20, encoding="utf-8")
    doc = load_document(p)
    assert "95.5%" in doc.text and "3次" in doc.text and "９５．５％" in doc.original


def test_web_page_navigation_is_dropped_and_date_kept():
    doc = load_document(SEED["002"])
    assert "索引号" not in doc.text and "您当前所在的位置" not in doc.text and not doc.text.startswith("首页")
    assert doc.published.isoformat() == "2024-01-18"
    assert doc.title == "楚雄州2023年度法治政府建设情况报告"


@pytest.mark.parametrize("code,jurisdiction,level,year", [
    ("000", "船營區", "county", 2023),
    ("001", "双河街道", "township", 2023),
    ("002", "楚雄州", "prefecture", 2023),
    ("003", "汤郎乡", "township", 2024),
])
def test_metadata_of_seeds(code, jurisdiction, level, year):
    doc = load_document(SEED[code])
    assert (doc.jurisdiction, doc.level, doc.year) == (jurisdiction, level, year)


def test_department_title(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("海东市司法局2024年度法治政府建设工作情况报告\n2024年，市司法局坚持" + "依法行政" * 20, encoding="utf-8")
    doc = load_document(p)
    assert doc.jurisdiction == "海东市司法局" and doc.level == "department" and doc.year == 2024


def test_empty_file(tmp_path):
    p = tmp_path / "空.txt"
    p.write_bytes(b"  \n")
    with pytest.raises(InputError) as e:
        load_document(p)
    assert "空.txt" in str(e.value) and "空" in str(e.value)


def test_binary_file(tmp_path):
    p = tmp_path / "图片.txt"
    p.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError) as e:
        load_document(p)
    assert "图片.txt" in str(e.value) and "二进制" in str(e.value)


def test_undecodable_file(tmp_path):
    p = tmp_path / "乱码.txt"
    p.write_bytes(bytes([0x80 + (i * 7) % 0x7f for i in range(3000)]))
    with pytest.raises(InputError) as e:
        load_document(p)
    assert "乱码.txt" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as e:
        load_document(tmp_path / "nope.txt")
    assert "找不到" in str(e.value)


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "大.txt"
    with open(p, "wb") as fh:
        fh.seek(60 * 1024 * 1024)
        fh.write(b"x")
    with pytest.raises(InputError) as e:
        load_document(p)
    assert "过大" in str(e.value)


@pytest.mark.parametrize("title,jurisdiction,level,year", [
    ("中共互助县委 互助县人民政府关于2023年度法治政府建设情况的报告", "互助县", "county", 2023),
    ("西宁市城东区2023年法治政府建设年度报告", "西宁市城东区", "county", 2023),
    ("青海省司法厅2023年度法治政府建设情况报告", "青海省司法厅", "department", 2023),
    ("海东市人民政府关于2024年法治政府建设情况的报告", "海东市", "prefecture", 2024),
])
def test_titles(tmp_path, title, jurisdiction, level, year):
    p = tmp_path / "r.txt"
    p.write_text(title + "\n一、主要举措和成效\n" + "依法行政工作取得成效。" * 10, encoding="utf-8")
    doc = load_document(p)
    assert (doc.jurisdiction, doc.level, doc.year) == (jurisdiction, level, year)


def test_run_together_paragraphs_get_their_headings_back(tmp_path):
    from auditor.outline import build_outline
    body = "某县2023年度法治政府建设情况报告\n" + ("一、主要举措和成效。" + "依法行政工作取得成效。" * 60 +
            "二、存在的问题和不足。" + "基层力量薄弱。" * 30 + "三、2024年工作安排。" + "继续推进。" * 20)
    p = tmp_path / "r.txt"
    p.write_text(body, encoding="utf-8")
    o = build_outline(load_document(p))
    assert [s.kind for s in o.parts if s.level] == ["achievements", "shortcomings", "next_year"]


def test_page_of_a_paragraph_that_crosses_a_page_break():
    from auditor.load import document_from_raw
    from auditor.models import RawText
    first = "某县2023年度法治政府建设情况报告\n"
    para = "第一页上的句子出庭应诉率达到95%。" + "第二页上的句子举办法治专题讲座3次。"
    text = first + "  " + para + "\n" + "依法行政" * 10
    page2 = len(first) + 2 + para.index("第二页")
    doc = document_from_raw("x.pdf", RawText(text=text, format="pdf", page_starts=(0, page2)))
    assert doc.page_of(doc.text.index("出庭应诉率")) == 1
    assert doc.page_of(doc.text.index("法治专题讲座")) == 2


def test_jurisdiction_from_the_signature_block(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("2023年法治政府建设年度报告\n一、主要举措和成效\n" + "依法行政工作取得成效。" * 10 +
                 "\n大通回族土族自治县人民政府\n2024年3月1日\n", encoding="utf-8")
    doc = load_document(p)
    assert (doc.jurisdiction, doc.level, doc.year) == ("大通回族土族自治县", "county", 2023)


def test_too_much_text_is_refused(tmp_path):
    p = tmp_path / "合并.txt"
    p.write_text("法治政府建设" * 400_000, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_document(p)
    assert "合并.txt" in str(e.value) and "过长" in str(e.value)


def test_edge_lines_convert_as_each_would_alone():
    from auditor.fold import halfwidth, t2s
    from auditor.load import _edge_lines_simplified

    lines = ["首頁 > 政務公開", "  發布機構：縣人民政府辦公室  ", "", "正文" * 100, "瀏覽次數：12", "中間一行"] * 12
    got = _edge_lines_simplified(lines, 25)
    want = {i: t2s().convert(halfwidth(line.strip())) for i, line in enumerate(lines)
            if (i < 25 or i >= len(lines) - 25) and len(line.strip()) < 160}
    assert got == want and got[1] == "发布机构:县人民政府办公室"

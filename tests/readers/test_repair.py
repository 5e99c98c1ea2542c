"""Hard wraps rejoined and page furniture removed, in any format (readers/repair.py via load)."""
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.readers.repair import furniture, hard_wraps, plan, width

PARA = ("全面推进政务服务标准化规范化便利化，政务服务事项网上可办率99.96%，一网通办能力持续提升，"
        "行政执法三项制度全面落实，行政机关负责人出庭应诉率达到100%，行政复议纠错率12%。")
_MORE = ("严格落实重大行政决策程序规定，公开征求意见，开展合法性审查，集体讨论决定。", "深入开展八五普法，举办专题讲座，"
         "发放宣传资料，营造浓厚法治氛围。", "规范行政执法行为，推行执法全过程记录，开展案卷评查。")


def paras(n: int) -> str:
    """n sentences that do not repeat with a period of the wrap width."""
    return "".join(PARA if k % 4 == 0 else _MORE[k % 3][: 20 + 7 * (k % 5)] + "。" for k in range(n))


def wrap(text: str, n: int = 30) -> list[str]:
    return [text[i:i + n] for i in range(0, len(text), n)]


def load(lines, **kw):
    return document_from_raw("r.txt", RawText(text="\n".join(lines), format="txt", **kw))


def test_width_counts_chinese_double():
    assert width("网上可办率99.96%") == 10 + 6 and width("ａ，") == 4


def test_a_hard_wrapped_document_is_rejoined_across_a_figure():
    lines = ["某县2023年度法治政府建设情况报告", "一、主要举措和成效"] + wrap(paras(6)) + ["二、存在的不足和原因"] + wrap(paras(4))
    # force a break inside the indicator name: 网上可 | 办率
    cut = lines.index(next(l for l in lines if "网上可" in l and not l.endswith("网上可")))
    line = lines[cut]
    k = line.index("网上可") + 3
    lines[cut:cut + 1] = [line[:k], line[k:]]
    doc = load(lines)
    assert "网上可办率99.96%" in doc.text
    body = doc.text.split("\n")
    assert body[:2] == ["某县2023年度法治政府建设情况报告", "一、主要举措和成效"]
    assert "二、存在的不足和原因" in body  # headings stay on lines of their own


def test_paragraph_lines_of_varied_length_are_not_joined():
    lines = ["某县2023年度法治政府建设情况报告", "一、主要举措和成效", PARA, PARA[:40] + "。", "二、存在的不足", paras(4)]
    assert not hard_wraps(lines, set(), set())


def test_lines_ending_a_sentence_or_before_a_heading_stay():
    lines = wrap(paras(8))
    lines.insert(4, "（一）加强组织领导")
    joins = hard_wraps(lines, set(), set())
    assert 3 not in joins and 4 not in joins
    assert all(not lines[i].endswith("。") for i in joins)


def test_page_numbers_anywhere_and_running_titles():
    lines = (["某县2023年度法治政府建设情况报告"] + wrap(paras(6)) + ["第2页共9页", "某县人民政府文件"] + wrap(paras(6))
             + ["- 3 -", "某县人民政府文件"] + wrap(paras(6)) + ["3/9", "某县人民政府文件"] + wrap(paras(2)))
    drop = furniture(lines, set())
    assert {lines[i] for i in drop} == {"第2页共9页", "- 3 -", "3/9", "某县人民政府文件"}
    assert 0 not in drop


def test_furniture_inside_a_wrapped_paragraph_leaves_it_whole():
    text = paras(8)
    lines = wrap(text)
    lines[5:5] = ["第 2 页 共 9 页", "某县2023年度法治政府建设情况报告"]
    lines.insert(0, "某县2023年度法治政府建设情况报告")
    lines[20:20] = ["— 3 —", "某县2023年度法治政府建设情况报告"]
    lines += ["某县2023年度法治政府建设情况报告"]
    doc = load(lines)
    out = doc.original.split("\n")
    assert out[0] == "某县2023年度法治政府建设情况报告" and "".join(out[1:]) == text
    assert all(line.endswith("。") for line in out[1:])  # broken only where a sentence ends


def test_bare_numbers_only_beside_page_breaks():
    lines = wrap(paras(8)) + ["12"] + wrap(paras(4))
    assert not plan(lines, set(), set()).drop
    assert plan(lines, {len(wrap(paras(8)))}, set()).drop == {len(wrap(paras(8)))}


def test_pdftotext_form_feeds_are_pages(tmp_path):
    from auditor.load import load_document

    pages = ["某县2023年度法治政府建设情况报告\n" + "\n".join(wrap(paras(6))), "\n".join(wrap(paras(6))) + "\n2"]
    p = tmp_path / "r.txt"
    p.write_text("\f".join(pages) + "\f", encoding="utf-8")
    doc = load_document(p)
    out = doc.original.split("\n")
    assert len(doc.page_starts) == 2 and all(line.endswith("。") for line in out[1:])
    assert "".join(out[1:]) == paras(6) * 2
    assert doc.page_of(doc.original.index(PARA[:20])) == 1 and doc.page_of(len(doc.original) - 1) == 2


# --- mirror noise: pinyin glosses after characters ------------------------------------------------------------
def test_pinyin_glosses_after_characters_are_found():
    from auditor.readers.repair import PINYIN_GLOSS

    text = "市場監(jiān)管局推進(jìn)綠(lǜ)色執法（zhí）"
    assert PINYIN_GLOSS.sub("", text) == "市場監管局推進綠色執法"


def test_bracketed_latin_that_is_not_a_gloss_stays():
    from auditor.readers.repair import pinyin_glosses

    for text in ("采用PPP(ppp)模式", "项目（a）完成", "落实(e)项", "设立(B)类", "见附件(de)", "2023(nián)", "(yīng)急", "a（yīng）"):
        assert pinyin_glosses(text) == [], text


def test_glosses_are_removed_in_loading_with_pages_and_quotes_kept():
    head = "2024年，河源市發(fā)展和改革局堅持依法行政。\n"
    body = "一、主要舉措\n舉(jǔ)辦法治專題講座3次，全年開展執法人員培訓(xùn)2次。\n"
    raw = head + "\f" + body
    doc = document_from_raw("r.txt", RawText(text=raw, format="txt", page_starts=(0, len(head) + 1)))
    assert "(" not in doc.original and len(doc.text) == len(doc.original)
    assert doc.page_starts[1] == doc.original.index("一、主要舉措")
    i = doc.text.index("培训2次")
    assert doc.original[i:i + 4] == "培訓2次"
    assert doc.jurisdiction == "河源市發展和改革局" and doc.level == "department"
    assert [a.code for a in doc.alerts] == ["pinyin_glosses"] and doc.alerts[0].severity == "warning"

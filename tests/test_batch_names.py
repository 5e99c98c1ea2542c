"""names.py: output stems valid everywhere, unique per folder, stable for a re-run."""
from __future__ import annotations

from auditor.batch.names import Names, safe_name


def test_safe_names():
    assert safe_name('a/b\\c:d*e?"f<g>h|') == "a_b_c_d_e__f_g_h"
    assert safe_name("CON") == "报告-CON" and safe_name("汇总") == "报告-汇总"
    assert safe_name("...") == "报告" and not safe_name(".隐藏").startswith(".")
    assert len(safe_name("县" * 200).encode()) <= 120
    assert safe_name("坏\udcff名") == "坏_名"  # a lone surrogate never reaches a file name


def test_clashes_get_the_file_stem_then_a_number():
    n = Names()
    assert n.assign("a/楚雄州.txt", "楚雄州", 2023) == "楚雄州-2023"
    assert n.assign("b/楚雄州.txt", "楚雄州", 2023) == "楚雄州-2023-楚雄州"
    assert n.assign("c/楚雄州.txt", "楚雄州", 2023) == "楚雄州-2023-2"
    assert n.assign("a/楚雄州.txt", "楚雄州", 2023) == "楚雄州-2023"  # the owner keeps its name
    assert n.assign("x.txt", None, None) == "x" and n.assign("x.docx", None, None) == "x-docx"
    n.release("x.txt")
    assert n.owner("x") is None and n.owner("X-DOCX") == "x.docx"  # case-insensitive, as Windows folders

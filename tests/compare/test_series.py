"""series.py and keys.py: the same jurisdiction by division code and level, never by file name; gaps and
duplicates of a year."""
from __future__ import annotations

import pytest

from auditor.compare.keys import jurisdiction_key, unit_name
from auditor.compare.model import YearReport
from auditor.compare.series import all_series, single_series
from auditor.errors import UsageError


def rep(year, name="互助土族自治县", level="county", code="630223", file=None, county=None, province=None):
    return YearReport(file or f"{name}{year}.txt", year, name, level, code, 70.0, {}, county=county,
                      province=province)


def test_years_with_a_gap():
    s = single_series([rep(2024), rep(2021), rep(2022)])
    assert s.years == [2021, 2022, 2023, 2024] and s.gaps == [2023] and list(s.reports) == [2021, 2022, 2024]


def test_a_renamed_file_or_another_written_name_is_the_same_jurisdiction():
    s = single_series([rep(2022, "互助县", file="a.txt"), rep(2023, "互助土族自治县", file="b.docx")])
    assert len(s.reports) == 2


def test_different_codes_are_refused_naming_both():
    with pytest.raises(UsageError) as e:
        single_series([rep(2022), rep(2023, "乐都区", code="630202")])
    assert "不属于同一地区" in e.value.message and "630202" in e.value.message and "630223" in e.value.message


def test_a_department_is_not_its_county_though_it_shares_the_code():
    with pytest.raises(UsageError):
        single_series([rep(2022), rep(2023, "互助县司法局", level="department", county="互助土族自治县")])


def test_departments_of_one_county_by_their_own_name():
    a = rep(2022, "互助县司法局", level="department", county="互助土族自治县")
    b = rep(2023, "司法局", level="department", county="互助土族自治县")
    c = rep(2023, "互助县交通运输局", level="department", county="互助土族自治县")
    assert unit_name("互助县司法局", ("青海省", "海东市", "互助土族自治县")) == "司法局"
    assert len(single_series([a, b]).reports) == 2
    with pytest.raises(UsageError):
        single_series([a, c])


def test_a_report_without_code_joins_by_name_and_the_series_says_so():
    s = single_series([rep(2022), rep(2023, code=None)])
    assert len(s.reports) == 2 and any("未识别出行政区划代码" in n for n in s.notes)
    assert jurisdiction_key(None, None, None) is None


def test_two_reports_of_one_year_are_duplicates_the_first_kept():
    s = single_series([rep(2023, file="定稿.docx"), rep(2023, file="草稿.txt"), rep(2024)])
    assert s.reports[2023].file == "定稿.docx"
    assert [(d.report.file, d.kept.file) for d in s.duplicates] == [("草稿.txt", "定稿.docx")]


def test_one_year_given_twice_is_refused_as_no_comparison():
    with pytest.raises(UsageError, match="两个不同年度"):
        single_series([rep(2023, file="定稿.docx"), rep(2023, file="草稿.txt")])


def test_a_report_without_year_or_jurisdiction_is_refused():
    with pytest.raises(UsageError, match="年度"):
        single_series([rep(2022), rep(None)])
    with pytest.raises(UsageError, match="地区"):
        single_series([rep(2022), rep(2023, name=None, code=None)])


def test_batch_keeps_only_series_of_two_years_or_more():
    got = all_series([rep(2022), rep(2023), rep(2023, "乐都区", code="630202"), rep(2021, "楚雄州", "prefecture", "532300")])
    assert [(s.label, sorted(s.reports)) for s in got] == [("互助土族自治县", [2022, 2023])]

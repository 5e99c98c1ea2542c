"""The division table: codes, tiers, parents, name forms as reports write them, former names."""
from auditor import gazetteer as gz


def names(divisions):
    return [d.name for d in divisions]


def test_tiers_follow_the_code():
    assert gz.division("510000").tier == "province"
    assert gz.division("511600").tier == "prefecture"
    assert gz.division("511681").tier == "county"  # 华蓥市, a county-level city


def test_parents():
    assert [d.name for d in gz.ancestors(gz.division("511681"))] == ["华蓥市", "广安市", "四川省"]
    assert gz.parent(gz.division("110105")).name == "北京市"  # a municipality's district
    assert gz.parent(gz.division("429004")).name == "湖北省"  # 仙桃市, governed by the province
    assert gz.chain(gz.division("532301"))["prefecture"].name == "楚雄彝族自治州"


def test_name_forms():
    assert names(gz.lookup("楚雄州")) == ["楚雄彝族自治州"]
    assert names(gz.lookup("互助县")) == ["互助土族自治县"]
    assert names(gz.lookup("互助土族自治县")) == ["互助土族自治县"]
    assert names(gz.lookup("黔西南州")) == ["黔西南布依族苗族自治州"]
    assert sorted(d.code for d in gz.lookup("朝阳区")) == ["110105", "220104"]
    assert names(gz.lookup_bare("广西")) == ["广西壮族自治区"]
    assert names(gz.lookup_bare("丽水")) == ["丽水市"]
    assert gz.lookup_bare("华蓥") == ()  # counties are never matched bare


def test_former_names_until_the_year_they_changed():
    assert names(gz.lookup_former("江干区")) == ["上城区"]
    assert names(gz.lookup_former("江干区", 2020)) == ["上城区"]
    assert gz.lookup_former("江干区", 2023) == ()
    assert names(gz.lookup_former("绍兴县", 2012)) == ["柯桥区"]


def test_scan_finds_names_in_running_text():
    text = "西安市阎良区认真落实楚雄州和互助县的经验，城区建设，人民政府和县委，马鞍山市和县"
    got = [(m.form, m.codes) for m in gz.scan(text)]
    assert ("西安市", ("610100",)) in got and ("阎良区", ("610114",)) in got
    assert ("楚雄州", ("532300",)) in got and ("互助县", ("630223",)) in got
    assert [f for f, _ in got].count("和县") == 1  # after 马鞍山市, not in 政府和县委
    assert "城区" not in [f for f, _ in got]


def test_match_at_prefers_the_longest_name():
    m = gz.match_at("黔西南布依族苗族自治州人民政府", 0)
    assert m.form == "黔西南布依族苗族自治州" and m.codes == ("522300",)
    assert gz.match_at("关于2023年", 0) is None


def test_table_header_names_its_source():
    from importlib import resources
    head = resources.files("auditor.gazetteer").joinpath("divisions.tsv").read_text(encoding="utf-8")[:600]
    assert "民政部" in head or "国家地名信息库" in head
    assert "取数" in head and "MIT" in head


def test_autonomous_names_of_one_people_without_zu():
    assert names(gz.lookup("伊犁州")) == ["伊犁哈萨克自治州"]
    assert names(gz.lookup("巴里坤县")) == ["巴里坤哈萨克自治县"]
    assert gz.lookup("新疆区") == () and gz.lookup("内区") == ()  # regions keep their names
    assert names(gz.lookup_bare("新疆")) == ["新疆维吾尔自治区"] and names(gz.lookup_bare("西藏")) == ["西藏自治区"]


def test_bare_names_at_any_tier():
    assert names(gz.lookup_bare_any("邹城")) == ["邹城市"]
    assert names(gz.lookup_bare_any("互助")) == ["互助土族自治县"]
    assert sorted(names(gz.lookup_bare_any("吉林"))) == ["吉林市", "吉林省"]
    assert len(gz.lookup_bare_any("和平")) == 3  # two 和平区 and 和平县
    assert gz.lookup_bare_any("法治") == ()

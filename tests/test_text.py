"""The reading of a document: clauses, sentences, targets among figures, plans, phrase hits, evidence, and cost."""
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.outline import build_outline
from auditor.text import Text
from helpers import audit_text, finding, report


def text_of(body: str, part: str = "achievements") -> Text:
    doc = document_from_raw("t.txt", RawText(text=report(body, part), format="txt"))
    return Text(doc, build_outline(doc))


def test_clauses_and_sentences():
    t = text_of("全年举办讲座3次，参加1,200人。出庭率98%。")
    pos = t.text.index("参加")
    cs, ce = t.clause(pos)
    assert t.text[cs:ce] == "参加1,200人"  # the thousands separator does not end a clause
    ss, se = t.sentence(pos)
    assert t.text[ss:se] == "全年举办讲座3次,参加1,200人"


def test_target_figures_are_marked():
    t = text_of("出庭应诉率达到93.5%，达到上级要求的90%以上的目标。确保参与率不低于95%。")
    marks = {q.value: q.target for q in t.quantities}
    assert marks == {93.5: False, 90: True, 95: True}


def test_plans_wherever_they_stand():
    t = text_of("下一步，力争出庭应诉率达到100%。2025年将举办讲座4次。全年举办讲座3次。")
    assert t.planned(t.text.index("出庭"))
    assert t.planned(t.text.index("4次"))
    assert not t.planned(t.text.index("3次"))
    t = text_of("举办法治专题讲座4次。", part="next_year")
    assert t.planned(t.text.index("4次"))


def test_all_out_effort_is_not_the_word_for_a_plan():
    # 全力争创 is 全力 + 争创: the sentence reports what was done before it states the aim
    t = text_of("完成执法案卷评查2轮次，全力争创全国法治政府建设示范市。力争年底前评查3轮次。")
    assert not t.planned(t.text.index("2轮次"))
    assert t.planned(t.text.index("3轮次"))


def test_plan_figures_are_not_results():
    f = finding("2025年行政机关负责人出庭应诉率达到100%，举办法治专题讲座4次。", "court_appearance_rate", part="next_year")
    assert f.status == "not_reported" and f.value is None
    f = finding("下一步，力争行政机关负责人出庭应诉率达到100%。", "court_appearance_rate")
    assert f.status == "not_reported"


def test_hits_longest_first_and_excluded():
    t = text_of("行政机关负责人出庭应诉率100%，出庭出声率90%。")
    hits = t.hits(["出庭应诉率", "行政机关负责人出庭应诉率", "出庭"], exclude=["出庭出声率"])
    assert [t.text[s:e] for s, e in hits] == ["行政机关负责人出庭应诉率"]


def test_sentence_has_reads_gaps():
    t = text_of("对执法案卷开展集中评查。")
    assert t.sentence_has(t.text.index("执法"), ("案卷*评查",))
    assert not t.sentence_has(t.text.index("执法"), ("旁听庭审",))


def test_evidence_offsets_quote_the_original():
    audit = audit_text(report("全年行政機關負責人出庭應訴率達到96%。"))
    f = next(x for x in audit.findings if x.rule_id == "court_appearance_rate")
    e = f.evidence[0]
    assert audit.document.original[e.start:e.end] == e.quote
    hs, he = e.highlight
    assert e.quote[hs:he] == "96%"


def test_evidence_is_bounded_in_an_endless_sentence():
    t = text_of("、".join(["举办法治讲座3次"] * 2000))
    pos = t.text.index("讲座", len(t.text) // 2)
    ev = t.evidence(pos, pos + 2)
    assert len(ev.quote) <= 400


def test_order_free_terms_stop_at_a_neighbouring_head():
    t = text_of("负责人应诉出庭率为96%，案件胜诉率为90%。")
    spans = t.term_spans((("出庭",), ("率",)), head_last=True)
    assert [t.text[s:e] for s, e in spans] == ["出庭率"]
    t = text_of("开展全员法治培训和行政执法人员专项培训4次。")
    spans = t.term_spans((("执法人员",), ("培训",)))
    assert [t.text[s:e] for s, e in spans] == ["执法人员专项培训"]


def test_order_free_terms_around_a_quoted_course_and_into_the_clause_naming_who_took_part():
    t = text_of("选派执法骨干赴省城参加“深入学习贯彻行政处罚法 全面提升基层治理与服务能力专题培训班”。")
    [(s, e)] = t.term_spans((("执法骨干",), ("培训",)))
    assert t.text[s:e].startswith("执法骨干") and t.text[s:e].endswith("培训")
    t = text_of("组织开展业务培训6场次，覆盖执法人员200余人次。")
    [(s, e)] = t.term_spans((("执法人员",), ("培训",)))
    assert t.text[s:e] == "培训6场次,覆盖执法人员"  # the folded text
    # an unrelated next clause is not read: "…培训6场次，执法人员持证率100%"
    t = text_of("组织开展业务培训6场次，执法人员持证率100%。")
    assert t.term_spans((("执法人员",), ("培训",))) == []
    # a term after the head joined to another item is that item's: "干部教育培训和执法人员日常学习"
    t = text_of("将法治思想作为干部教育培训和执法人员日常学习的重点内容。")
    assert t.term_spans((("执法人员",), ("培训",))) == []


def test_higher_groups_win_over_near_forms():
    t = text_of("制定公布2024年重大行政决策事项目录11项。")
    hits = t.tagged_hits({"": ["重大行政决策事项目录"], "doubtful": ["公布*重大*决策事项"]})
    assert [(t.text[s:e], tag) for s, e, tag in hits] == [("重大行政决策事项目录", "")]


def test_a_topic_near_an_event():
    t = text_of("组织宣讲团，深入机关宣讲党的二十大精神5场。")
    assert t.near_has(t.text.index("宣讲党"), ("二十大",))
    assert not t.near_has(t.text.index("宣讲党"), ("民法典",))


def test_the_point_a_phrase_stands_in():
    t = text_of("一是抓好理论学习。组织学习会议精神。二是抓实网络学法。依托平台自学，参加在线考试3场。")
    pos = t.text.index("在线考试")
    assert t.point_before(pos) == "二是抓实网络学法。依托平台自学,参加"
    assert t.point_has(pos, ("网络学法",)) and not t.point_has(pos, ("理论学习",))
    assert t.topic_has(pos, ("在线考试",)) and not t.topic_has(pos, ("会议精神",))
    t = text_of("（三）强化执法监督。开展案卷评查2次。")
    assert t.point_before(t.text.index("开展")).startswith("(三)强化执法监督")
    t = text_of("全年学法4次。\n组织专题考试2场。")  # a new paragraph is a new point
    assert t.point_before(t.text.index("2场")) == "组织专题考试"


def test_phrase_index_finds_what_str_find_finds():
    """The one-pass index and the first, str.find reading give the same spans: left to right, no overlaps."""
    from auditor.text import PhraseIndex
    import auditor.text as text_module

    body = "举办法治讲座法治讲座3次，讲座讲座讲座。aaaa"
    expected = None
    fresh = PhraseIndex()
    old, text_module.PHRASES = text_module.PHRASES, fresh
    try:
        for _ in range(2):  # first by str.find (the index learns the phrases), then from the index
            t = text_of(body)
            got = [t.phrase_spans(p) for p in ("法治讲座", "讲座讲座", "aa", "未出现的说法", "法治*讲座")]
            assert fresh._automaton()[1] >= {"法治讲座", "讲座讲座", "aa"}
            if expected is None:
                expected = got
        assert got == expected
        lecture = t.text.index("法治讲座")
        assert got[0] == [(lecture, lecture + 4), (lecture + 4, lecture + 8)]
        assert len(got[1]) == 1 and len(got[2]) == 2 and got[3] == []
    finally:
        text_module.PHRASES = old


def test_part_kind_at_every_offset_as_the_outline_says():
    body = "一、主要举措\n举办讲座3次。\n（一）下一步工作\n力争出庭率100%。\n二、存在的问题\n还有不足。\n三、下一步打算\n举办讲座4次。"
    doc = document_from_raw("t.txt", RawText(text=body, format="txt"))
    t = Text(doc, build_outline(doc))
    assert [t.kind_at(i) for i in range(len(t.text) + 2)] == [t.outline.kind_at(i) for i in range(len(t.text) + 2)]
    assert {t.kind_at(i) for i in range(len(t.text))} >= {"achievements", "next_year", "shortcomings"}

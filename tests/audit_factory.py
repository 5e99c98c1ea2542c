"""A realistic Audit built by hand, for renderer tests (no evaluator needed)."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from auditor.models import (
    Audit, Document, Evidence, Facts, Finding, Outline, PackInfo, Quantity, Section, Waiver,
)

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="stylesheet" href="http://example.com/x.css">'
STYLE = "<style>@import url(file:///etc/hosts)</style>"
HOSTILE = (IMG, LINK, STYLE)

TRAD_QUOTE = "全年被訴行政機關負責人出庭應訴率達到85%，較上年提高5個百分點。"
SOURCE = "互政办〔2024〕18号"

_TEXT = "\n".join([
    "互助土族自治县2024年法治政府建设年度报告",
    "2024年，我县深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作。",
    "一、2024年法治政府建设主要举措和成效",
    "（一）提升依法行政能力",
    "县政府常务会议学法1次，举办法治专题讲座1次。组织国家工作人员学法用法考试5次，参考率100%。",
    "（二）行政复议与应诉",
    TRAD_QUOTE,
    "全年收到行政复议申请46件，审结43件，其中经复议后被提起行政诉讼12件。",
    "排查出纠纷544件，化解527件。开展机关大讲堂、庭审观摩等活动40余场。",
    "网站链接 " + LINK + " 以及 " + IMG + " 原文照录。",
    "详见https://www.example.gov.cn/zwgk/fzzfjs/2024/very/long/path/without/any/break/points/index_0123456789.html",
    "二、存在的不足和原因",
    "一是行政执法规范化水平有待提高；二是法治宣传教育针对性不强。",
    "三、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县委、县政府主要负责同志带头学法，专题听取法治政府建设工作汇报2次。",
    "四、2025年工作安排",
    "持续提升行政机关负责人出庭应诉率，力争达到100%。",
])


def _span(needle: str, hay: str = _TEXT) -> tuple[int, int]:
    i = hay.index(needle)
    return i, i + len(needle)


def _ev(sentence: str, figure: Optional[str], part: str, kind: str, page: Optional[int] = None) -> Evidence:
    s, e = _span(sentence)
    hl = None
    if figure:
        i = sentence.index(figure)
        hl = (i, i + len(figure))
    return Evidence(quote=sentence, start=s, end=e, part=part, part_kind=kind, page=page, highlight=hl)


def _outline() -> Outline:
    heads = [
        ("", "互助土族自治县2024年法治政府建设年度报告", 0, "preamble"),
        ("一、", "2024年法治政府建设主要举措和成效", 1, "achievements"),
        ("（一）", "提升依法行政能力", 2, "achievements"),
        ("（二）", "行政复议与应诉", 2, "achievements"),
        ("二、", "存在的不足和原因", 1, "shortcomings"),
        ("三、", "党政主要负责人履行推进法治建设第一责任人职责情况", 1, "first_responsible"),
        ("四、", "2025年工作安排", 1, "next_year"),
    ]
    starts = [_TEXT.index(m + h) if m else 0 for m, h, _, _ in heads]
    sections = []
    for i, (marker, heading, level, kind) in enumerate(heads):
        end = len(_TEXT)
        for j in range(i + 1, len(heads)):
            if heads[j][2] <= level:
                end = starts[j]
                break
        sections.append(Section(marker=marker, heading=heading, level=level, kind=kind,
                                start=starts[i], heading_end=starts[i] + len(marker + heading), end=end))
    return Outline(sections=tuple(sections))


def _quantities() -> tuple[Quantity, ...]:
    out = []
    for m in re.finditer(r"(\d+(?:\.\d+)?)(余)?(%|次|件|场|个百分点)", _TEXT):
        out.append(Quantity(value=float(m.group(1)), unit=m.group(3), start=m.start(), end=m.end(),
                            approx=bool(m.group(2))))
    return tuple(out)


P1 = "一、2024年法治政府建设主要举措和成效"


def make_audit(hostile: bool = True, many: int = 0) -> Audit:
    """An audit of a county report: findings of every status, a traditional quote, a tailored
    target, a waiver, an expired waiver, informational rows; `hostile` puts markup into quotes,
    names and advice; `many` adds that many extra met findings (to test page breaks)."""
    doc = Document(
        path="/data/reports/互助县2024年法治政府建设年度报告.docx", format="docx",
        original=_TEXT, text=_TEXT, title="互助土族自治县2024年法治政府建设年度报告",
        jurisdiction="互助土族自治县", level="county", year=2024, script="traditional",
        published=date(2025, 3, 28),
    )
    court = _ev(TRAD_QUOTE, "85%", P1, "achievements", page=2)
    lecture = _ev("县政府常务会议学法1次，举办法治专题讲座1次。", "1次", P1, "achievements", page=1)
    lecture = Evidence(quote=lecture.quote, start=lecture.start, end=lecture.end, part=lecture.part,
                       part_kind=lecture.part_kind, page=1, highlight=(lecture.quote.index("讲座") + 2,
                                                                       lecture.quote.index("讲座") + 4))
    exams = _ev("组织国家工作人员学法用法考试5次，参考率100%。", "5次", P1, "achievements", page=1)
    trial = _ev("开展机关大讲堂、庭审观摩等活动40余场。", "庭审观摩", P1, "achievements", page=2)
    dispute = _ev("排查出纠纷544件，化解527件。", "544件", P1, "achievements", page=2)
    hostile_ev = _ev("网站链接 " + LINK + " 以及 " + IMG + " 原文照录。", LINK, P1, "achievements", page=2)
    long_ev = _ev(_TEXT.split("\n")[10], "2024", P1, "achievements", page=2)

    waiver = Waiver(rule_id="enforcement_training", jurisdiction="互助土族自治县",
                    reason="本县2024年执法人员培训由州级统一组织", approver="县司法局 李某",
                    expires=date(2099, 12, 31), source="waivers/huzhu.yaml")
    expired = Waiver(rule_id="case_file_review", jurisdiction="互助土族自治县",
                     reason="机构改革期间暂缓评查", approver="县司法局 王某",
                     expires=date(2024, 6, 30), source="waivers/huzhu.yaml")
    F = Finding
    common = dict(pack="qinghai/huzhu-2024", source=SOURCE)
    findings = [
        F("court_appearance_rate", "metric", "行政机关负责人出庭应诉率", "not_met", value=85.0, unit="%",
          target="不低于90%", evidence=(court,), note="报告值85%低于目标90%",
          advice="核实全年应诉案件数与负责人出庭次数，补充出庭应诉率达标情况或说明原因。",
          clause="第22条", weight=3, category="行政复议与应诉", **common),
        F("legal_lectures", "count", "法治专题讲座", "not_met", value=1.0, unit="次", target="不少于2次",
          evidence=(lecture,), note="全年仅举办1次", advice="补报全年法治专题讲座场次。",
          clause="第4条", weight=2, category="依法行政能力", tailored=True, **common),
        F("reconsideration_typical_cases", "count", "发布行政复议典型案例", "not_reported", target="至少1次",
          note="报告未提及发布行政复议典型案例", advice="补充全年发布行政复议典型案例的次数和渠道。",
          clause="第21条", weight=2, category="行政复议与应诉", **common),
        F("loss_rate_after_reconsideration", "metric", "经行政复议后被诉案件中行政机关败诉率", "not_reported",
          unit="%", target="低于10%", note="报告给出被诉案件数，未给出败诉数",
          advice="补充经复议后被诉案件的败诉件数及比例。", clause="第21条", weight=2,
          category="行政复议与应诉", **common),
        F("trial_observation", "count", "领导干部旁听庭审" + (IMG if hostile else ""), "review",
          value="mentioned", target="至少1次", evidence=(trial,) + ((hostile_ev,) if hostile else ()),
          note="“庭审观摩”可能包含旁听庭审，次数未单列",
          advice=("核实领导干部旁听庭审的次数并单列报告。" + (STYLE if hostile else "")),
          clause="第22条", weight=1, category="行政复议与应诉", **common),
        F("law_exams", "count", "国家工作人员学法用法考试", "met", value=5.0, unit="次", target="不少于5次",
          evidence=(exams,), note="报告值5次达到目标", clause="第4条", weight=1,
          category="依法行政能力", **common),
        F("suit_after_reconsideration_ratio", "metric", "经行政复议后被提起行政诉讼的案件比例", "met",
          value=27.9, unit="%", target="低于30%", derived=True, alternatives=(26.1,),
          evidence=(_ev("全年收到行政复议申请46件，审结43件，其中经复议后被提起行政诉讼12件。", "12件", P1,
                        "achievements", page=2),),
          note="由审结43件、被诉12件推算", clause="第21条", weight=2, category="行政复议与应诉", **common),
        F("major_decision_catalog", "mention", "年度重大行政决策事项目录向社会公开", "met", value="mentioned",
          target="已公开", evidence=(long_ev,), note="报告提及", clause="第12条", weight=1,
          category="重大行政决策", **common),
        F("enforcement_training", "count", "行政执法人员集中培训", "waived", target="至少1次",
          note="已豁免", clause="第4条", weight=1, category="依法行政能力", waiver=waiver,
          status_before_waiver="not_reported", **common),
        F("case_file_review", "count", "行政执法案卷评查", "not_reported", target="至少1次",
          note="报告未提及案卷评查（豁免已过期）", advice="补充年度行政执法案卷评查情况。", clause="第17条",
          weight=1, category="行政执法", **common),
        F("dispute_resolution_rate", "metric", "矛盾纠纷化解率", "met", value=96.9, unit="%", derived=True,
          evidence=(dispute,), note="由排查544件、化解527件推算", informational=True,
          category="概况指标", pack="national/profile", source="法治政府建设与责任落实督察工作规定"),
        F("online_service_rate", "metric", "政务服务事项网上可办率", "not_reported", unit="%",
          informational=True, category="概况指标", pack="national/profile",
          source="法治政府建设与责任落实督察工作规定"),
        F("parts_first_responsible", "part", "党政主要负责人履行第一责任人职责情况", "met", value="mentioned",
          target="单列一部分", note="第三部分", clause="第二十五条", weight=2, category="报告结构",
          pack="national/parts", source="法治政府建设与责任落实督察工作规定"),
    ]
    for i in range(many):
        findings.append(F(f"extra_{i}", "count", f"附加核查项目第{i + 1}项：依法行政制度建设情况", "met",
                          value=float(i + 1), unit="次", target="至少1次", note="达到目标",
                          clause=f"第{i % 30 + 1}条", category=f"附加类别{i % 4 + 1}", **common))
    packs = (
        PackInfo(id="qinghai/huzhu-2024", title="互助县2024年法治政府建设工作要点", path="rules/qinghai/huzhu-2024.yaml",
                 source=SOURCE, issued="2024-04-15"),
        PackInfo(id="national/parts", title="法治政府建设年度报告内容要求", path="rules/national/parts.yaml",
                 source="法治政府建设与责任落实督察工作规定"),
    )
    return Audit(document=doc, outline=_outline(), facts=Facts(by_indicator={}, quantities=_quantities()),
                 packs=packs, findings=tuple(findings), score=72.5, score_before_waivers=68.0,
                 expired_waivers=(expired,), meta={"generated": "2025-04-01"})

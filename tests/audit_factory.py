"""Audits for the output tests, made by the real pipeline: a seed report (traditional characters, 船營區)
with hostile strings written into its text and its rules, a tailored target, an active and an expired
waiver. Whatever the outputs show is what the pipeline produces; only `alerts` may be added by hand (the
stages that raise them belong to other modules).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from auditor.load import document_from_raw
from auditor.models import Alert, Audit, RawText
from auditor.packs.loader import load_rules, load_waivers
from auditor.pipeline import audit_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reports" / "000_fc5a606910346e4f.txt"
HUZHU = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
TODAY = date(2025, 4, 1)

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel="stylesheet" href="http://example.com/x.css">'
STYLE = "<style>@import url(file:///etc/hosts)</style>"
FORMULA = '=HYPERLINK("http://example.com","点击")'
HOSTILE = (IMG, LINK, STYLE)

# Sentences written into the report's first part: a count below its target, a traditional quote, markup.
TRAD_QUOTE = "全年舉辦法治專題講座1次，較上年減少1次。"
INSERTED = (
    TRAD_QUOTE,
    f"區政府網站公布了重大行政決策風險評估情況。",
    f"組織領導幹部{LINK}旁聽庭審{IMG}活動2次{STYLE}。",
)
PATH = "/data/报告/船營區2023年法治政府建設情況報告.docx"
JURISDICTION = "船營區"

# A pack on top of the Huzhu plan: a tailored target and a rule whose own words are hostile; its scope fits the
# seed (2023), so the pipeline raises no applicability alert and the tests add their own.
PACK = f"""pack: test/hostile
title: '测试规则包 {IMG}'
source: {{document: "测试〔2025〕1号"}}
extends: [qinghai/huzhu-2024]
applies_to: {{year: 2023}}
targets:
  legal_lectures: 至少3次
rules:
  - id: hostile_rule
    kind: count
    name: '领导干部旁听庭审{IMG}'
    aliases: [旁听庭审]
    target: 至少3次
    clause: "99"
    weight: 2
    category: '{FORMULA}'
    advice: '补报旁听庭审次数。{STYLE}'
"""
WAIVERS = f"""waivers:
  - {{rule: law_exams, jurisdiction: {JURISDICTION}, reason: 本区考试由市级统一组织, approver: 区司法局 李某, expires: 2099-12-31}}
  - {{rule: case_file_review, jurisdiction: {JURISDICTION}, reason: 机构改革期间暂缓评查, approver: 区司法局 王某, expires: 2024-06-30}}
"""


def report_text(extra: Iterable[str] = ()) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("(一)")) + 1
    return "\n".join(lines[:at] + ["".join(INSERTED) + "".join(extra)] + lines[at:])


@lru_cache(maxsize=None)
def _inputs(folder: str):
    d = Path(folder)
    (d / "hostile.yaml").write_text(PACK, encoding="utf-8")
    (d / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    return load_rules([str(d / "hostile.yaml")]), load_waivers(str(d / "waivers.yaml"))


def _many_rules(n: int) -> str:
    """n mention rules the seed's wording meets, for long checklists (page breaks)."""
    words = ("法治", "行政", "依法", "政府", "建設", "執法", "學習", "推進")
    return "".join(f"  - {{id: extra_{i}, kind: mention, name: 附加核查项目第{i + 1}项：依法行政制度建设情况, "
                   f"all_of: [{words[i % len(words)]}], category: 附加类别{i % 4 + 1}, clause: '{i % 30 + 1}'}}\n"
                   for i in range(n))


def make_audit(hostile: bool = True, many: int = 0, alerts: tuple[Alert, ...] = (),
               workdir: str | None = None) -> Audit:
    """The pipeline's audit of the seed with the inserted sentences, the hostile pack and the waivers.
    `hostile=False` audits the plain seed against the Huzhu plan; `many` adds that many met rules."""
    import tempfile

    folder = workdir or tempfile.mkdtemp(prefix="audit-factory-")
    packs = [str(Path(folder) / "hostile.yaml")] if hostile else [str(HUZHU)]
    ruleset, waivers = _inputs(folder) if hostile else (None, ())
    text = report_text() if hostile else SEED.read_text(encoding="utf-8")
    if many:
        p = Path(folder) / f"many-{many}.yaml"
        p.write_text(f"pack: test/many\ntitle: 附加规则\nrules:\n{_many_rules(many)}", encoding="utf-8")
        packs.append(str(p))
    if many or not hostile:
        ruleset = load_rules(packs)
    doc = document_from_raw(PATH, RawText(text=text, format="docx"))
    audit = audit_document(doc, ruleset, waivers, TODAY)
    return replace(audit, alerts=audit.alerts + tuple(alerts), meta={**audit.meta, "generated": TODAY.isoformat()})


ERROR_ALERT = Alert("wrong_year", "规则包适用于2024年度，本报告为2023年度<b>报告</b>", "error")
WARNING_ALERT = Alert("national_only", "未指定工作要点规则包，仅按全国通用要求审核", "warning")

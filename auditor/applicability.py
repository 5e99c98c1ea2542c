"""applicability: is this the right pack for this document, and is the document an annual report at all?

Each pack's `applies_to` (year, levels, jurisdictions) is held against what identify found. A mismatch is an
error Alert (page 1 of the PDF, first in the terminal, JSON `alerts`, a batch column; exit code 1 unless
--fail-on never); what cannot be confirmed (the year or the place not found in the report) is a warning.
Auditing with the national packs only is a warning: their requirements hold everywhere, so the score is not
wrong, but it is not the local work plan's either.
"""
from __future__ import annotations

from typing import Optional

from . import gazetteer as gz
from .dockind import outcome
from .errors import InputError
from .identify import short_name
from .issuer import parse
from .models import DOCUMENT_KIND_LABELS, LEVEL_LABELS, Alert, Document
from .packs.model import AppliesTo, Pack, RuleSet

NATIONAL_PREFIX = "national/"
NATIONAL_ONLY = "未指定工作要点规则包，仅按全国通用要求审核"


class NotAReportError(InputError):
    """The document is a work plan, scoring system or other text, not an annual report."""


def refuse_if_not_report(doc: Document, as_report: bool = False) -> tuple[Alert, ...]:
    """Raise NotAReportError for a document that is not an annual report; with `as_report`, an error alert. A
    document whose kind is uncertain (mixed evidence) is audited, with a warning naming the signs."""
    done = outcome(doc.kind, doc.kind_certain)
    if done == "report":
        return ()
    what = DOCUMENT_KIND_LABELS.get(doc.kind, doc.kind)
    title = f"（{doc.title}）" if doc.title else ""
    signs = f"。判断依据：{'；'.join(doc.kind_signs)}" if doc.kind_signs else ""
    if done == "uncertain":
        return (Alert("kind_uncertain", f"这份文件可能是{what}{title}，不是法治政府建设年度报告；"
                                        f"已按年度报告审核，请确认文件无误{signs}", severity="warning"),)
    if not as_report:
        raise NotAReportError(f"这份文件看起来是{what}{title}，不是法治政府建设年度报告，不按年度报告审核{signs}", doc.path,
                              hint="工作要点请用 auditor rules draft 起草规则包；如确认是年度报告，请加 --as-report 强制审核")
    return (Alert("not_a_report", f"这份文件看起来是{what}{title}，不是法治政府建设年度报告；"
                                  f"已按要求强制按年度报告审核，得分不反映年度报告的完成情况{signs}"),)


def _levels(levels) -> str:
    return "、".join(LEVEL_LABELS.get(x, x) for x in levels)


def _whose(doc: Document) -> str:
    """船營區（吉林省吉林市船营区）: the name as written, and where the gazetteer puts it."""
    chain = "".join(x for x in dict.fromkeys((doc.province, doc.prefecture, doc.county)) if x)
    name = doc.jurisdiction or ""
    if chain and not chain.endswith(short_name(name) or "\0") and not chain.endswith(name or "\0"):
        return f"{name}（{chain}）" if name else chain
    return chain or name


def _in_parens(doc: Document) -> str:
    """（船營區（吉林省吉林市船营区））, or nothing when the place is unknown: never "（（未识别））"."""
    whose = _whose(doc)
    return f"（{whose}）" if whose else ""


def _pack_division(name: str) -> tuple[gz.Division, ...]:
    """The divisions a pack's jurisdiction name means: 互助县, 青海省海东市互助土族自治县."""
    parsed = parse(short_name(name))
    last: tuple[gz.Division, ...] = ()
    for u in parsed.units:
        if u.kind != "division":
            return ()  # a zone or township: compared by name
        inside = tuple(c for c in u.candidates if not last or any(p in gz.ancestors(c) for p in last))
        last = inside or u.candidates
    return last if parsed.units and parsed.end == len(short_name(name)) else ()


def _doc_divisions(doc: Document) -> tuple[gz.Division, ...]:
    if doc.division_code and (d := gz.division(doc.division_code)):
        return (d,)
    if not doc.jurisdiction:
        return ()
    return tuple(c for u in parse(short_name(doc.jurisdiction), doc.year).units if u.kind == "division"
                 for c in u.candidates)


def within(doc: Document, names) -> Optional[bool]:
    """True: the document's issuer lies in one of the named places; False: it plainly does not; None: unknown."""
    mine = _doc_divisions(doc)
    written = short_name(doc.jurisdiction or "")
    undecided = False
    for name in names:
        places = _pack_division(name)
        if not places:  # not in the table (a 新区): by name
            if written and short_name(name) in written:
                return True
            undecided = undecided or not written
            continue
        if not mine:
            undecided = True
        elif any(p in gz.ancestors(d) for p in places for d in mine):
            return True
    return None if undecided else False


def _one_pack(doc: Document, pack: Pack) -> list[Alert]:
    a: AppliesTo = pack.applies_to
    out: list[Alert] = []
    title = f"“{pack.title or pack.id}”"
    if a.year:
        if doc.year is None:
            out.append(Alert("year_unknown", f"未能识别报告所涵盖的年度，无法确认规则包{title}（适用于{a.year}年度报告）"
                                             "是否适用", "warning"))
        elif doc.year != a.year:
            out.append(Alert("wrong_year", f"报告涵盖{doc.year}年度，而规则包{title}适用于{a.year}年度报告：年度不符，"
                                           f"请改用{doc.year}年度的工作要点规则包"))
    if a.levels:
        if doc.level is None:
            out.append(Alert("level_unknown", f"未能识别报告的层级，无法确认规则包{title}（适用于{_levels(a.levels)}）"
                                              "是否适用", "warning"))
        elif doc.level not in a.levels:
            out.append(Alert("wrong_level", f"报告为{LEVEL_LABELS.get(doc.level, doc.level)}{_in_parens(doc)}，"
                                            f"而规则包{title}适用于{_levels(a.levels)}：层级不符"))
    if a.jurisdictions:
        places = "、".join(a.jurisdictions)
        verdict = within(doc, a.jurisdictions)
        if verdict is False:
            out.append(Alert("other_jurisdiction", f"报告属于{_whose(doc)}，而规则包{title}只适用于{places}："
                                                   "这是其他地区的规则包"))
        elif verdict is None:
            out.append(Alert("jurisdiction_unknown", f"未能确认报告所属地区{_in_parens(doc)}是否在规则包{title}的适用范围"
                                                     f"（{places}）内", "warning"))
    return out


def pack_alerts(doc: Document, ruleset: RuleSet) -> tuple[Alert, ...]:
    """Alerts for a pack that does not fit the document, and for an audit against the national packs only.
    The scope is the most specific pack's that states one (a pack tailoring another for its own county
    replaces the scope it extends), as RuleSet.applies_to has it."""
    out: list[Alert] = []
    if all(p.id.startswith(NATIONAL_PREFIX) for p in ruleset.packs):
        out.append(Alert("national_only", NATIONAL_ONLY, "warning"))
    scoped = [p for p in ruleset.packs if p.applies_to != AppliesTo()]
    if scoped:
        out.extend(_one_pack(doc, scoped[-1]))
    return tuple(out)

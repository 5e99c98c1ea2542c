"""The drafter: a work plan Document -> a draft pack (rules and its YAML text), sentence by sentence."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...errors import InputError, RulePackError
from ...models import Document
from ...packs.loader import SCHEMA_PATH
from .duties import duties
from .known import load_known
from .numeric import numeric_targets
from .plan import document_meta, looks_like_annual_report, plan_sentences
from .rules import Draft, DraftRule
from .samples import generate_examples
from .scoring import deductions
from .years import YearPack, resolve_years, year_packs
from .yaml_out import comment_lines, pack_yaml

EXTENDS = ("national/annual-report", "national/profile")
PACK_ID = re.compile(r"[a-z0-9][a-z0-9_./-]*")
NUMERIC_KINDS = ("metric", "count")


@dataclass
class DraftResult:
    text: str
    rules: list[DraftRule]
    warnings: list[str]
    meta: dict
    year_packs: list[YearPack] = field(default_factory=list)  # later years' targets of a multi-year plan
    scoring: bool = False  # a scoring table: weights are its points

    @property
    def numeric(self) -> list[DraftRule]:
        return [r for r in self.rules if r.kind in NUMERIC_KINDS and r.target is not None]


def default_pack_id(output: Optional[Path], meta: dict) -> str:
    """The id from the output's place under a rules/ folder (rules/qinghai/huzhu-2025.yaml -> qinghai/huzhu-2025)."""
    if output is not None:
        parts = output.resolve().with_suffix("").parts
        if "rules" in parts:
            cand = "/".join(parts[len(parts) - parts[::-1].index("rules"):])
        else:
            cand = output.stem
        cand = cand.lower()
        if PACK_ID.fullmatch(cand):
            return cand
    return f"draft-{meta['year']}" if meta.get("year") else "draft"


SCORING_NOTE = ("这是考核指标体系（评分细则）：各项的分值已写入对应规则的 weight，扣分办法写在 description 中，"
                "都不作为目标；请核对分值和目标。")


def _header(meta: dict, n: int, schema_ref: str, notes: list[str]) -> list[str]:
    out = [f"# yaml-language-server: $schema={schema_ref}",
           f"# 由 auditor rules draft 从《{meta['plan_title']}》自动起草，共 {n} 条规则。",
           "# 审核：逐条对照规则上方注释中的原文，核对引用的指标目录（indicator）或名称、说法（aliases），",
           "# 以及目标（target）和条款号（clause）；",
           "# 删除不需要的规则，补充遗漏的；把自动生成的例句换成报告中的真实说法；",
           "# 运行 auditor rules test 和 auditor rules check，全部核对后把 draft 改为 false。"]
    for note in notes:
        out += comment_lines(note, "")
    return out


def _draft_rules(d: Draft, doc: Document, start: int) -> None:
    """Every sentence of every item, then the item's scoring sentences on the rules it gave."""
    block, made_from, scoring = None, 0, []
    for s in plan_sentences(doc, start):
        if s.block is not block:
            if block is not None:
                deductions(d.rules[made_from:], scoring)
            block, made_from, scoring = s.block, len(d.rules), []
        duties(d, s, numeric_targets(d, s))
        scoring.append(s.original)
    deductions(d.rules[made_from:], scoring)


def _where(r: DraftRule) -> str:
    return f"第{r.clause}项" if r.clause and r.clause.isdigit() else (r.clause or "原文")


def draft_pack(doc: Document, output: Optional[Path] = None, pack_id: Optional[str] = None) -> DraftResult:
    """Draft a pack from a work plan. `output` decides the $schema path, the pack id and which packs are known."""
    meta = document_meta(doc)
    if pack_id is not None and not PACK_ID.fullmatch(pack_id):
        raise RulePackError(f"规则包标识“{pack_id}”格式不对", key="pack",
                            hint="只能用小写英文字母、数字和 - _ / .，如 qinghai/huzhu-2025")
    meta["pack"] = pack_id or default_pack_id(output, meta)
    meta["extends"] = EXTENDS
    d = Draft(load_known(output))
    if looks_like_annual_report(doc):
        d.warnings.append("这份文件看起来是年度报告，不是工作要点：从中起草的“目标”可能是报告写出的实际数值，请核对来源文件")
    _draft_rules(d, doc, meta["plan_start"])
    d.rules.sort(key=lambda r: r.pos)
    if not d.rules:
        raise InputError("没有找到量化目标（如 不低于90%、至少2次）或工作要求（如 …制度、…目录向社会公开），未起草规则包",
                         doc.path, hint="请确认文件是工作要点、实施方案或考核细则")
    if not any(r.goal is not None or r.kind in NUMERIC_KINDS for r in d.rules):
        d.warnings.append("没有找到量化目标（如 不低于90%、至少2次），只起草了工作要求；请确认文件是工作要点或实施方案")
    by_id = {r.id: r for r in d.rules}
    for r in d.rules:
        if not r.examples and not r.indicator:  # a catalog indicator's own examples apply
            r.examples = generate_examples(r, by_id, d.known)
    later = resolve_years(d.rules, meta.get("year"), d.warnings)
    scoring = doc.kind == "scoring_system" or any(r.scored for r in d.rules)
    if scoring:
        d.warnings.append("这是考核指标体系：各项分值已写入 weight，扣分办法写入 description，都不作为目标")
    base = output.resolve().parent if output is not None else Path.cwd()
    ref = Path(os.path.relpath(SCHEMA_PATH, base)).as_posix()
    text = pack_yaml(meta, d.rules, _header(meta, len(d.rules), ref, [SCORING_NOTE] if scoring else []), _where)
    return DraftResult(text=text, rules=d.rules, warnings=d.warnings, meta=meta,
                       year_packs=year_packs(meta, later, output), scoring=scoring)

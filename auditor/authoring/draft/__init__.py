"""`auditor rules draft`: a work plan (工作要点) -> a draft rule pack, for a person to review.

plan.py (the plan's structure and metadata) -> numeric.py (targets -> metric/count rules) and duties.py (duties ->
mention rules), both using phrases.py (names of things) and known.py (the catalog indicator or reviewed rule a
plan's wording is, read as the reading core reads a report) ->
samples.py (an example per rule) -> yaml_out.py (the YAML, with the source sentence above each rule).
names.py says what each target is set for, scoring.py reads points and deductions of scoring tables, years.py
makes the year packs of a multi-year plan; drafter.py drives them; save.py writes the result and checks it;
gold.py scores a draft against labelled plans (bench/drafting.py).
"""
from .drafter import DraftResult, default_pack_id, draft_pack
from .rules import DraftRule
from .save import Saved, save_draft

__all__ = ["DraftResult", "DraftRule", "Saved", "default_pack_id", "draft_pack", "save_draft"]

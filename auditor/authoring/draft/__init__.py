"""`auditor rules draft`: a work plan (工作要点) -> a draft rule pack, for a person to review.

plan.py (the plan's structure and metadata) -> numeric.py (targets -> metric/count rules) and duties.py (duties ->
mention rules), both using phrases.py (names of things) and known.py (rules the reviewed packs know) ->
samples.py (an example per rule) -> yaml_out.py (the YAML, with the source sentence above each rule).
drafter.py drives them; save.py writes the result and checks it.
"""
from .drafter import DraftResult, default_pack_id, draft_pack
from .rules import DraftRule
from .save import save_draft

__all__ = ["DraftResult", "DraftRule", "default_pack_id", "draft_pack", "save_draft"]

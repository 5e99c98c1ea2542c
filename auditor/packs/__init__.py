"""Rule packs: reading (source), schema, the one validator (validate), references (refs), loading with extends,
targets and disable (loader), waivers, and the Rule/Pack/RuleSet model."""
from .loader import (BUNDLED_RULES, DEFAULT_PACKS, PROFILE_PACK, Assembly, RulePackErrors, assemble, did_you_mean,
                     load_rules, read_pack)
from .model import AppliesTo, Pack, Rule, RuleSet
from .schema import SCHEMA_PATH, WAIVER_SCHEMA_PATH
from .source import line_of
from .waivers import check_waivers, load_waivers

__all__ = ["BUNDLED_RULES", "DEFAULT_PACKS", "PROFILE_PACK", "SCHEMA_PATH", "WAIVER_SCHEMA_PATH", "AppliesTo",
           "Assembly", "Pack", "Rule", "RulePackErrors", "RuleSet", "assemble", "check_waivers", "did_you_mean",
           "line_of", "load_rules", "load_waivers", "read_pack"]

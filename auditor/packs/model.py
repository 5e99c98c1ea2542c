"""The rule-pack model: Rule, Pack and RuleSet, frozen; built by the loader, read by extraction and evaluation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..models import PackInfo, Target


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    name: str
    pack: str
    path: str
    line: int = 0
    source: str = ""
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    target: Optional[Target] = None
    unit: Optional[str] = None
    units: tuple[str, ...] = ()
    clause: Optional[str] = None
    weight: float = 1.0
    informational: bool = False
    advice: str = ""
    category: str = ""
    description: str = ""
    part: Optional[str] = None
    partial_aliases: tuple[str, ...] = ()
    all_of: tuple[tuple[str, ...], ...] = ()
    any_of: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    derive: Optional[dict] = field(default=None, hash=False, compare=False)
    review_if: Optional[dict] = field(default=None, hash=False, compare=False)
    zero_when: tuple[str, ...] = ()
    check: Optional[str] = None
    deadline: Optional[str] = None
    examples: tuple = field(default=(), hash=False, compare=False)
    tailored: bool = False
    original_target: Optional[str] = None
    indicator: Optional[str] = None  # the catalog indicator this rule checks
    terms: tuple[tuple[str, ...], ...] = ()  # order-free key terms, the last group the head word
    doubtful: tuple[str, ...] = ()  # near forms: taken, with review
    doubtful_note: str = ""
    doubtful_not_with: tuple[str, ...] = ()  # a near form is not taken near these, nor bare in a point naming them
    doubtful_about: tuple[str, ...] = ()  # a near form is taken only where its sentence or point names one of these
    audiences: tuple[str, ...] = ()  # who a count may be for instead (the public, pupils): review
    audience_note: str = ""
    full_when: tuple[str, ...] = ()  # words for 100% (无一起…不出庭): derived, with review
    rate_with: tuple[str, ...] = ()  # the act whose rate is written beside it (负责人100%出庭应诉), read only with one
    exclude_reasons: dict = field(default_factory=dict, hash=False, compare=False)  # phrase -> why it is not this


@dataclass(frozen=True)
class AppliesTo:
    """Which reports a pack is written for. Enforced by the applicability step (identify/pipeline), not here."""

    year: Optional[int] = None
    levels: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    path: str
    data: dict = field(hash=False, compare=False)
    extends: tuple[str, ...] = ()
    source: str = ""
    issued: Optional[str] = None
    draft: bool = False
    applies_to: AppliesTo = AppliesTo()

    @property
    def applies_year(self) -> Optional[int]:
        return self.applies_to.year

    def info(self) -> PackInfo:
        return PackInfo(self.id, self.title, self.path, self.source, self.issued, self.draft)


@dataclass(frozen=True)
class RuleSet:
    packs: tuple[Pack, ...]
    rules: tuple[Rule, ...]
    disabled: tuple[str, ...] = ()

    def get(self, rule_id: str) -> Optional[Rule]:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    @property
    def applies_to(self) -> AppliesTo:
        """The scope of the most specific pack that states one (the last loaded with an applies_to)."""
        for p in reversed(self.packs):
            if p.applies_to != AppliesTo():
                return p.applies_to
        return AppliesTo()

    @property
    def applies_year(self) -> Optional[int]:
        for p in reversed(self.packs):
            if p.applies_to.year:
                return p.applies_to.year
        return None

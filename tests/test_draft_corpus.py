"""The real plans of the dev set (bench/corpus, gold/plans.yaml): every target a careful reader takes literally is
recovered with its op, value and unit, and every draft passes `rules check` once reviewed (draft: false)."""
from pathlib import Path

import pytest
import yaml

from auditor.authoring.draft import draft_pack
from auditor.authoring.draft.gold import score_plan
from auditor.authoring.draft.save import draft_files
from auditor.authoring.tools import validate
from auditor.errors import InputError
from auditor.load import load_document

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"
GOLD = yaml.safe_load((CORPUS / "gold" / "plans.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def drafts():
    out = {}
    for plan in GOLD:
        try:
            out[plan] = draft_pack(load_document(CORPUS / "corpus" / plan))
        except InputError:  # nothing to draft (an exam notice): right only when the plan sets no literal target
            out[plan] = None
    return out


def _literal(plan: str) -> list:
    return [e for e in GOLD[plan] if e.get("expect") not in ("none", "review")]


# Open classes, missed on purpose until a grammar reads them without false targets: a share written before the
# verbs it measures (重大决策要百分之百听证、民调) and one after a modal with no rate named (答复要百分之百)
KNOWN_MISSES = {"q023.txt": {"重大决策听证", "重大决策民调", "政府信息依申请公开和答复"}}


@pytest.mark.parametrize("plan", sorted(GOLD))
def test_every_literal_target_is_recovered(plan, drafts):
    if drafts[plan] is None:
        assert not _literal(plan), f"{plan}: refused, but its gold sets targets"
        return
    s = score_plan(plan, GOLD[plan], drafts[plan])
    assert not s.wrong and not s.false, (s.wrong, s.false)
    assert {e["phrase"] for e in s.missed} == KNOWN_MISSES.get(plan, set()), s.missed
    assert len(s.recovered) == s.gold - len(KNOWN_MISSES.get(plan, ()))


@pytest.mark.parametrize("plan", sorted(GOLD))
def test_every_draft_passes_its_check_once_reviewed(plan, drafts, tmp_path):
    if drafts[plan] is None:
        assert not _literal(plan), f"{plan}: refused, but its gold sets targets"
        return
    out = tmp_path / f"{Path(plan).stem}.yaml"
    for path, text in draft_files(drafts[plan], out):
        path.write_text(text.replace("draft: true", "draft: false", 1), encoding="utf-8")
    result = validate([out])
    assert result.ok, "\n".join(map(str, result.problems))

"""attribution: which figure near a phrase belongs to it — a rate stated after its name, a count beside an event,
a numerator and denominator that imply a rate.

Every function looks at a bounded window around one hit, so its cost does not grow with the sentence.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .models import Quantity
from .text import Text

_CHANGE = re.compile(r"提高|提升|增长|上升|下降|降低|增加|减少|增幅|降幅|同比|环比|较上年|比上年")
_SHARE = re.compile(r"[ \t]{0,2}[,，]?[ \t]{0,2}(?:占|占比|比例为|比率为)[^,;。]{0,14}?[0-9]{1,6}(?:\.[0-9]{1,4})?%")
_NEXT_LEVEL = re.compile(r"[ \t]{0,2}(?:达到|达|为|至|到|是)[ \t]{0,2}[0-9]{1,6}(?:\.[0-9]{1,4})?[ \t]?%")
_MOVED_TO = re.compile(r"[^,;。]{0,10}?(?:提升|提高|上升|增长|增加|下降|降低|减少)(?:至|到)")
_LIST_SEP = re.compile(r"[、和及与]")
_NEGATION = re.compile(r"(未|没有|尚未|缺乏|无)$")
RATE_WINDOW = 160  # characters after a rate's name where its value may stand (分别为 lists included)
COUNT_AFTER = 12
COUNT_BEFORE = 10


def rate_after(t: Text, hs: int, he: int) -> tuple[Optional[Quantity], str]:
    """The percentage a rate's name at [hs, he) states, within its clause; (None, "change") when only a change is."""
    text = t.text
    cs, ce = t.clause(hs)
    end = min(ce, he + RATE_WINDOW)
    cands = [q for q in t.quantities_in(he, end, limit=12) if q.unit == "%"]
    if not cands:
        # "出庭应诉率同比上升5个百分点，达到98%": the level follows the change, in the next clause
        changed = _CHANGE.search(text, he, end)
        if changed and ce < len(text) and text[ce] in ",;":
            nxt = _NEXT_LEVEL.match(text, ce + 1)
            if nxt:
                q = next((q for q in t.quantities_in(nxt.start(), nxt.end() + 1) if q.unit == "%"), None)
                if q is not None and not q.target:
                    return q, ""
        return None, "change" if changed else ""
    resp = text.find("分别", he, cands[0].start)
    if resp >= 0:
        items = [m.start() for m in _LIST_SEP.finditer(text, max(cs, hs - RATE_WINDOW), resp)]
        idx = bisect.bisect_right(items, hs)
        after = [q for q in cands if q.start > resp]
        return (after[idx], "") if idx < len(after) else (None, "")
    q = next((c for c in cands if not c.target), None)
    if q is None:
        return None, ""
    between = text[he:q.start]
    if len(between) > 25:
        return None, ""
    if _CHANGE.search(between) and not re.search(r"(至|到)\s*$", between):
        return None, "change"
    # "从2022年的85%提升至97%": the level is where it went, not where it came from
    moved = _MOVED_TO.match(text, q.end, ce)
    if moved:
        later = next((c for c in cands if c.start >= moved.end() - 1 and c.start > q.start), None)
        if later is not None:
            return later, ""
    if "率" in between or "比例" in between:
        # another rate noun in between: fine only as a list sharing one value ("出庭应诉率、胜诉率均为100%")
        if not _LIST_SEP.search(between.split("率")[0] + "率"):
            return None, ""
    return q, ""


def labelled_count(t: Text, hs: int, he: int, units: tuple[str, ...]) -> Optional[Quantity]:
    """A count written right after a label: "化解527件", "复议后提起诉讼的6件"."""
    _, ce = t.clause(hs)
    for q in t.quantities_in(he, min(ce, he + 20), limit=1):
        between = t.text[he:q.start]
        if len(between) <= 8 and not re.search(r"[0-9%]", between) and q.unit in units:
            return q
    return None


def share_after(t: Text, pos: int, end: int) -> Optional[Quantity]:
    """"11件，占审结案件的22.4%": the rate a count is said to be of its base, right after it."""
    share = _SHARE.match(t.text, pos, end)
    if not share:
        return None
    return next((q for q in t.quantities_in(share.start(), share.end() + 1) if q.unit == "%"), None)


def count_near(t: Text, hs: int, he: int, units: tuple[str, ...]) -> tuple[Optional[Quantity], bool]:
    """The count of an event named at [hs, he): just after ("讲座3次") or just before ("3次讲座").

    Returns (quantity, shared): shared when the figure counts a list of activities ("讲座、咨询等40余场").
    """
    text = t.text
    cs, ce = t.clause(hs)
    after = [q for q in t.quantities_in(he, min(ce, he + COUNT_AFTER + 8), limit=3) if not q.target]
    if after and after[0].unit in units:
        between = text[he:after[0].start]
        if len(between) <= COUNT_AFTER and not re.search(r"[0-9]", between):
            return after[0], bool(re.search(r"[、等]", between))
    before = [q for q in t.quantities_before(max(cs, hs - COUNT_BEFORE - 8), hs, limit=3) if not q.target]
    if before and before[-1].unit in units:
        between = text[before[-1].end:hs]
        if len(between) <= COUNT_BEFORE and not re.search(r"[0-9、,]", between):
            tail = text[he:min(ce, he + 8)]
            return before[-1], bool(re.match(r"^[^,;。]{0,6}?[、等]", tail))
    return None, False


def negated(t: Text, start: int, hs: int) -> bool:
    """未/没有/尚未/缺乏/无 right before the phrase: "未开展案卷评查"."""
    return bool(_NEGATION.search(t.text[max(start, hs - 3):hs]))

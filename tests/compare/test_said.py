"""said.py: the text outside the plan, searched by character pairs."""
from __future__ import annotations

from auditor.compare.said import SENTENCE_MAX, Said, pairs, said_of


def test_pairs():
    assert pairs(["执法平台", "平台"]) == ["执法", "法平", "平台"] and pairs(["讲"]) == []


def test_a_phrase_found_whole_and_in_part():
    s = Said.from_sentences([("achievements", "完成规范性文件集中清理。"), ("achievements", "开展规范性文件专项清理。"),
                             ("shortcomings", "全年办理复议案件23件。")])
    got = {s.statement(span).quote: round(share, 2) for span, share in s.sentences_with(["规范性文件集中清理"]).items()}
    assert got["完成规范性文件集中清理"] == 1.0 and 0.5 <= got["开展规范性文件专项清理"] < 0.85
    assert s.sentences_with(["规范性文件集中清理"], least=0.9).keys() == {
        span for span, v in s.sentences_with(["规范性文件集中清理"]).items() if v >= 0.9}
    assert s.sentences_with(["法律顾问"]) == {}


def test_plan_spans_are_cut_out_and_kinds_kept():
    text = "标题\n一、成效\n举办讲座2次。\n二、2025年安排\n举办讲座3次。\n三、不足\n力量薄弱。\n"
    a, b = text.index("二、"), text.index("三、")
    parts = [(0, text.index("一、"), "preamble"), (text.index("一、"), a, "achievements"), (a, b, "next_year"),
             (b, len(text), "shortcomings")]
    s = said_of(text, text, [(a, b)], parts)
    assert "3次" not in s.text and "2次" in s.text and len(s.text) == len(s.original)
    assert s.kind_at(s.text.index("2次")) == "achievements" and s.kind_at(s.text.index("薄弱")) == "shortcomings"


def test_a_run_on_paragraph_is_quoted_around_the_hit():
    long = ",".join(["开展普法宣传活动"] * 60) + ",建成法治文化公园," + ",".join(["组织法律培训"] * 60) + "。"
    s = Said(long, long)  # folded text: half-width commas
    found = s.sentences_with(["法治文化公园"])
    span = max(found, key=found.get)
    assert found[span] == 1.0 and span[1] - span[0] <= SENTENCE_MAX


def test_a_stored_digest_that_is_damaged_reads_as_nothing():
    assert Said.from_dict(None).text == "" and Said.from_dict({"text": 3}).text == ""
    s = Said.from_dict({"text": "甲乙丙", "original": "甲乙", "parts": [[0, "achievements"], ["x", 1]]})
    assert s.original == "甲乙丙" and s.parts == ((0, "achievements"),)


def test_each_sentence_with_enough_of_the_pairs_whatever_is_missing():
    # against every sentence read in full: a term whose pairs are missing, a few or most, anywhere in the text
    import random

    rng = random.Random(7)
    chars = "执法平台建设规范清理"
    for _ in range(300):
        sentences = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 6))]
        s = Said.from_sentences([("achievements", x) for x in sentences])
        terms = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(1, 2))]
        grams = pairs(terms)
        want, at = {}, 0
        for x in sentences:
            share = sum(g in x for g in grams) / len(grams) if grams else 0
            if grams and share >= 0.5:
                want[(at, at + len(x))] = share
            at += len(x) + 1
        assert s.sentences_with(terms, 0.5) == want, (sentences, terms)


def test_any_covering_pairs_give_what_the_rarest_by_count_give():
    # the sentences of any few pairs (_covering) against the rarest by count (_ranked), on texts with run-on
    # sentences, pairs in more than HITS_MAX places, pairs of one character twice (常常), whatever was read before
    import math
    import random

    from auditor.compare.said import HITS_MAX

    rng = random.Random(11)
    chars = "执法平台建设规范清理常"
    covered = ranked = 0
    for _ in range(400):
        sentences = []
        for _ in range(rng.randint(1, 40)):
            size = SENTENCE_MAX + rng.randint(-5, 40) if rng.random() < 0.02 else rng.randint(1, 12)
            sentences.append("".join(rng.choice(chars[:rng.randint(2, len(chars))]) for _ in range(size)))
        marks = "。!?;\n"
        text = "".join(x + rng.choice(marks) for x in sentences)
        terms = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 7))) for _ in range(rng.randint(1, 3))]
        least = rng.choice((0.5, 0.85, 0.3))
        grams = pairs(terms)
        want = Said(text, text)._ranked(grams, math.ceil(least * len(grams)), least)
        s = Said(text, text)
        assert s.sentences_with(terms, least) == want, (text, terms, least)
        assert s.sentences_with(terms, least) == want  # again, with what the first reading kept
        cheap = bool(s._visits) and all(v is not None for v in s._visits.values())
        covered, ranked = covered + cheap, ranked + (not cheap and bool(want))
    assert covered > 150 and ranked > 20  # both ways were taken, with something to find
    assert HITS_MAX < 12 * 40

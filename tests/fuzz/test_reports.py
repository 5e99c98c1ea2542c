"""Fuzzing (slow, bounded): any report bytes or document text ends as an audit or a named
InputError, through the library API and the CLI, in bounded time. bench/fuzz.py runs it long."""
from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from typer.testing import CliRunner

from auditor.cli import app
from auditor.errors import InputError
from auditor.load import document_from_raw
from auditor.models import RawText
from auditor.pipeline import audit_document
from auditor.readers import read_raw
from fuzz.cases import KINDS, make
from helpers import ruleset

pytestmark = pytest.mark.slow
LIMIT = 10.0  # CPU seconds per input: what the input costs, however busy the machine is
# A bounded budget for CI: fixed examples, no shrinking (a failure names its kind and seed at once).
BUDGET = settings(max_examples=30, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def audit_bytes(name: str, data: bytes):
    t = time.process_time()  # LibreOffice runs in a child: bench/fuzz.py counts it, this suite only ours
    try:
        audit_document(document_from_raw(name, read_raw(name, data)), ruleset())
    except InputError as err:
        assert err.message and name in str(err)
    assert time.process_time() - t < LIMIT


@BUDGET
@given(st.binary(max_size=20000))
def test_any_bytes(data):
    audit_bytes("any.txt", data)


@BUDGET
@given(st.sampled_from(sorted(KINDS)), st.integers(0, 2**32))
def test_generated_reports(kind, seed):
    name, data = make(kind, random.Random(seed))
    audit_bytes(name, data)


@BUDGET
@given(st.text(max_size=5000), st.lists(st.integers(0, 6000), max_size=5),
       st.lists(st.tuples(st.integers(0, 6000), st.integers(1, 4)), max_size=5))
def test_any_document_text(text, pages, hints):
    raw = RawText(text=text, format="txt", page_starts=tuple(sorted(pages)), heading_hints=tuple(hints))
    try:
        audit_document(document_from_raw("doc.txt", raw), ruleset())
    except InputError as err:
        assert err.message


@settings(max_examples=12, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(sorted(KINDS)), st.integers(0, 2**32))
def test_through_the_cli(tmp_path, kind, seed):
    name, data = make(kind, random.Random(seed))
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 4), result.output


@pytest.mark.parametrize("one_line", [True, False])
@pytest.mark.parametrize("size", [590_000, 1_990_000])
def test_big_reports_audited_in_bounded_time_or_refused(tmp_path, one_line, size):
    from helpers import SEEDS

    text = next(SEEDS.glob("001*.txt")).read_text(encoding="utf-8")
    unit = text.replace("\n", "") if one_line else text
    path = tmp_path / "big.txt"
    path.write_text((unit * (size // len(unit) + 1))[:size], encoding="utf-8")
    audit_bytes(str(path), path.read_bytes())

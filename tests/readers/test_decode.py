"""Decoding: UTF-8 with a few bad bytes stays UTF-8 (with an alert), UTF-16 only with a BOM or NULs,
legacy Chinese encodings by the share of Chinese in the text, mojibake named as such."""
import pytest

from auditor.errors import InputError
from auditor.load import document_from_raw, load_document
from auditor.readers import read_raw
from auditor.readers.decode import decode, garbled, repair_mojibake
from helpers import SEEDS

SEED = {p.name[:3]: p for p in SEEDS.glob("*.txt")}
TEXT = SEED["001"].read_text(encoding="utf-8")


@pytest.mark.parametrize("extra", [b"\xff", b"\xff\xfe"])  # odd and even length
def test_one_stray_byte_in_utf8_is_utf8_with_a_replacement_and_an_alert(tmp_path, extra):
    data = TEXT.encode("utf-8")
    cut = data.index("全面建设法治政府".encode())
    p = tmp_path / "r.txt"
    p.write_bytes(data[:cut] + extra + data[cut:])
    doc = load_document(p)
    assert doc.encoding == "utf-8" and "全面建设法治政府" in doc.text
    alert = next(a for a in doc.alerts if a.code == "replaced_characters")
    assert alert.severity == "warning" and f"{len(extra)} 处" in alert.message and "第 " in alert.message


def test_truncated_utf8_character_at_the_end(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(TEXT.encode("utf-8")[:-1] + "法".encode()[:2])
    doc = load_document(p)
    assert doc.encoding == "utf-8" and any(a.code == "replaced_characters" for a in doc.alerts)


def test_utf16_is_not_tried_without_nuls():
    data = TEXT.encode("gb18030")
    assert b"\x00" not in data
    assert decode("r.txt", data).encoding == "gb18030"


def test_utf16_without_bom_by_its_nuls():
    assert decode("r.txt", TEXT.encode("utf-16-le")).encoding == "utf-16-le"
    assert decode("r.txt", TEXT.encode("utf-16-be")).encoding == "utf-16-be"


def test_utf16_bom_with_an_odd_length(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(TEXT.encode("utf-16") + b"\x41")
    doc = load_document(p)
    assert "全面建设法治政府" in doc.text and any(a.code == "replaced_characters" for a in doc.alerts)


def test_utf16_bom_alone_or_with_one_byte(tmp_path):
    for data in (b"\xff\xfe", b"\xff\xfe\x41", b"\xfe\xff\x00"):
        p = tmp_path / "r.txt"
        p.write_bytes(data)
        with pytest.raises(InputError):
            load_document(p)


def test_big5_with_characters_only_the_whatwg_table_has():
    # 碁 裏 銹 ╔ are Big5 (ETEN) in the WHATWG table and in cp950, not in Python's strict big5.
    text = "臺北市政府法治政府建設情況報告。裏面碁盤銹蝕╔══╗" + "依法行政，建設法治政府。" * 40
    data = text.encode("cp950")
    with pytest.raises(UnicodeDecodeError):
        data.decode("big5")
    got = decode("r.txt", data)
    assert got.text == text and not got.alerts


def test_big5_with_a_byte_no_table_maps_decodes_with_a_replacement():
    data = ("臺北市依法行政，建設法治政府。" * 60).encode("big5hkscs")
    bad = data[:200] + b"\x80" + data[200:]
    got = decode("r.txt", bad)
    assert "建設法治政府" in got.text and got.alerts and got.alerts[0].code == "replaced_characters"


def test_mojibake_is_called_garbled_not_not_chinese(tmp_path):
    p = tmp_path / "乱码.txt"
    p.write_text(TEXT.encode("gb18030").decode("utf-8", errors="replace"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_document(p)
    assert "乱码" in str(err.value) and "编码" in str(err.value) and "乱码.txt" in str(err.value)


@pytest.mark.parametrize("right", ["utf-8", "gb18030"])
def test_mojibake_saved_again_is_repaired_with_a_warning(tmp_path, right):
    wrong = TEXT.encode(right).decode("latin-1")
    assert garbled(wrong) and repair_mojibake(wrong)[0] == TEXT
    p = tmp_path / "r.txt"
    p.write_text(wrong, encoding="utf-8")
    doc = load_document(p)
    assert "全面建设法治政府" in doc.text and any(a.code == "encoding_repaired" for a in doc.alerts)


def test_binary_is_still_binary():
    import random

    with pytest.raises(InputError) as err:
        read_raw("x.txt", random.Random(1).randbytes(5000))
    assert "二进制" in str(err.value) or "编码" in str(err.value)


def test_replaced_characters_flow_to_the_audit():
    from auditor.models import RawText
    from auditor.pipeline import audit_document
    from helpers import ruleset

    raw = read_raw("r.txt", TEXT.encode("utf-8").replace("全面".encode(), b"\xe5\x85", 1))
    audit = audit_document(document_from_raw("r.txt", raw), ruleset())
    assert any(a.code == "replaced_characters" for a in audit.alerts)
    assert isinstance(raw, RawText)


# ---- fast paths: the same answers as the per-character definitions

from hypothesis import given, settings, strategies as st  # noqa: E402

from auditor.readers import decode as _decode  # noqa: E402

_SPACEY = st.text(st.sampled_from(list(" \t\n\r\x0b\x0c\u3000\u00a0\u2003\x1c法a1,")), max_size=300)


@settings(max_examples=300, deadline=None)
@given(_SPACEY)
def test_visible_count_is_the_isspace_definition(text):
    assert _decode._visible_count(text) == sum(1 for c in text if not c.isspace())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_utf16_by_nuls_unchanged_without_nuls(data):
    if data[:_decode._SAMPLE].count(0) < 8:
        assert _decode._utf16_by_nuls(data) is None


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab法治\ufffd\u00e9")), max_size=300))
def test_utf8_with_bad_bytes_counts_as_before(text):
    data = text.encode("utf-8", "surrogatepass").replace("\ufffd".encode(), b"\xff")
    got = _decode._utf8_with_bad_bytes(data)
    plain = data.decode("utf-8", errors="replace")
    bad = plain.count("\ufffd")
    multibyte = sum(1 for c in plain if ord(c) > 0x7F and c != "\ufffd")
    assert got == (plain if bad and multibyte >= 20 * bad else None)

"""Upload checks: statuses for what cannot be a report, safe names, and zips that try to escape or explode."""
from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from auditor.web.config import MB
from auditor.web.uploads import UploadError, check_report, flat_name, safe_name, unpack_zip

SEED = sorted((Path(__file__).resolve().parents[2] / "seeds" / "reports").glob("*.txt"))[0]
LIMIT = 20 * MB


def status_of(name: str, data: bytes) -> int | None:
    try:
        check_report(name, data, LIMIT)
    except UploadError as exc:
        assert exc.message and exc.path == name
        return exc.status
    return None


@pytest.mark.parametrize("name,data,status", [
    ("报告.txt", SEED.read_bytes(), None),
    ("报告.txt", b"", 400),
    ("报告.txt", b" \n\t ", 400),
    ("报告.txt", bytes(range(256)) * 16, 415),  # binary
    ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 415),  # old Word
    ("报告.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 415),  # old Word renamed
    ("表格.xlsx", b"PK\x03\x04" + b"\0" * 100, 415),
    ("程序.exe", b"MZ" + b"\0" * 100, 415),
    ("报告.txt", b"x" * (LIMIT + 1), 413),
    ("无后缀", SEED.read_bytes(), None),
])
def test_check_report_status(name, data, status):
    assert status_of(name, data) == status


def test_office_formats_go_to_libreoffice_when_there_is_one():
    from auditor.readers.office import soffice

    assert status_of("报告.rtf", b"{\\rtf1\\ansi hello}") == (None if soffice() else 415)


def test_utf16_without_bom_is_text_not_binary():
    assert status_of("报告.txt", SEED.read_text(encoding="utf-8").encode("utf-16-le")) is None


@pytest.mark.parametrize("raw,want", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\张三\\Desktop\\互助县报告.docx", "互助县报告.docx"),
    ("...隐藏.txt", "隐藏.txt"),
    ("a<b>c:d\"e|f?g*.txt", "a_b_c_d_e_f_g_.txt"),
    ("CON.txt", "_CON.txt"),
    ("", "报告"),
    ("..", "报告"),
    ("报告.TXT", "报告.txt"),
])
def test_safe_name(raw, want):
    assert safe_name(raw) == want


def test_safe_name_is_short_enough_for_any_file_system():
    name = safe_name("很" * 200 + ".docx")
    assert name.endswith(".docx") and len(name.encode("utf-8")) <= 150


def make_zip(entries: dict[str, bytes], links: tuple[str, ...] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def unpack(data: bytes, dest: Path, **limits):
    args = {"file_limit": LIMIT, "total_limit": 100 * MB, "max_files": 10, **limits}
    return unpack_zip(data, dest, set(), args["file_limit"], args["total_limit"], args["max_files"])


def test_zip_reports_are_written_flat_and_system_files_ignored(tmp_path):
    data = make_zip({"各县/互助县.txt": b"a", "各县/乐都区.txt": b"b", "__MACOSX/各县/._互助县.txt": b"x",
                     "各县/Thumbs.db": b"x", "各县/~$草稿.docx": b"x"})
    got, ignored = unpack(data, tmp_path)
    assert sorted(n for n, _ in got) == ["各县/乐都区.txt", "各县/互助县.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["各县-乐都区.txt", "各县-互助县.txt"]
    assert len(ignored) == 3


def test_zip_names_from_chinese_windows_are_read_as_gbk(tmp_path):
    """Windows' own zip tool writes GBK names without the UTF-8 flag."""
    gbk = "互助县.txt".encode("gbk")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("a" * len(gbk)), b"a")  # an ASCII placeholder of the same byte length
    data = buf.getvalue().replace(b"a" * len(gbk), gbk)
    got, _ = unpack(data, tmp_path)
    assert [n for n, _ in got] == ["互助县.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["互助县.txt"]


@pytest.mark.parametrize("entries,links,words", [
    ({"../逃逸.txt": b"a", "正常.txt": b"b"}, (), ".."),
    ({"各县/../../逃逸.txt": b"a"}, (), ".."),
    ({"/etc/逃逸.txt": b"a"}, (), "绝对路径"),
    ({"C:/逃逸.txt": b"a"}, (), "绝对路径"),
    ({"正常.txt": b"b"}, ("链接.txt",), "符号链接"),
])
def test_zip_that_escapes_is_refused_whole(tmp_path, entries, links, words):
    with pytest.raises(UploadError) as err:
        unpack(make_zip(entries, links), tmp_path)
    assert err.value.status == 400 and words in err.value.message
    assert not list(tmp_path.iterdir())  # nothing written, not even the good entries


def test_zip_bomb_is_refused(tmp_path):
    with pytest.raises(UploadError) as err:
        unpack(make_zip({"炸弹.txt": b"\0" * (10 * MB)}), tmp_path)
    assert err.value.status == 400 and "压缩炸弹" in err.value.message
    assert not list(tmp_path.iterdir())


def test_zip_limits_are_413(tmp_path):
    with pytest.raises(UploadError) as err:
        unpack(make_zip({"大.txt": b"x" * 2000}), tmp_path, file_limit=1000)
    assert err.value.status == 413
    with pytest.raises(UploadError) as err:
        unpack(make_zip({f"{i}.txt": b"x" for i in range(11)}), tmp_path)
    assert err.value.status == 413
    with pytest.raises(UploadError) as err:
        unpack(make_zip({"1.txt": b"x" * 600, "2.txt": b"x" * 600}), tmp_path, total_limit=1000)
    assert err.value.status == 413


def test_broken_zip_is_400(tmp_path):
    with pytest.raises(UploadError) as err:
        unpack(b"PK\x03\x04 not really a zip", tmp_path)
    assert err.value.status == 400


def test_flat_name_keeps_the_folders_in_one_component():
    assert flat_name("甲/乙/报告.docx") == "甲-乙-报告.docx"
    assert "/" not in flat_name("a\\b/c.txt")

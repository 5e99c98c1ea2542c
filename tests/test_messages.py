"""messages: the operating system's errors in Chinese, never its English."""
import errno

import pytest

from auditor.messages import crash_text, os_error_text, os_reason


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENOSPC,
                                  errno.EROFS, errno.ENAMETOOLONG])
def test_common_file_errors_are_chinese(code):
    reason = os_reason(OSError(code, "English strerror"))
    assert "English" not in reason and any("\u4e00" <= c <= "\u9fff" for c in reason)


def test_an_unknown_errno_names_its_number():
    assert os_reason(OSError(9999, "Weird")) == "系统错误（错误码 9999）"


def test_windows_sharing_violation_says_which_programs():
    e = PermissionError(13, "Permission denied")
    e.winerror = 32
    assert "其他程序" in os_reason(e)


def test_error_text_names_the_file():
    assert os_error_text(FileNotFoundError(errno.ENOENT, "No such file or directory", "报告.docx")) \
        == "报告.docx: 找不到该文件或文件夹"


def test_crash_text_points_at_the_log():
    assert "/tmp/x.log" in crash_text(ValueError("x"), "/tmp/x.log")
    assert "日志" in crash_text(ValueError("x"), None)

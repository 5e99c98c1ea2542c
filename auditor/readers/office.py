"""Office formats read through LibreOffice (headless), converted to .docx first: old Word (.doc),
WPS Writer (.wps), OpenDocument (.odt), RTF. OFD (the national fixed-layout format) is recognised
and named, with what to do.

The conversion runs in a fresh temporary directory (the input under a fixed name chosen from the
sniffed format, never a path the document names) with a timeout, with a LibreOffice profile
private to the process.
"""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Optional

from ..messages import os_reason
from ..errors import InputError
from ..models import RawText

TIMEOUT = 120  # seconds: a first start of LibreOffice with a fresh profile takes a few
_NAMES = {"doc": "旧版 Word（.doc）", "wps": "WPS 文字（.wps）", "odt": "OpenDocument 文本（.odt）", "rtf": "RTF"}
_INSTALL = "本机未安装 LibreOffice，无法自动转换"
_SAVE_AS = "请在 Word 或 WPS 中打开后“另存为” Word 文档（.docx）再审核，或安装 LibreOffice（命令：apt-get install libreoffice-writer-nogui）"


def soffice() -> Optional[str]:
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    for candidate in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                      r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if os.path.exists(candidate):
            return candidate
    return None


_PROFILE: Optional[str] = None
_PROFILE_LOCK = threading.Lock()


def _profile() -> str:
    """A LibreOffice profile private to this process, made on first use and removed at exit: a
    fresh profile costs seconds at every start; one shared between processes would collide."""
    global _PROFILE
    if _PROFILE is None:
        _PROFILE = tempfile.mkdtemp(prefix="auditor-lo-profile-")
        atexit.register(shutil.rmtree, _PROFILE, True)
    return _PROFILE


def convert_to_docx(path: str, data: bytes, kind: str) -> bytes:
    """The document as .docx bytes, converted by LibreOffice; InputError if it cannot be."""
    what = _NAMES[kind]
    exe = soffice()
    if exe is None:
        raise InputError(f"这是{what}文件，{_INSTALL}", path, hint=_SAVE_AS)
    with tempfile.TemporaryDirectory(prefix="auditor-office-") as tmp:
        work = Path(tmp)
        source = work / f"report.{kind}"
        source.write_bytes(data)
        (work / "out").mkdir()
        cmd = [exe, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
               f"-env:UserInstallation={Path(_profile()).as_uri()}",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)]
        env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
        try:
            with _PROFILE_LOCK:  # one LibreOffice at a time per profile
                subprocess.run(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=TIMEOUT, check=False, start_new_session=True)
        except subprocess.TimeoutExpired:
            raise InputError(f"{what}文件转换超时（超过 {TIMEOUT} 秒），文件可能已损坏", path, hint=_SAVE_AS) from None
        except OSError as exc:
            raise InputError(f"这是{what}文件，调用 LibreOffice 转换失败：{os_reason(exc)}", path,
                             hint=_SAVE_AS) from None
        out = work / "out" / "report.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise InputError(f"这是{what}文件，但 LibreOffice 无法转换（文件可能已损坏或已加密）", path, hint=_SAVE_AS)
        return out.read_bytes()


def read_office(path: str, data: bytes, kind: str) -> RawText:
    from dataclasses import replace

    from .docx import read_docx

    raw = read_docx(path, convert_to_docx(path, data, kind))
    return replace(raw, format=kind)


def ofd_error(path: str) -> InputError:
    return InputError("这是 OFD 版式文件（国家版式文档格式），本工具无法直接读取", path,
                      hint="请用数科 OFD 阅读器或 WPS 打开后“另存为/导出为” PDF 或 Word 文档再审核，或向报送单位索取 Word 版本")

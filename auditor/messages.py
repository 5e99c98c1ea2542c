"""Chinese words for what the operating system and the program itself report: file errors by errno (never the
OS's English "No such file or directory"), interruption, and an internal error with the log that records it.
"""
from __future__ import annotations

import errno

_ERRNO = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EACCES: "没有访问权限（文件可能被设为只读，或正被其他程序占用）",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.EEXIST: "已存在同名的文件或文件夹",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "所在磁盘只能读、不能写",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EMFILE: "同时打开的文件过多",
    errno.EIO: "读写磁盘时出错",
    errno.EBUSY: "文件正被占用",
    errno.EINVAL: "文件名或参数无效",
    errno.ELOOP: "符号链接层数过多",
    errno.EFBIG: "文件过大",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.EPIPE: "输出管道已关闭",
}
if hasattr(errno, "EDQUOT"):
    _ERRNO[errno.EDQUOT] = "超出磁盘配额"
_WINERROR = {5: "没有访问权限", 32: "文件正被其他程序（如 Word、WPS、Excel）打开，请先关闭", 33: "文件的一部分被其他程序锁定",
             112: "磁盘空间不足", 123: "文件名、文件夹名或卷标语法不正确", 206: "文件名或路径过长"}

INTERRUPTED = "已中断"


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese."""
    win = getattr(exc, "winerror", None)
    if win in _WINERROR:
        return _WINERROR[win]
    if exc.errno in _ERRNO:
        return _ERRNO[exc.errno]
    return f"系统错误（错误码 {exc.errno}）" if exc.errno else "系统错误"


def os_error_text(exc: OSError) -> str:
    """`file: reason` for an OSError that reached the user."""
    name = exc.filename if exc.filename is not None else ""
    return f"{name}: {os_reason(exc)}" if name != "" else os_reason(exc)


def crash_text(exc: BaseException, log: str | None) -> str:
    """What a user reads when the program itself failed (a bug, not a problem with their files)."""
    text = f"程序内部错误（{type(exc).__name__}），这不是报告或规则文件的问题。"
    if log:
        return text + f"详细信息已写入 {log}，请把该文件发给维护人员。"
    return text + "详细信息无法写入日志文件，已输出在下方，请复制发给维护人员。"

"""Drafting helpers shared by the tests of auditor/authoring/draft/: the seed plan drafted once, a plan as text."""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from typer.testing import CliRunner

from auditor.cli import app
from auditor.load import document_from_raw
from auditor.models import RawText

ROOT = Path(__file__).resolve().parent.parent
WORKPLAN = ROOT / "seeds" / "workplans" / "004_6785f9f2da4cfcb2.txt"
HUZHU = ROOT / "rules" / "qinghai" / "huzhu-2024.yaml"
runner = CliRunner()

OTHER_PLAN = """某某县人民政府办公室关于印发某某县2025年法治政府建设工作要点的通知
某政办〔2025〕7号
各乡镇人民政府，县政府各部门：
现将《某某县2025年法治政府建设工作要点》印发给你们，请认真贯彻落实。
某某县人民政府办公室
2025年3月10日
某某县2025年法治政府建设工作要点
一、提升依法行政能力
（一）强化学法用法。政府常务会议会前学法每年不少于4次，全年开展“法律进乡村”宣讲活动不少于10场。每季度至少召开1次法治政府建设专题会议。
（二）规范文件管理。行政规范性文件备案率达到100%，全面落实行政规范性文件合法性审核机制。
二、严格规范公正文明执法
（一）行政执法案件网上运行率不低于95%。落实行政执法全过程记录制度，各乡镇配备专职法制审核人员。
（二）2025年6月底前，完成行政执法主体资格清理并向社会公布。
三、化解行政争议
（一）行政复议决定履行率达100%，行政应诉案件败诉率控制在5%以内。行政机关负责人出庭应诉率、出庭出声率均不低于95%。
"""


@lru_cache(maxsize=1)
def drafted_huzhu() -> Path:
    """The seed plan drafted through the CLI into a rules/ tree (as a user would), once per test session."""
    out = Path(tempfile.mkdtemp(prefix="draft-")) / "rules" / "qinghai" / "huzhu-2025.yaml"
    r = runner.invoke(app, ["rules", "draft", str(WORKPLAN), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "已写出" in r.output and "draft 改为 false" in r.output
    return out


def plan_doc(text: str, name: str = "要点.txt"):
    return document_from_raw(name, RawText(text=text, format="txt"))

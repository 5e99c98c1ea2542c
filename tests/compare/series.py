"""A three-year series of one county written for these tests: values rising and falling, a part that
disappears, promises kept and broken. Written as .docx, .txt and .html (inputs may mix formats)."""
from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACK = str(HERE / "county.yaml")

Y2022 = """互助土族自治县2022年度法治政府建设情况报告
2022年，互助县坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下。
一、2022年法治政府建设主要举措和成效
（一）行政应诉。全年行政诉讼开庭审理案件20件，行政机关负责人出庭应诉率为85%。
（二）学法用法。县政府常务会议会前学法12次，全年举办法治专题讲座2次。
（三）复议工作。经行政复议后被诉案件败诉率为12%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长带头学法，专题研究法治政府建设工作3次。
三、存在的不足和原因
基层法治工作力量薄弱，究其原因，主要是编制不足。
四、2023年工作安排
（一）力争行政机关负责人出庭应诉率达到95%以上。
（二）举办法治专题讲座3次。
（三）完成行政规范性文件集中清理工作。
（四）建成县级行政执法协调监督平台。
（五）经行政复议后被诉案件败诉率控制在10%以内。
"""

Y2023 = """互助土族自治县2023年度法治政府建设情况报告
2023年，互助县深入学习贯彻习近平法治思想，法治政府建设取得新成效。现将有关情况报告如下。
一、2023年法治政府建设主要举措和成效
（一）行政应诉。全年行政诉讼开庭审理案件25件，行政机关负责人出庭应诉率达到96%。
（二）学法用法。全年举办法治专题讲座2次，组织国家工作人员旁听庭审。
（三）制度建设。完成行政规范性文件集中清理，废止规范性文件5件。
（四）复议工作。经行政复议后被诉案件败诉率为8%。
二、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长带头学法，专题研究法治政府建设工作4次。
三、存在的不足和原因
县级行政执法协调监督平台尚未建成，究其原因，主要是资金不足。
四、2024年工作安排
（一）行政机关负责人出庭应诉率达到100%。
（二）发布行政复议典型案例2批。
（三）编制重大行政决策事项目录并向社会公开。
"""

Y2024 = """互助土族自治县2024年度法治政府建设情况报告
2024年，互助县持续深化法治政府建设。现将有关情况报告如下。
一、2024年法治政府建设主要举措和成效
（一）行政应诉。全年行政诉讼开庭审理案件30件，行政机关负责人出庭应诉率为88%。
（二）学法用法。全年举办法治专题讲座4次。
（三）复议工作。发布行政复议典型案例2批，经行政复议后被诉案件败诉率为5%。
二、存在的不足和原因
部分单位法治意识不强，究其原因，主要是学习不够。
三、2025年工作安排
（一）力争行政机关负责人出庭应诉率达到95%。
"""

TEXTS = {2022: Y2022, 2023: Y2023, 2024: Y2024}


def write_txt(text: str, out: Path) -> Path:
    out.write_text(text, encoding="utf-8")
    return out


def write_docx(text: str, out: Path) -> Path:
    import docx

    d = docx.Document()
    lines = text.strip().split("\n")
    d.add_paragraph(lines[0], style="Title")
    for line in lines[1:]:
        if line[:2] in ("一、", "二、", "三、", "四、"):
            d.add_paragraph(line, style="Heading 1")
        else:
            d.add_paragraph(line)
    d.save(out)
    return out


def write_html(text: str, out: Path) -> Path:
    lines = text.strip().split("\n")
    body = "\n".join(f"<p>{html.escape(x)}</p>" for x in lines[1:])
    out.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title></head>'
                   f'<body><h1>{html.escape(lines[0])}</h1><div class="article">{body}</div></body></html>',
                   encoding="utf-8")
    return out


def write_series(folder: Path, names: dict | None = None) -> dict[int, Path]:
    """2022 as Word, 2023 as text, 2024 as a web page; file names say nothing of the year."""
    names = names or {2022: "甲.docx", 2023: "乙.txt", 2024: "丙.html"}
    writers = {".docx": write_docx, ".txt": write_txt, ".html": write_html}
    folder.mkdir(parents=True, exist_ok=True)
    return {y: writers[Path(n).suffix](TEXTS[y], folder / n) for y, n in names.items()}

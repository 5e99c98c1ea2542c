"""word: the gap report as an editable Word file (.docx), from the same view model as the PDF.

The content and order are the PDF's (view.context): page 1, 一、需整改的问题 with the quotes and the advice,
二、逐项核对清单, the waivers and tailored targets, the outline and the figures. The layout follows GB/T 9704
with the fonts a Chinese office PC has (宋体 title, 仿宋 body, 黑体 level-1, 楷体 level-2 headings), on Word's
own styles (Title, Heading 1, Heading 2, Quote, Table Grid), so the navigation pane, the table of contents and
"apply style" work as an officer expects. Report text goes in as text runs (python-docx escapes it); characters
XML cannot hold are dropped.
"""
from __future__ import annotations

import io
import re
from datetime import date
from typing import Optional

from .vocab import TEXT_COLORS
from .view import context
from ..models import Audit

# GB/T 9704 page: A4, margins in mm; 22 lines of 28 characters at 3号.
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINE_PT = 28.95
SIZES = {"2号": 22, "3号": 16, "4号": 14, "小四": 12}
FONTS = {"title": "宋体", "body": "仿宋", "h1": "黑体", "h2": "楷体", "latin": "Times New Roman"}
# Our paragraph styles: (name, size, exact line pitch).
OWN_STYLES = (("表格文字", SIZES["小四"], 19), ("小四正文", SIZES["小四"], 20), ("四号正文", SIZES["4号"], 22))
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text) -> str:
    return _NOT_XML.sub("", str(text or ""))


def _east_asian(style_or_run, name: str) -> None:
    """Set the East Asian font (w:eastAsia), which python-docx's font.name leaves alone."""
    from docx.oxml.ns import qn

    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _style(doc, name: str, font: str, size: float, bold: bool = False, indent: bool = True,
           align=None, line: Optional[float] = LINE_PT, before: float = 0, after: float = 0) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    st = doc.styles[name]
    st.font.name = FONTS["latin"]
    st.font.size = Pt(size)
    st.font.bold = bold
    st.font.italic = False
    st.font.color.rgb = RGBColor(0, 0, 0)
    _east_asian(st, font)
    pf = st.paragraph_format
    if line:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.first_line_indent = Pt(2 * size) if indent else Pt(0)
    pf.left_indent = Pt(0)
    if align is not None:
        pf.alignment = align


def _setup(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    sec.left_margin, sec.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    sec.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 6)  # the page number 7 mm below the text block
    _style(doc, "Normal", FONTS["body"], SIZES["3号"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Title", FONTS["title"], SIZES["2号"], bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
           line=36, after=0)
    _style(doc, "Subtitle", FONTS["h2"], SIZES["3号"], indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
           after=LINE_PT / 2)
    _style(doc, "Heading 1", FONTS["h1"], SIZES["3号"], before=LINE_PT / 2)
    _style(doc, "Heading 2", FONTS["h2"], SIZES["3号"])
    _style(doc, "Heading 3", FONTS["body"], SIZES["3号"], bold=True)
    _style(doc, "Quote", FONTS["h2"], SIZES["4号"], indent=False, line=22)
    doc.styles["Quote"].paragraph_format.left_indent = Pt(2 * SIZES["3号"])
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.keep_with_next = True
    _style(doc, "Footer", FONTS["title"], SIZES["4号"], indent=False, line=None)
    from docx.enum.style import WD_STYLE_TYPE

    for name, size, line in OWN_STYLES:  # named styles rather than formatting on every run: faster, editable
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]
        _style(doc, name, FONTS["body"], size, indent=False, line=line)
    # justified text stretches a line that ends in a manual break (a cell listing several packs)
    doc.styles["表格文字"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Subtitle", "Quote"):
        border = doc.styles[name].element.find(".//{*}pBdr")  # the default template underlines the title
        if border is not None:
            border.getparent().remove(border)
    _page_numbers(doc, sec)


def _field(paragraph, instr: str) -> None:
    from docx.oxml.ns import qn

    fld = paragraph._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): instr})
    run = fld.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _page_numbers(doc, sec) -> None:
    """"— N —" in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((sec.footer, WD_ALIGN_PARAGRAPH.RIGHT), (sec.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.alignment = align
        pf = p.paragraph_format
        pf.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            pf.right_indent = Pt(SIZES["4号"])
        else:
            pf.left_indent = Pt(SIZES["4号"])
        p.add_run("— ")
        _field(p, "PAGE")
        p.add_run(" —")


class _Writer:
    """Paragraph and table helpers over one python-docx Document."""

    def __init__(self, doc):
        self.doc = doc
        # style ids set directly: python-docx scans every style of the document on each assignment by object
        self.style_ids = {s.name: s.style_id for s in doc.styles if s.type == 1}
        self.style_ids["Normal"] = None

    def para(self, *runs, style: Optional[str] = None, size: Optional[float] = None, indent: bool = True):
        """runs: text, or (text, status or None, bold). `size` (4号, 小四) picks one of OWN_STYLES."""
        from docx.shared import RGBColor

        if size and style is None:
            style = "四号正文" if size == SIZES["4号"] else "小四正文"
        p = self.doc.add_paragraph()
        p._p.style = self.style_ids[style or "Normal"]
        if not indent and not size:
            from docx.shared import Pt

            p.paragraph_format.first_line_indent = Pt(0)
        for r in runs:
            text, status, bold = (r, None, False) if isinstance(r, str) else r
            run = p.add_run(_clean(text))
            if bold:
                run.bold = True
            if status in TEXT_COLORS:
                run.font.color.rgb = RGBColor.from_string(TEXT_COLORS[status].lstrip("#").upper())
        return p

    def heading(self, text: str, level: int, status: Optional[tuple[str, str]] = None):
        p = self.para(text, style=f"Heading {level}")
        if status:
            from docx.shared import RGBColor

            label, st = status
            run = p.add_run("\u3000" + _clean(label).replace(" ", "\u00a0"))
            if st in TEXT_COLORS:
                run.font.color.rgb = RGBColor.from_string(TEXT_COLORS[st].lstrip("#").upper())
        return p

    def table(self, head: list[str], rows: list[list], widths_mm: list[float]):
        """rows: cells as text or (text, status)."""
        from docx.shared import Mm, Pt, RGBColor

        t = self.doc.add_table(rows=1, cols=len(head))
        t.style = self.doc.styles["Table Grid"]
        t.autofit = False
        style = self.style_ids["表格文字"]
        for cells in [head] + rows:
            row = t.rows[0] if cells is head else t.add_row()
            for i, (value, cell) in enumerate(zip(cells, row.cells)):
                text, status = (value, None) if not isinstance(value, tuple) else value
                if cells is head:
                    cell.width = Mm(widths_mm[i])
                p = cell.paragraphs[0]
                p._p.style = style
                run = p.add_run(_clean(text))
                if cells is head:
                    _east_asian(run, FONTS["h1"])
                if status in TEXT_COLORS:
                    run.font.color.rgb = RGBColor.from_string(TEXT_COLORS[status].lstrip("#").upper())
        for i, col in enumerate(t.columns):  # the grid too: LibreOffice lays out by <w:gridCol>
            col.width = Mm(widths_mm[i])
        _repeat_header(t.rows[0])
        return t


def _repeat_header(row) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))


def _cover(w: _Writer, ctx: dict) -> None:
    doc = ctx["doc"]
    w.para("差距审核报告", style="Title")
    w.para(f"《{doc['title']}》" if doc["title"] else doc["short"], style="Subtitle")
    for a in ctx["alerts"]["errors"] + ctx["alerts"]["warnings"]:
        w.para((f"{a['label']}：", None, True), a["message"], size=SIZES["4号"])
    facts = [["报告单位", f"{doc['jurisdiction']}（{doc['level']}）"],
             ["报告年度", doc["year"] + (f"，{doc['published']}发布" if doc["published"] else "")],
             ["文件", doc["file"] + (f"（{doc['format']}，{doc['script']}）" if doc["format"] else "")],
             ["审核依据", "\n".join(f"《{p['title']}》{p['source']}" + (f"（{p['issued']}）" if p["issued"] else "")
                                for p in ctx["packs"]) or "（未加载规则包）"],
             ["审核日期", f"{ctx['generated']}（法治报告审核工具 {ctx['version']}）"]]
    w.table(["项目", "内容"], facts, [28, 128])
    score = f"综合得分 {ctx['score']} 分（满分 100 分）" + (
        f"；不计豁免为 {ctx['score_before']} 分" if ctx["score_differs"] else "") + "。"
    w.para(score)
    w.table([f"{c['symbol']} {c['label']}" for c in ctx["counts"]], [[str(c["n"]) for c in ctx["counts"]]],
            [31.2] * len(ctx["counts"]))
    text = f"共核对 {ctx['total']} 项指标。"
    if ctx["n_gaps"]:
        parts = ([f"整改或补报 {ctx['n_fix']} 项"] if ctx["n_fix"] else []) + (
            [f"人工核实 {ctx['n_review']} 项"] if ctx["n_review"] else [])
        text += f"提交前需处理 {ctx['n_gaps']} 项：" + "，".join(parts) + "。"
    else:
        text += "未发现需要整改的问题。"
    w.para(text)
    w.para("本报告由法治报告审核工具根据规则文件自动生成，供法制机构核对参考；数值与结论以报告原文和规则所依据的文件为准。",
           size=SIZES["小四"])


def _where(ev: dict) -> str:
    where = ev["part"] or ev["part_kind"] or "位置未识别"
    return where + (f"，第 {ev['page']} 页" if ev["page"] else "")


def _gaps(w: _Writer, ctx: dict, no: str) -> None:
    w.heading(f"{no}、需整改的问题（{len(ctx['gaps'])} 项）", 1)
    for g in ctx["gaps"]:
        w.heading(f"（{g['cn_no']}）{g['name']}", 2, status=(f"{g['symbol']}\u00a0{g['label']}", g["status"]))
        meta = f"目标：{g['target'] or '—'}" + ("（本地定制，非规则包原值）" if g["tailored"] else "")
        if g["reported_value"]:
            meta += f"　报告值：{g['value']}"
        meta += f"　依据：{g['clause_full'] or '—'}" + (f"　判定：{g['shown_note']}" if g["shown_note"] else "")
        w.para(meta, size=SIZES["4号"], indent=False)
        for ev in g["evidence"]:
            p = w.para(ev["before"], (ev["figure"], None, True), ev["after"], style="Quote")
            p.runs[1].underline = True
            p.add_run(_clean(f"　〔{_where(ev)}〕"))
        if g["action"]:
            w.para(("整改建议：", None, True), g["action"])


def _checklist(w: _Writer, ctx: dict, no: str) -> None:
    w.heading(f"{no}、逐项核对清单", 1)
    for pack in ctx["checklist"]:
        w.heading((f"《{pack['title']}》" if pack["known"] else pack["title"]) + (f" {pack['source']}" if pack["source"] else ""), 2)
        rows = []
        for cat in pack["categories"]:
            rows.append([f"【{cat['name']}】", "", ""])
            for r in cat["rows"]:
                rows.append([r["name"] + (f"（{r['clause']}）" if r["clause"] else ""),
                             (r["target"] or "—") + ("（本地定制）" if r["tailored"] else ""),
                             (f"{r['symbol']} {r['verdict']}", r["status"] if not r["informational"] else None)])
        w.table(["规则（依据条款）", "目标", "结论：报告值"], rows, [70, 40, 46])


def _waivers(w: _Writer, ctx: dict, no: str) -> None:
    w.heading(f"{no}、豁免与本地定制目标", 1)
    if ctx["waived"] or ctx["expired"]:
        rows = [[x["name"], x["waiver"]["reason"], x["waiver"]["approver"], x["waiver"]["expires"],
                 ("× 已过期", "not_met") if x["waiver"]["expired"] else
                 (f"{x['symbol']} {x['label']}（豁免前：{x['before_label'] or '—'}）", x["status"])]
                for x in ctx["waived"]]
        rows += [[e["name"], e["reason"], e["approver"], e["expires"], ("× 已过期，未予适用", "not_met")]
                 for e in ctx["expired"]]
        w.heading("豁免", 3)
        w.table(["规则", "豁免理由", "批准人", "有效期至", "状态"], rows, [36, 44, 22, 26, 28])
    if ctx["tailored"]:
        w.heading("本地定制目标", 3)
        w.table(["规则", "定制目标", "报告值", "状态", "依据条款"],
                [[t["name"], t["target"] or "—", t["value"], (f"{t['symbol']} {t['label']}", t["status"]),
                  t["clause_full"] or "—"] for t in ctx["tailored"]], [36, 28, 28, 22, 42])


def _outline(w: _Writer, ctx: dict, no: str) -> None:
    w.heading(f"{no}、报告结构识别", 1)
    w.para("工具识别出的标题层级及各部分归类（用于判断四个必备部分是否齐全）。", size=SIZES["4号"])
    for s in ctx["outline"]:
        note = "，".join(x for x in ((s["kind"] if s["show_kind"] else ""), (f"第 {s['page']} 页" if s["page"] else "")) if x)
        p = w.para(("　" * min(s["level"], 3)) + s["marker"] + s["heading"] + (f"　〔{note}〕" if note else ""),
                   size=SIZES["小四"], indent=False)
        if s["level"] == 1:
            p.runs[0].bold = True
    if not ctx["outline"]:
        w.para("未识别出任何标题。")


def _figures(w: _Writer, ctx: dict, no: str) -> None:
    w.heading(f"{no}、报告中的数字", 1)
    lead = f"共识别 {ctx['n_figures']} 个数字" + (
        f"，以下列出前 {ctx['max_figures']} 个" if ctx["n_figures"] > ctx["max_figures"] else "") + "，按所在句子列出。"
    w.para(lead, size=SIZES["4号"])
    for q in ctx["figures"]:
        head = "、".join(q["figs"]) + ("（含目标/计划）" if q["target"] else "") + (
            f"（第 {q['page']} 页）" if q["page"] else "") + "："
        w.para((head, None, True), "".join(text for text, _ in q["segments"]), size=SIZES["小四"], indent=False)


def build(audit: Audit, today: Optional[date] = None):
    """The python-docx Document of the gap report."""
    import docx

    ctx = context(audit, today, "gongwen")
    doc = docx.Document()
    _setup(doc)
    core = doc.core_properties
    core.title = _clean(f"{ctx['doc']['short']} · 差距审核报告")
    core.author = "法治报告审核工具"
    w = _Writer(doc)
    _cover(w, ctx)
    numbers = iter("一二三四五六七八九十")
    if ctx["gaps"]:
        _gaps(w, ctx, next(numbers))
    _checklist(w, ctx, next(numbers))
    if ctx["waived"] or ctx["expired"] or ctx["tailored"]:
        _waivers(w, ctx, next(numbers))
    _outline(w, ctx, next(numbers))
    _figures(w, ctx, next(numbers))
    return doc


def docx_bytes(audit: Audit, today: Optional[date] = None) -> bytes:
    """The gap report as .docx bytes (for a download, or a file: write_docx)."""
    buf = io.BytesIO()
    build(audit, today).save(buf)
    return buf.getvalue()


def write_docx(audit: Audit, path, today: Optional[date] = None) -> None:
    from .render import write_file

    write_file(path, lambda: docx_bytes(audit, today), "Word")

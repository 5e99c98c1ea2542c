"""render: Audit -> the gap report, as HTML (screen) or PDF (print), from one template.

Report and rule text are data: Jinja autoescapes everything, highlights are split in Python
(before / figure / after) and escaped piece by piece, and WeasyPrint's URL fetcher refuses
every URL except the package's own font files.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import OrderedDict
from datetime import date
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Optional

from markupsafe import Markup

from . import charts, fonts
from ..atomic import replacing
from ..resources import templates_dir
from ..errors import RenderError
from ..models import (
    LEVEL_LABELS, MENTIONED, PART_LABELS, STATUS_LABELS, STATUS_SEVERITY, Audit, Evidence, Finding,
)

log = logging.getLogger(__name__)

TEMPLATE_DIR = templates_dir()
TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
ASSET_SCHEME = "auditor-asset:"
# Relative URLs joined to a non-hierarchical base stay relative, so WeasyPrint drops them.
BASE_URL = "auditor-none:"
GAP_STATUSES = ("not_met", "not_reported", "review")
MAX_FIGURES = 120
QUOTE_CONTEXT = 150  # characters kept on each side of a highlighted figure
FIGURE_CONTEXT = 24  # the same in the list of figures: enough to say what the figure counts
TOP_GAPS = 8  # gaps listed on the first page (fewer when the header blocks are taller)
SCRIPT_LABELS = {"simplified": "简体", "traditional": "繁体"}
PART_VALUES = {"present": "单独成部分", "partial": "仅在其他部分提及", "absent": "缺失"}


# ---------------------------------------------------------------- formatting helpers

def fmt_number(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return str(int(v))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def with_unit(v: float, unit: Optional[str]) -> str:
    return fmt_number(v) + (unit or "")


def fmt_value(f: Finding) -> str:
    """What the report says, in words."""
    v = f.value
    if v is None:
        return "未报告"
    if v == MENTIONED:
        return "已提及，无数字"
    if v in PART_VALUES:
        return PART_VALUES[v]
    if isinstance(v, (int, float)):
        text = with_unit(float(v), f.unit)
        if f.derived:
            text += "（推算）"
        if f.alternatives:
            text += "；也可读作 " + "、".join(with_unit(a, f.unit) for a in f.alternatives)
        return text
    return str(v)


def fmt_date(d) -> str:
    if d is None:
        return ""
    if isinstance(d, date):
        return f"{d.year}年{d.month}月{d.day}日"
    return str(d)


def _trim(before: str, figure: str, after: str, keep: int) -> tuple[str, str, str]:
    if len(before) > keep:
        before = "…" + before[-keep:]
    if len(after) > keep:
        after = after[:keep] + "…"
    return before, figure, after


def split_quote(quote: str, highlight: Optional[tuple[int, int]],
                keep: int = QUOTE_CONTEXT) -> tuple[str, str, str]:
    """(before, figure, after) of a quote; plain strings, escaped later by the template."""
    if highlight:
        s, e = highlight
        if 0 <= s < e <= len(quote):
            return _trim(quote[:s], quote[s:e], quote[e:], keep)
    if len(quote) > 2 * keep:
        return quote[: 2 * keep] + "…", "", ""
    return quote, "", ""


_STOPS = "。！？；!?;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding text[start:end] (its end punctuation included)."""
    s = max(text.rfind(c, 0, start) for c in _STOPS) + 1
    ends = [i for i in (text.find(c, end) for c in _STOPS) if i >= 0]
    e = min(ends) if ends else len(text)
    if e < len(text) and text[e] != "\n":
        e += 1
    return s, max(e, end)


def segments(text: str, s: int, e: int, spans: list[tuple[int, int]], keep: int) -> list[tuple[str, bool]]:
    """text[s:e] cut into (piece, is_figure) around the given spans; long stretches of plain
    text are shortened with an ellipsis."""
    out: list[tuple[str, bool]] = []
    pos = s
    for i, (a, b) in enumerate(spans):
        plain = text[pos:a]
        if i == 0 and len(plain) > keep:
            plain = "…" + plain[-keep:]
        elif len(plain) > 2 * keep:
            plain = plain[:keep] + "…" + plain[-keep:]
        if plain:
            out.append((plain, False))
        out.append((text[a:b], True))
        pos = b
    tail = text[pos:e]
    if len(tail) > keep:
        tail = tail[:keep] + "…"
    if tail:
        out.append((tail, False))
    return out


def _as_date(value) -> Optional[date]:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def part_label(kind: Optional[str]) -> str:
    return PART_LABELS.get(kind or "", "") if kind else ""


# ---------------------------------------------------------------- the view model

def _evidence_view(ev: Evidence) -> dict:
    before, figure, after = split_quote(ev.quote, ev.highlight)
    return {
        "before": before, "figure": figure, "after": after,
        "part": ev.part or "", "part_kind": part_label(ev.part_kind), "page": ev.page,
    }


def clause_text(clause) -> str:
    """A clause as written in the pack; a bare number is an item of a work plan (第22项)."""
    text = str(clause or "").strip()
    return f"第{text}项" if text.isdigit() else text


def _clause(f: Finding) -> str:
    return " ".join(x for x in (f.source, clause_text(f.clause)) if x)


def _reported(f: Finding) -> bool:
    return f.value is not None and f.value != "absent"


def _verdict(f: Finding) -> tuple[str, str]:
    """The checklist's last column in one run of text: the conclusion, then what the report
    says ("未达标：85%"), and the CSS class that colours it."""
    value = fmt_value(f)
    if f.informational:
        reported = _reported(f)
        label, css = ("已报告", "pf-yes") if reported else ("未报告", "pf-no")
        return (f"{label}：{value}" if reported else label), css
    label = STATUS_LABELS.get(f.status, f.status)
    text = label if value in (label, "未报告") or f.value is None else f"{label}：{value}"
    if f.waiver is not None:
        text += f"（豁免前：{STATUS_LABELS.get(f.status_before_waiver or '', '') or '—'}）"
    return text, f"st-{f.status}"


def _finding_view(f: Finding, today: date) -> dict:
    waiver = None
    if f.waiver is not None:
        w = f.waiver
        waiver = {"reason": w.reason, "approver": w.approver, "expires": fmt_date(w.expires) or "长期",
                  "expired": w.expired(today), "source": w.source}
    verdict, verdict_class = _verdict(f)
    return {
        "verdict": verdict, "verdict_class": verdict_class, "reported_value": f.value is not None,
        "id": f.rule_id, "name": f.name, "status": f.status, "label": STATUS_LABELS.get(f.status, f.status),
        "profile_label": "已报告" if _reported(f) else "未报告",
        "reported": _reported(f),
        "target": f.target or "", "value": fmt_value(f), "note": f.note, "advice": f.advice,
        "clause": clause_text(f.clause), "source": f.source, "clause_full": _clause(f),
        "evidence": [_evidence_view(e) for e in f.evidence], "weight": fmt_number(f.weight),
        "tailored": f.tailored, "informational": f.informational, "derived": f.derived,
        "waiver": waiver,
        "before_label": STATUS_LABELS.get(f.status_before_waiver or "", ""),
        "category": f.category or "其他",
    }


def _gap_key(f: Finding) -> tuple:
    return (-STATUS_SEVERITY.get(f.status, 0), -f.weight, f.position)


def _pack_titles(audit: Audit) -> dict[str, tuple[str, str]]:
    return {p.id: (p.title, p.source) for p in audit.packs}


def _checklist(audit: Audit, today: date) -> list[dict]:
    """Findings grouped by pack (in pack order), then by category (first appearance)."""
    titles = _pack_titles(audit)
    order = [p.id for p in audit.packs]
    groups: "OrderedDict[str, OrderedDict[str, list]]" = OrderedDict((pid, OrderedDict()) for pid in order)
    for f in audit.findings:
        groups.setdefault(f.pack, OrderedDict()).setdefault(f.category or "其他", []).append(f)
    out = []
    # Packs that score first; pure profile packs (nothing scored) last.
    scored = lambda cats: any(not f.informational for fs in cats.values() for f in fs)  # noqa: E731
    ordered = sorted(groups.items(), key=lambda kv: not scored(kv[1]))
    for pid, cats in ordered:
        if not cats:
            continue
        first = next(iter(cats.values()))[0]
        profile = all(f.informational for fs in cats.values() for f in fs)
        known = pid in titles
        if known:
            title, source = titles[pid]
        else:
            title = "概况指标（不计分）" if profile else (first.source or pid or "其他规则")
            source = first.source if first.source != title else ""
        categories = [{"name": c, "rows": [_finding_view(f, today) for f in fs]} for c, fs in cats.items()]
        counts = {s: 0 for s in STATUS_LABELS}
        for fs in cats.values():
            for f in fs:
                if not f.informational:
                    counts[f.status] += 1
        out.append({"id": pid, "title": title, "source": source, "categories": categories,
                    "counts": counts, "profile": profile, "known": known})
    return out


def _outline(audit: Audit) -> list[dict]:
    doc = audit.document
    rows = []
    parent_kind = None  # kind of the enclosing top-level part: sub-headings repeat it only when they differ
    for s in audit.outline.sections:
        if s.kind == "preamble" and s.level == 0:
            heading = s.heading or "导语"
        else:
            heading = s.heading
        if len(heading) > 60:
            heading = heading[:60] + "…"
        kind = part_label(s.kind) or s.kind
        show = s.level <= 1 or s.kind != parent_kind
        if s.level <= 1:
            parent_kind = s.kind
        rows.append({"marker": s.marker, "heading": heading, "level": max(0, s.level),
                     "kind": kind, "show_kind": bool(kind) and show, "kind_id": s.kind,
                     "page": doc.page_of(s.start)})
    return rows


def _figures(audit: Audit) -> tuple[list[dict], int]:
    """Figures found, grouped by the sentence they sit in (first MAX_FIGURES figures)."""
    doc = audit.document
    text = doc.original
    quantities = sorted(audit.facts.quantities, key=lambda q: (q.start, -q.end))
    groups: "OrderedDict[tuple[int, int], list]" = OrderedDict()
    last_end = -1
    for q in quantities[:MAX_FIGURES]:
        if q.start < last_end or not (0 <= q.start < q.end <= len(text)):
            continue  # nested in the previous figure, or out of range
        last_end = q.end
        groups.setdefault(sentence_bounds(text, q.start, q.end), []).append(q)
    rows = []
    for (s, e), qs in groups.items():
        rows.append({
            "figs": [("约" if q.approx else "") + with_unit(q.value, q.unit) for q in qs],
            "target": any(q.target for q in qs),
            "segments": segments(text, s, e, [(q.start, q.end) for q in qs], FIGURE_CONTEXT),
            "page": doc.page_of(s),
        })
    return rows, len(quantities)


def _score_text(x: float) -> str:
    return charts.score_text(x)


def context(audit: Audit, today: Optional[date] = None) -> dict:
    """Everything the template shows, as plain strings, numbers and lists (no markup but
    the charts, which charts.py builds and escapes itself)."""
    today = today or date.today()
    doc = audit.document
    counts = audit.counts()
    gaps = sorted((f for f in audit.findings if not f.informational and f.status in GAP_STATUSES), key=_gap_key)
    profile = [f for f in audit.findings if f.informational]
    waived = [f for f in audit.findings if f.waiver is not None]
    tailored = [f for f in audit.findings if f.tailored]
    file_name = Path(doc.path).name if doc.path else ""
    title = doc.title or ""
    short = title or " ".join(x for x in (doc.jurisdiction, f"{doc.year}年度报告" if doc.year else "") if x) \
        or file_name or "法治政府建设年度报告"
    differs = abs(audit.score_before_waivers - audit.score) >= 0.05
    figures, n_figures = _figures(audit)
    n_listed = sum(len(r["figs"]) for r in figures)
    total = sum(counts.values())
    expired = [{"rule": w.rule_id, "reason": w.reason, "approver": w.approver, "expires": fmt_date(w.expires),
                "source": w.source} for w in audit.expired_waivers]
    names = {f.rule_id: f.name for f in audit.findings}
    for e in expired:
        e["name"] = names.get(e["rule"], e["rule"])
    header = short if len(short) <= 40 else short[:39] + "…"
    return {
        "doc": {
            "title": title, "short": short, "file": file_name, "jurisdiction": doc.jurisdiction or "（未识别）",
            "level": LEVEL_LABELS.get(doc.level or "", doc.level or "（未识别）"),
            "year": f"{doc.year}年" if doc.year else "（未识别）",
            "script": SCRIPT_LABELS.get(doc.script, doc.script), "published": fmt_date(doc.published),
            "format": (doc.format or "").upper(), "pages": len(doc.page_starts) or None,
        },
        "header": header + " · 审核意见",
        "packs": [{"title": p.title, "source": p.source, "issued": p.issued or "", "draft": p.draft,
                   "path": p.path} for p in audit.packs],
        "score": _score_text(audit.score), "score_before": _score_text(audit.score_before_waivers),
        "score_differs": differs,
        "gauge": charts.gauge(audit.score, audit.score_before_waivers if differs else None),
        "counts": [{"status": s, "label": STATUS_LABELS[s], "n": counts[s]}
                   for s in ("met", "not_met", "not_reported", "review", "waived")],
        "total": total, "n_gaps": len(gaps),
        "n_fix": counts["not_met"] + counts["not_reported"], "n_review": counts["review"],
        "gaps": [_finding_view(f, today) for f in gaps],
        "checklist": _checklist(audit, today),
        "profile_reported": sum(1 for f in profile if _reported(f)), "profile_total": len(profile),
        "waived": [_finding_view(f, today) for f in waived],
        "tailored": [_finding_view(f, today) for f in tailored],
        "expired": expired,
        "outline": _outline(audit),
        "figures": figures, "n_figures": n_figures, "max_figures": MAX_FIGURES,
        "has_pages": bool(doc.page_starts), "n_listed": n_listed,
        # what fits on page 1 next to the header blocks
        "top_n": max(3, TOP_GAPS - max(0, len(audit.packs) - 3) - (2 if expired else 0)),
        "generated": fmt_date(_as_date(audit.meta.get("generated")) or today),
        "generated_iso": (_as_date(audit.meta.get("generated")) or today).isoformat(),
        "version": audit.meta.get("version", ""),
        "status_colors": charts.COLORS,
    }


# ---------------------------------------------------------------- HTML

@lru_cache(maxsize=1)
def template_env():
    """The one Jinja2 environment (autoescape on) for the gap report and the batch summary."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _stylesheet() -> Markup:
    css = (TEMPLATE_DIR / STYLESHEET).read_text(encoding="utf-8")
    if "</" in css:  # it goes inside <style>: nothing may close it
        raise RenderError("样式表中含有非法内容", path=str(TEMPLATE_DIR / STYLESHEET))
    return Markup(css)


def style_block() -> str:
    """The <style> element exactly as the template writes it (see report.html.j2)."""
    return f"<style>\n{_stylesheet()}\n</style>"


def render_html(audit: Audit, today: Optional[date] = None) -> str:
    """The gap report as one self-contained HTML page (inline CSS and SVG, no external URL)."""
    ctx = context(audit, today)
    ctx["css"] = _stylesheet()
    return template_env().get_template(TEMPLATE).render(**ctx)


# ---------------------------------------------------------------- PDF

def _font_files() -> dict[str, Path]:
    """The pre-subset font files by weight; built on first use if setup has not run."""
    have = fonts.installed()
    if "regular" not in have:
        try:
            log.warning("首次生成 PDF 字体（约半分钟），以后不再需要")
            fonts.prepare()
        except RenderError as exc:
            log.warning("PDF 将使用系统字体：%s", exc)
        have = fonts.installed()
    return have


def font_assets(html: str) -> tuple[dict[str, bytes], bool]:
    """Fonts for one document, by asset URL, and whether they alone cover its text.

    Each font is cut down to the characters of this document, so WeasyPrint can embed it
    as is (full_fonts) instead of re-subsetting a 10k-glyph font on every PDF."""
    chars = set(unescape(html)) | {chr(c) for c in range(0x20, 0x7F)}
    key = hashlib.sha1("".join(sorted(chars)).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    assets: dict[str, bytes] = {}
    alone = True
    for weight, path in _font_files().items():
        try:
            m = fonts.master(path)
            if not m.simple:
                raise ValueError("composite glyphs")
            data = m.cut(chars)
            alone = alone and m.covers(chars)
            url = f"{ASSET_SCHEME}fonts/{path.stem}-{key}.ttf"
        except Exception as exc:  # a font we cannot cut: embed the whole file, let WeasyPrint subset
            log.debug("cannot cut %s: %s", path, exc)
            data, alone, url = path.read_bytes(), False, f"{ASSET_SCHEME}fonts/{path.name}"
        assets[url] = (weight, data)
    if "regular" not in {w for w, _ in assets.values()}:
        alone = False
    return assets, alone


def _font_css(assets: dict) -> str:
    # A user-origin default: any HTML (the batch summary too) gets the CJK font unless its
    # own stylesheet says otherwise.
    rules = [f"html {{ font-family: {fonts.FONT_STACK}; }}"]
    for url, (weight, _) in assets.items():
        rules.append(f'@font-face {{ font-family: "{fonts.FAMILY}"; font-style: normal; '
                     f'font-weight: {fonts.WEIGHTS[weight]}; src: url("{url}") format("truetype"); }}')
    return "\n".join(rules)


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        """Serves this document's font assets; refuses every other URL."""

        def __init__(self, assets: dict):
            super().__init__(allowed_protocols=())
            self.assets = dict(assets)
            self.requested: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            asset = self.assets.get(url)
            if asset is None:
                raise ValueError(f"refused URL: {url[:200]}")
            return URLFetcherResponse(url, body=asset[1], headers={"Content-Type": "font/ttf"})

    return AssetFetcher


def make_fetcher(assets: dict):
    return _fetcher_class()(assets)


@lru_cache(maxsize=1)
def _report_sheet():
    """report.css parsed once per process. WeasyPrint would otherwise re-parse the <style>
    of every report (~30 ms); the sheet has no @font-face and no URL, so one parsed copy
    serves every document."""
    from weasyprint import CSS

    return CSS(string=str(_stylesheet()), base_url=BASE_URL, url_fetcher=make_fetcher({}))


# Newlines alone between two tags are the template's own line breaks, never report text
# (text is escaped, so it has no "<" or ">"); dropping them saves WeasyPrint ~300 empty boxes.
_TAG_GAP = re.compile(r">\n+<")

# The user-agent stylesheet for our report only. WeasyPrint's own (html5_ua.css: forms, bidi,
# frames…) is matched against every element of every PDF; this keeps the defaults the
# report's elements need (report.css sets the rest). A tag the template starts using must be
# added here (tests/test_render.py checks). Other HTML (the batch summary) keeps the full one.
REPORT_UA = """
html, body, section, article, div, p, h1, h2, h3, h4, blockquote, ul, ol { display: block }
head, meta, title, style, script, link, template, [hidden] { display: none }
li { display: list-item }
table { display: table; box-sizing: border-box; border-spacing: 2px; border-collapse: separate;
        text-indent: initial }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group }
tbody { display: table-row-group }
tr { display: table-row }
td, th { display: table-cell; padding: 1px }
thead, tbody { vertical-align: middle }
tr, td, th { vertical-align: inherit }
table, td, th { border-color: gray }
thead, tbody, tr { border-color: inherit }
body { margin: 8px }
p, blockquote, ul, ol { margin-top: 1em; margin-bottom: 1em }
blockquote { margin-left: 40px; margin-right: 40px }
ul, ol { padding-left: 40px; counter-reset: list-item }
ul { list-style-type: disc }
ol { list-style-type: decimal }
b, strong, th, h1, h2, h3, h4 { font-weight: bold }
i, em { font-style: italic }
h1 { font-size: 2em; margin-top: .67em; margin-bottom: .67em; bookmark-level: 1 }
h2 { font-size: 1.5em; margin-top: .83em; margin-bottom: .83em; bookmark-level: 2 }
h3 { font-size: 1.17em; margin-top: 1em; margin-bottom: 1em; bookmark-level: 3 }
h4 { margin-top: 1.33em; margin-bottom: 1.33em; bookmark-level: 4 }
h1, h2, h3, h4 { bookmark-label: content(text); hyphens: manual; break-after: avoid; break-inside: avoid }
mark { background: yellow; color: black }
br::before { content: "\\A"; white-space: pre-line }
svg { overflow: hidden }
@page {
  margin: 75px;
  @top-center { text-align: center; vertical-align: middle }
  @bottom-center { text-align: center; vertical-align: middle }
}
"""


@lru_cache(maxsize=1)
def _report_html_class():
    """weasyprint.HTML with REPORT_UA as its user-agent stylesheet."""
    from weasyprint import CSS, HTML

    ua = CSS(string=REPORT_UA)

    class ReportHTML(HTML):
        def _ua_stylesheets(self, *args, **kwargs):
            return [ua]

    return ReportHTML


def pdf_bytes(html: str) -> bytes:
    """Render HTML (ours or a batch summary) to PDF bytes with the shipped font."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    assets, alone = font_assets(html)  # before the <style> goes: its content strings need glyphs too
    stylesheets = []
    html_class = HTML
    block = style_block()
    if block in html:  # our report: the parsed stylesheet (user origin, last, so it wins as before)
        html = _TAG_GAP.sub("><", html.replace(block, "", 1))
        stylesheets.append(_report_sheet())
        html_class = _report_html_class()
    fetcher = make_fetcher(assets)
    font_css = _font_css(assets)
    fc = FontConfiguration()  # per document: its fonts are cut for it
    stylesheets.insert(0, CSS(string=font_css, base_url=BASE_URL, url_fetcher=fetcher, font_config=fc))
    doc = html_class(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    # Our cut fonts embed as is; anything else (a fallback font for a rare character) is subset.
    return doc.write_pdf(stylesheets=stylesheets, font_config=fc, full_fonts=alone)


def _atomic_write(path, produce, what: str) -> None:
    """Write produce() (bytes) to path via a temp file in the same directory and os.replace."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"无法写入 {what} 文件：{exc.strerror or exc}", path=str(target)) from exc
    try:
        with replacing(target) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(produce())
    except BaseException as exc:
        if isinstance(exc, RenderError):
            raise
        if isinstance(exc, OSError):
            raise RenderError(f"无法写入 {what} 文件：{exc.strerror or exc}", path=str(target)) from exc
        if isinstance(exc, Exception):
            raise RenderError(f"生成 {what} 文件失败：{type(exc).__name__}: {exc}", path=str(target)) from exc
        raise


def write_pdf_from_html(html: str, path) -> None:
    """Write any HTML (e.g. the batch summary) as PDF, atomically, with the safe fetcher.

    The HTML must be self-contained (inline CSS and SVG): every URL but our fonts is refused.
    Its text gets the shipped CJK font by default; a stylesheet that sets font-family should
    start with fonts.FONT_STACK."""
    _atomic_write(path, lambda: pdf_bytes(html), "PDF")


def write_pdf(audit: Audit, path, today: Optional[date] = None) -> None:
    _atomic_write(path, lambda: pdf_bytes(render_html(audit, today)), "PDF")


def write_html(audit: Audit, path, today: Optional[date] = None) -> None:
    _atomic_write(path, lambda: render_html(audit, today).encode("utf-8"), "HTML")


def warm_up() -> None:
    """Load WeasyPrint and the fonts ahead of time (benchmarks, long batch runs)."""
    pdf_bytes("<html><body><p>预热 warm-up</p></body></html>")

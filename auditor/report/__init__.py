"""What users read about one audit: the gap report and its pieces.

view.py builds the gap report's view model, advice.py the advice from each finding, vocab.py the shared labels,
symbols and colours; render.py fills the templates and pdf.py drives WeasyPrint with fonts.py's per-document font
cuts (wp_startup.py makes WeasyPrint's start-up cheaper, wp_text.py its text layouts, wp_layout.py its small
layout helpers, wp_draw.py its glyph drawing); charts.py (SVG) and matrix_image.py (PNG) draw, text_grid.py sets
long lists as tab-aligned lines of text; word.py writes the Word copy, annotate.py the marked-up report, json.py
the JSON contract, terminal.py the terminal output.
"""

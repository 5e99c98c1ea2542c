"""matrix_image.py: the summary's county × rule matrix drawn as PNG blocks; each cell's fill is its status."""
from __future__ import annotations

import io

from PIL import Image

from auditor.report import matrix_image, vocab


def _rgb(hex6):
    return tuple(int(hex6[i:i + 2], 16) for i in (0, 2, 4))


def test_blocks_cells_and_fills():
    statuses = ["met", "not_met", "not_reported", "review", "waived"]
    rows = [(f"{i}. 县{i}", {c: statuses[(i + j) % 5] for j, c in enumerate("abcde")}) for i in range(7)]
    rows[3][1].pop("c")  # a rule that does not apply: a blank cell
    pngs = matrix_image.matrix_pngs(rows, list("abcde"), names={"a": "行政复议纠错率"}, per_block=5)
    assert len(pngs) == 2
    first = Image.open(io.BytesIO(pngs[0])).convert("RGB")
    second = Image.open(io.BytesIO(pngs[1])).convert("RGB")
    assert second.height < first.height  # 2 rows against 5, same header
    # find the geometry the drawing used and sample each cell near its top-left corner (away from the symbol)
    width = matrix_image._px(matrix_image.WIDTH_MM)
    label_w = matrix_image._px(30)
    cw = max(matrix_image._px(2.5), min(matrix_image._px(6), (width - label_w) // 5))
    rh = matrix_image._px(4.2)
    head = first.height - 2 - rh * 5
    for i in range(5):
        for j, c in enumerate("abcde"):
            px = first.getpixel((label_w + j * cw + 2, head + i * rh + 2))
            st = rows[i][1].get(c)
            assert px == (_rgb(vocab.FILLS[st]) if st else (255, 255, 255)), (i, c, st, px)


def test_no_rows_no_blocks():
    assert matrix_image.matrix_pngs([], ["a"]) == []

"""wp_layout: the same results as WeasyPrint's own small layout helpers, for less Python per box and per line.

A gap report lays out ~450 lines in ~1,500 boxes, and some helpers run for every one of them (py-spy on the seeds,
WeasyPrint 70): `resolve_percentages` (~6%: eighteen calls of `resolve_one_percentage`, each going through the
general `percentage`), `collapse_margin` (~3%: two generators over a new list), `avoid_collisions` (~2%: its
search among the floats, which our documents never have) and `strut` (~5%: a cache key made as the str() of a
tuple of sixteen values, named tuples included, at every call). `apply()` puts in each module of WeasyPrint that
bound the helper a version that gives the very same values (objects, not only equal numbers) on the common path
and calls the shipped helper for anything else:
- percentages: a length in px or % is resolved in place; any other value goes to WeasyPrint's `percentage`;
- margins: one pass over the margins, keeping the first largest and first smallest as max()/min() do;
- collisions: with no float on the page, the bounds of the containing block, as the loop would find them;
- struts: the key string is made once for the same value objects (kept alive with it, so an id is never reused)
  and looked up in WeasyPrint's own cache; on a miss the shipped `strut` runs and fills that cache.
Only for the versions in TESTED, whose helpers' source tests/test_wp_layout.py checks; it also renders the seeds
and a document of tables, long paragraphs, mixed scripts and bold spans both ways and compares the bytes.
"""
from __future__ import annotations

import sys

TESTED = frozenset({"70.0"})
_MARK = "_auditor_fast"
INSTALLED: dict = {}  # name -> the fast helper put in place (its .original is WeasyPrint's)


def apply(weasyprint) -> bool:
    """Install the fast helpers in this WeasyPrint if it is a tested version; True if installed."""
    if getattr(weasyprint, "__version__", None) not in TESTED:
        return False
    from weasyprint.layout import block, float as floats, percent
    from weasyprint.text import line_break

    originals = {
        "resolve_one_percentage": percent.resolve_one_percentage,
        "resolve_percentages": percent.resolve_percentages,
        "collapse_margin": block.collapse_margin,
        "avoid_collisions": floats.avoid_collisions,
        "strut": line_break.strut,
        "_font_style_cache_key": line_break._font_style_cache_key,
    }
    if any(getattr(f, _MARK, False) for f in originals.values()):
        return True
    fast = _fast_helpers(originals)
    for name, fn in fast.items():
        setattr(fn, _MARK, True)
        fn.original = originals[name]
        _replace(originals[name], fn)
        INSTALLED[name] = fn
    return True


def _replace(original, fast) -> None:
    """Bind `fast` wherever a WeasyPrint module bound `original` (its own module and every `from … import`)."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "weasyprint" or name.startswith("weasyprint.")):
            continue
        for attr, value in list(vars(module).items()):
            if value is original:
                setattr(module, attr, fast)


def _fast_helpers(originals: dict) -> dict:
    from math import inf

    from weasyprint.css.functions import check_math
    from weasyprint.css.properties import Dimension
    from weasyprint.formatting_structure.boxes import BlockReplacedBox, Box, LineBox, PageBox
    from weasyprint.layout.percent import adjust_box_sizing

    shipped_one = originals["resolve_one_percentage"]

    def resolve_one_percentage(box, property_name, refer_to):
        value = box.style[property_name]
        if type(value) is not Dimension or value.unit is None:
            return shipped_one(box, property_name, refer_to)
        # percentage(): "%" is a share of refer_to, any other unit is already px
        setattr(box, property_name, refer_to * value.value / 100 if value.unit == "%" else value.value)

    def resolve_percentages(box, containing_block):
        if isinstance(containing_block, Box):
            cb_width, cb_height = containing_block.width, containing_block.height
        else:
            cb_width, cb_height = containing_block
        maybe_height = cb_height if isinstance(box, PageBox) else cb_width
        style = box.style
        for name, refer_to in (("margin_left", cb_width), ("margin_right", cb_width),
                               ("margin_top", maybe_height), ("margin_bottom", maybe_height),
                               ("padding_left", cb_width), ("padding_right", cb_width),
                               ("padding_top", maybe_height), ("padding_bottom", maybe_height),
                               ("width", cb_width), ("min_width", cb_width), ("max_width", cb_width)):
            value = style[name]
            if type(value) is Dimension and value.unit is not None:
                setattr(box, name, refer_to * value.value / 100 if value.unit == "%" else value.value)
            else:
                shipped_one(box, name, refer_to)
        if cb_height == "auto":
            height = style["height"]
            if height == "auto" or check_math(height) or height.unit == "%":
                box.height = "auto"
            else:
                assert height.unit.lower() == "px"
                box.height = height.value
            resolve_one_percentage(box, "min_height", 0)
            resolve_one_percentage(box, "max_height", inf)
        else:
            resolve_one_percentage(box, "height", cb_height)
            resolve_one_percentage(box, "min_height", cb_height)
            resolve_one_percentage(box, "max_height", cb_height)
        collapse = style["border_collapse"] == "collapse"
        for prop in ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width"):
            if not (collapse and hasattr(box, prop)):
                setattr(box, prop, style[prop])
        adjust_box_sizing(box, "width")
        adjust_box_sizing(box, "height")

    def collapse_margin(adjoining_margins):
        # max([0, *margins >= 0]) + min([0, *margins <= 0]): the first largest and the first smallest
        largest = smallest = 0
        for margin in adjoining_margins:
            if margin > largest:
                largest = margin
            if margin < smallest:
                smallest = margin
        return largest + smallest

    shipped_avoid = originals["avoid_collisions"]

    def avoid_collisions(context, box, containing_block, outer=True):
        if context.excluded_shapes or containing_block.style["direction"] != "ltr":
            return shipped_avoid(context, box, containing_block, outer)
        position_y = box.position_y if outer else box.border_box_y()
        box.margin_width() if outer else box.border_width()  # as shipped: these raise on an unsized box
        box.margin_height() if outer else box.border_height()
        if box.border_height() == 0 and box.is_floated():
            return 0, position_y, containing_block.width
        max_left_bound = containing_block.content_box_x()
        max_right_bound = max_left_bound + containing_block.width
        if not outer:
            max_left_bound += box.margin_left
            max_right_bound -= box.margin_right
        assert (box.is_floated() or isinstance(box, LineBox) or box.is_table_wrapper
                or isinstance(box, BlockReplacedBox) or box.establishes_formatting_context())
        position_x = max_left_bound
        available_width = max_right_bound - max_left_bound
        if not outer:
            position_x -= box.margin_left
            position_y -= box.margin_top
        return position_x, position_y, available_width

    shipped_key, shipped_strut = originals["_font_style_cache_key"], originals["strut"]
    keys: dict = {}

    def font_style_cache_key(style, include_size=False):
        values = (style["font_family"], style["font_style"], style["font_stretch"], style["font_weight"],
                  style["font_variant_ligatures"], style["font_variant_position"], style["font_variant_caps"],
                  style["font_variant_numeric"], style["font_variant_alternates"],
                  style["font_variant_east_asian"], style["font_feature_settings"],
                  style["font_variation_settings"], style["font_language_override"], style["lang"])
        if include_size:
            values += (style["font_size"], style["line_height"])
        ids = (include_size, *map(id, values))
        hit = keys.get(ids)
        if hit is None:
            try:
                hash(values)  # immutable values only: a list could change and its str() with it
            except TypeError:
                return shipped_key(style, include_size)
        if hit is not None:
            return hit[1]
        key = shipped_key(style, include_size)
        if len(keys) > 4096:
            keys.clear()
        keys[ids] = (values, key)  # the values kept alive with their ids: an id is never reused meanwhile
        return key

    def strut(style):
        if style["font_size"] == 0:
            return 0, 0
        hit = style.font_config.strut_layouts.get(font_style_cache_key(style, include_size=True))
        return shipped_strut(style) if hit is None else hit

    return {"resolve_one_percentage": resolve_one_percentage, "resolve_percentages": resolve_percentages,
            "collapse_margin": collapse_margin, "avoid_collisions": avoid_collisions, "strut": strut,
            "_font_style_cache_key": font_style_cache_key}

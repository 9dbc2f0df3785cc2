"""The work report's charts as PNG images, drawn with Pillow in the dashboard's style.

The same two charts as the screen (casework/ui/overview/charts.py): bars by month, the
latest in the accent colour, and horizontal bars by sub-area, largest first, at about
270 dpi for their 150 mm on the page, sharp when printed. Chinese needs a font that has
it: the first of the usual system fonts found is used.
"""

from __future__ import annotations

import io
import logging
import math
from pathlib import Path

log = logging.getLogger(__name__)

# The screen's colours (casework/ui/kit/palette.py; exports do not import the window).
ACCENT = "#2f6fdb"
ACCENT_LIGHT = "#a8c1ee"
TEXT = "#1f2329"
MUTED = "#6b7280"
BORDER = "#d5d9e0"
WIDTH, HEIGHT = 1600, 640  # pixels: 150 mm wide at about 270 dpi

# Fonts with Chinese, by system: Windows, Linux (Noto, WenQuanYi, Droid), macOS.
FONT_FILES = [
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
]


def chinese_font_file() -> Path | None:
    """The first font file with Chinese glyphs on this computer, or None."""
    return next((Path(f) for f in FONT_FILES if Path(f).is_file()), None)


def _font(size: int):
    from PIL import ImageFont

    found = chinese_font_file()
    if found is None:
        log.warning("no Chinese font found for the report's charts; labels may not show")
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(found), size)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _canvas(height: int = HEIGHT):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, height), "white")
    return image, ImageDraw.Draw(image)


def _month_label(month: str, stride: int) -> str:
    year, number = month.split("-")
    return f"{year[2:]}年1月" if number == "01" and stride == 1 else f"{int(number)}月"


def trend_png(months: list[tuple[str, int]]) -> bytes:
    """Bars by month ('YYYY-MM', value), oldest first, each with its value above it."""
    image, draw = _canvas()
    font = _font(30)
    pad, line = 24, 40
    top, bottom = pad + line, HEIGHT - pad - line
    if not months or not any(value for _m, value in months):
        draw.text((WIDTH / 2, HEIGHT / 2), "暂无数据", font=font, fill=MUTED, anchor="mm")
        return _png(image)
    step = (WIDTH - 2 * pad) / len(months)
    bar = max(8.0, step * 0.6)
    highest = max(value for _m, value in months) or 1
    stride = max(1, math.ceil((draw.textlength("12月", font=font) + pad) / step))
    for index, (month, value) in enumerate(months):
        middle = pad + step * (index + 0.5)
        y = bottom - (bottom - top) * value / highest
        colour = ACCENT if index == len(months) - 1 else ACCENT_LIGHT
        draw.rectangle([middle - bar / 2, y, middle + bar / 2, bottom], fill=colour)
        draw.text((middle, y - 4), f"{value:,}", font=font, fill=TEXT, anchor="md")
        if (len(months) - 1 - index) % stride == 0:
            label = _month_label(month, stride)
            draw.text((middle, bottom + 6), label, font=font, fill=MUTED, anchor="ma")
    draw.line([pad, bottom, WIDTH - pad, bottom], fill=BORDER, width=2)
    return _png(image)


def bars_png(items: list[tuple[str, int]]) -> bytes:
    """Horizontal bars (name, value), largest first, as many as fit; no taller than needed."""
    font = _font(30)
    pad = 16
    shown = sorted(items, key=lambda item: -item[1])
    row = min(60.0, max(34.0, (HEIGHT - 2 * pad) / max(1, len(shown))))
    shown = shown[: max(1, int((HEIGHT - 2 * pad) // row))]
    image, draw = _canvas(min(HEIGHT, round(row * len(shown) + 2 * pad)) if shown else HEIGHT)
    if not shown:
        draw.text((WIDTH / 2, HEIGHT / 2), "暂无数据", font=font, fill=MUTED, anchor="mm")
        return _png(image)
    names = max(draw.textlength(name, font=font) for name, _v in shown) + pad
    values = max(draw.textlength(f"{v:,}", font=font) for _n, v in shown) + pad
    left, right = pad + names, WIDTH - pad - values
    highest = max(value for _n, value in shown) or 1
    for index, (name, value) in enumerate(shown):
        y = pad + row * index
        middle = y + row / 2
        draw.text((left - pad, middle), name, font=font, fill=TEXT, anchor="rm")
        end = left + max(2.0, (right - left) * value / highest) if value else left
        draw.rectangle([left, y + row * 0.18, end, y + row * 0.82], fill=ACCENT)
        draw.text((end + pad / 2, middle), f"{value:,}", font=font, fill=MUTED, anchor="lm")
    return _png(image)

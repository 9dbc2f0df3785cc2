"""Images drawn at start-up for the ttk styles: tick boxes and drop-down chevrons."""

from __future__ import annotations

import functools
import tkinter as tk
from tkinter import ttk

from casework.ui.kit.palette import COLORS

# Pixel drawings and layouts: one element per line reads better than the formatter's
# one option per line.
# fmt: off


def _mix(base: str, top: str, amount: float) -> str:
    """`top` laid over `base` with coverage `amount` (0..1), as #rrggbb."""
    a, b = int(base[1:], 16), int(top[1:], 16)
    mixed = [round(((a >> k) & 255) * (1 - amount) + ((b >> k) & 255) * amount)
             for k in (16, 8, 0)]
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def _coverage(x: float, y: float, points: list[tuple[float, float]], width: float) -> float:
    """How much of pixel (x, y) a polyline of `width` covers: a cheap one-pixel antialias."""
    distance = float("inf")
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        distance = min(distance, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return max(0.0, min(1.0, width / 2 + 0.5 - distance))


@functools.cache
def _covered(size: tuple[int, int], points: tuple, width: float) -> dict[int, list]:
    """Row by row, the pixels a polyline touches and how much of each, [(x, amount)]:
    worked out once for the two images (enabled, disabled) that draw the same line, and
    only near the line."""
    w, h = size
    scaled = [(fx * w, fy * h) for fx, fy in points]
    reach = width / 2 + 1.5  # no pixel farther than this from the line's box is touched
    left, right = min(p[0] for p in scaled) - reach, max(p[0] for p in scaled) + reach
    top, bottom = min(p[1] for p in scaled) - reach, max(p[1] for p in scaled) + reach
    covered: dict[int, list] = {}
    for y in range(max(0, int(top)), min(h, int(bottom) + 1)):
        for x in range(max(0, int(left)), min(w, int(right) + 1)):
            amount = _coverage(x + 0.5, y + 0.5, scaled, width)
            if amount > 0:
                covered.setdefault(y, []).append((x, amount))
    return covered


def _draw(root: tk.Misc, size: tuple[int, int], fill: str, border: str = "", line: int = 0,
          stroke: str = "", points: tuple = (), width: float = 0.0) -> tk.PhotoImage:
    """An opaque box with an optional square border and an antialiased polyline on it.

    Opaque, so Tk 8.6 needs no alpha blending; square, like Windows' own tick boxes.
    """
    w, h = size
    covered = _covered(size, points, width) if stroke else {}
    # A row of the border's edge, and a row between: the left and right edges, the fill.
    edge, between = [border] * w, [border if min(x, w - 1 - x) < line else fill for x in range(w)]
    rows = []
    for y in range(h):
        if min(y, h - 1 - y) < line:
            rows.append("{" + " ".join(edge) + "}")
            continue
        row = between.copy()
        for x, amount in covered.get(y, ()):
            if min(x, w - 1 - x) >= line:  # the line is drawn inside the border only
                row[x] = _mix(fill, stroke, amount)
        rows.append("{" + " ".join(row) + "}")
    image = tk.PhotoImage(master=root, width=w, height=h)
    image.put(" ".join(rows))
    return image


_TICK = ((0.24, 0.52), (0.42, 0.70), (0.77, 0.32))
_CHEVRON = ((0.2, 0.3), (0.5, 0.7), (0.8, 0.3))


def configure_images(style: ttk.Style, scale: float) -> None:
    """Drawn tick boxes and drop-down chevrons: clam's own are a cross and a bevelled box."""
    root, c = style.master, COLORS
    if "Casework.check" in style.element_names():
        return  # this root is themed already and keeps its images
    n, line, tick = round(14 * scale), max(1, round(scale)), max(1.6, 1.9 * scale)
    white = "#ffffff"
    box = {
        "off": _draw(root, (n, n), c.card, c.border_strong, line),
        "hover": _draw(root, (n, n), c.card, c.accent, line),
        "on": _draw(root, (n, n), c.accent, c.accent, line, white, _TICK, tick),
        "off_disabled": _draw(root, (n, n), c.bg, c.border, line),
        "on_disabled": _draw(root, (n, n), c.accent_disabled, c.accent_disabled, line, white,
                             _TICK, tick),
    }
    size = (round(10 * scale), round(6 * scale))
    arrow = {"normal": _draw(root, size, c.card, stroke=c.muted, points=_CHEVRON,
                             width=1.4 * scale),
             "disabled": _draw(root, size, c.bg, stroke=c.disabled, points=_CHEVRON,
                               width=1.4 * scale)}
    # Tk deletes an image once Python forgets it: keep them as long as the root lives.
    root._casework_theme_images = [*box.values(), *arrow.values()]
    style.element_create("Casework.check", "image", box["off"],
                         ("disabled", "selected", box["on_disabled"]),
                         ("disabled", box["off_disabled"]), ("selected", box["on"]),
                         ("active", box["hover"]), ("focus", box["hover"]),
                         width=n + round(7 * scale), sticky="w")
    style.element_create("Casework.chevron", "image", arrow["normal"],
                         ("disabled", arrow["disabled"]), width=round(16 * scale), sticky="e")
    style.layout("TCheckbutton", [("Checkbutton.padding", {"sticky": "nswe", "children": [
        ("Casework.check", {"side": "left", "sticky": ""}),
        ("Checkbutton.focus", {"side": "left", "sticky": "w",
                               "children": [("Checkbutton.label", {"sticky": "nswe"})]})]})])
    # The arrow inside the field's border, so the box reads as one control. Entry.field,
    # because clam's Combobox.field leaves its right edge open for the arrow button.
    style.layout("TCombobox", [("Entry.field", {"sticky": "nswe", "children": [
        ("Combobox.padding", {"expand": "1", "sticky": "nswe", "children": [
            ("Casework.chevron", {"side": "right", "sticky": "ns"}),
            ("Combobox.textarea", {"sticky": "nswe"})]})]})])

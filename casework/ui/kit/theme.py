"""The look of Casework: high-DPI setup, Chinese fonts, colours, and applying the ttk styles.

Screens never pick colours or fonts themselves; they use the style names (listed in
`styles.py`, which configures them) and the `Theme` returned by `apply_theme`, so the
whole application changes in one place.
"""

from __future__ import annotations

import sys
import tkinter as tk
import tkinter.font as tkfont
from tkinter import ttk
from typing import NamedTuple

from casework.ui.kit import styles
from casework.ui.kit.palette import (  # also read from here by the screens
    BOLD_FONT,
    COLORS,
    ERROR_FONT,
    FIGURE_FONT,
    SMALL_FONT,
    SUBTITLE_FONT,
    TITLE_FONT,
    Palette,
)

# Spacing at 96 dpi. `Theme.pad` and friends hold the same values scaled to the screen.
PAD = 8
PAD_SMALL = 4
PAD_LARGE = 16

FONT_SIZE = 10
STRIPE_TAG = "stripe"

CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
# Where each system keeps its Chinese UI font, tried before the list above is searched.
SYSTEM_CJK_FAMILY = {
    "win32": ("Microsoft YaHei UI", "Microsoft YaHei"),
    "darwin": ("PingFang SC",),
    "linux": ("Noto Sans CJK SC",),
}


class Theme(NamedTuple):
    """What screens need to know about the applied look, already scaled to the screen."""

    font_family: str
    font_size: int
    row_height: int
    scale: float
    colors: Palette = COLORS
    pad: int = PAD
    pad_small: int = PAD_SMALL
    pad_large: int = PAD_LARGE

    def px(self, pixels: float) -> int:
        """A length given in 96-dpi pixels, scaled to this screen."""
        return round(pixels * self.scale)


def enable_dpi_awareness() -> bool:
    """Ask Windows for real pixels instead of a blurry bitmap stretch; call before Tk()."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        ctypes.windll.shcore.SetProcessDpiAwareness(1)  # system-DPI aware, Windows 8.1+
        return True
    except (AttributeError, OSError):
        pass
    try:
        return bool(ctypes.windll.user32.SetProcessDPIAware())  # the same, Vista and Windows 7
    except (AttributeError, OSError):
        return False


def px(widget: tk.Misc, pixels: float) -> int:
    """A length given in 96-dpi pixels, scaled to the screen `widget` is on."""
    return round(pixels * widget.winfo_fpixels("1i") / 96)


def surface_of(widget: tk.Misc) -> str:
    """ "Card." when `widget` sits on a white card, else "": the prefix for its styles."""
    current: tk.Misc | None = widget
    while current is not None:
        try:
            style = str(current.cget("style"))
        except tk.TclError:  # a classic Tk widget or a Toplevel has no style
            style = ""
        if style:
            return "Card." if style.startswith("Card.") else ""
        current = current.master
    return ""


def surface_style(master: tk.Misc, base: str) -> str:
    """The style `base` (e.g. "Hint.TLabel") in its variant for the surface of `master`."""
    return surface_of(master) + base


def choose_font_family(root: tk.Misc) -> str:
    """The first installed font that renders Chinese well, or Tk's default family.

    The system's own Chinese font is asked for by name first: listing every installed
    font is slow where there are hundreds (Windows), and this is on every start.
    """
    for family in SYSTEM_CJK_FAMILY.get(sys.platform, SYSTEM_CJK_FAMILY["linux"]):
        # For a family it lacks, Tk gives the nearest font it has, under that one's name.
        if root.tk.call("font", "actual", (family, FONT_SIZE), "-family") == family:
            return family
    installed = set(tkfont.families(root))
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    return tkfont.nametofont("TkDefaultFont", root=root).actual("family")


def apply_theme(root: tk.Tk) -> Theme:
    """Scale for the screen's DPI, set the fonts and every ttk style; return the Theme."""
    root.tk.call("tk", "scaling", root.winfo_fpixels("1i") / 72)
    scale = root.winfo_fpixels("1i") / 96
    family = choose_font_family(root)
    _configure_fonts(root, family)
    linespace = tkfont.nametofont("TkDefaultFont", root=root).metrics("linespace")
    row_height = linespace + round(12 * scale)
    styles.configure_options(root)
    styles.configure_styles(ttk.Style(root), scale, row_height)
    root.configure(background=COLORS.bg)
    return Theme(
        font_family=family,
        font_size=FONT_SIZE,
        row_height=row_height,
        scale=scale,
        colors=COLORS,
        pad=round(PAD * scale),
        pad_small=round(PAD_SMALL * scale),
        pad_large=round(PAD_LARGE * scale),
    )


def _set_font(root: tk.Misc, name: str, **options) -> None:
    # Through Tcl, not tkfont.Font objects: a named font made by a Font object is deleted
    # when that Python object is garbage collected.
    spec = []
    for key, value in options.items():
        spec += [f"-{key}", value]
    if name in tkfont.names(root):
        root.tk.call("font", "configure", name, *spec)
    else:
        root.tk.call("font", "create", name, *spec)


def _configure_fonts(root: tk.Misc, family: str) -> None:
    for name in ("TkDefaultFont", "TkTextFont", "TkMenuFont", "TkTooltipFont", "TkIconFont"):
        _set_font(root, name, family=family, size=FONT_SIZE, weight="normal")
    for name in ("TkHeadingFont", "TkCaptionFont"):
        _set_font(root, name, family=family, size=FONT_SIZE, weight="bold")
    _set_font(root, "TkSmallCaptionFont", family=family, size=FONT_SIZE - 1)
    # Keep the monospace family (digits of ID numbers line up), only match the size.
    _set_font(root, "TkFixedFont", size=FONT_SIZE)
    _set_font(root, TITLE_FONT, family=family, size=FONT_SIZE + 5, weight="bold")
    _set_font(root, SUBTITLE_FONT, family=family, size=FONT_SIZE + 1, weight="bold")
    _set_font(root, BOLD_FONT, family=family, size=FONT_SIZE, weight="bold")
    _set_font(root, SMALL_FONT, family=family, size=FONT_SIZE - 1)
    _set_font(root, ERROR_FONT, family=family, size=FONT_SIZE - 1)
    _set_font(root, FIGURE_FONT, family=family, size=FONT_SIZE + 9, weight="bold")

"""The look of Casework: high-DPI setup, Chinese fonts, colours and every ttk style.

Screens never pick colours or fonts themselves; they use the style names and the
`Theme` returned by `apply_theme`, so the whole application changes in one place.

Style names for screens:
  frames   TFrame (page), Card.TFrame (white panel), Sidebar.TFrame, Toolbar.TFrame,
           Status.TFrame
  labels   TLabel, Title.TLabel, Subtitle.TLabel, Hint.TLabel, Error.TLabel,
           Status.TLabel, Sidebar.TLabel, Sidebar.Hint.TLabel
  buttons  TButton, Accent.TButton (the one primary action), Danger.TButton,
           Nav.TButton / Selected.Nav.TButton (sidebar), Link.TButton, Tool.TButton
  inputs   TEntry / Invalid.TEntry, TCombobox / Invalid.TCombobox, Search.TEntry
  tables   Treeview (rows striped with the STRIPE_TAG tag), Treeview.Heading
Anything placed on a white card uses the "Card." variant (Card.TLabel,
Card.Hint.TLabel, Card.TCheckbutton...); `surface_style(master, "TLabel")` picks it.
Card.TFrame draws the card's border; frames nested inside a card use the borderless
Card.Inner.TFrame (`surface_style(master, "Inner.TFrame")`, plain TFrame off a card).
"""

from __future__ import annotations

import sys
import tkinter as tk
import tkinter.font as tkfont
from collections.abc import Callable
from dataclasses import dataclass, field
from tkinter import ttk
from typing import Any

# Spacing at 96 dpi. `Theme.pad` and friends hold the same values scaled to the screen.
PAD = 8
PAD_SMALL = 4
PAD_LARGE = 16

FONT_SIZE = 10
TITLE_FONT = "CaseworkTitleFont"
SUBTITLE_FONT = "CaseworkSubtitleFont"
BOLD_FONT = "CaseworkBoldFont"
SMALL_FONT = "CaseworkSmallFont"
ERROR_FONT = "CaseworkErrorFont"

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


@dataclass(frozen=True)
class Palette:
    """The application's colours; one accent, everything else quiet greys."""

    bg: str = "#f5f6f8"
    card: str = "#ffffff"
    text: str = "#1f2329"
    muted: str = "#6b7280"
    disabled: str = "#a0a6af"
    border: str = "#d5d9e0"
    border_strong: str = "#b9c0ca"
    accent: str = "#2f6fdb"
    accent_hover: str = "#2861c4"
    accent_pressed: str = "#2253a8"
    accent_disabled: str = "#a8c1ee"
    selection: str = "#dce8fc"
    hover: str = "#eef1f5"
    pressed: str = "#e2e6ec"
    stripe: str = "#f8f9fb"
    heading: str = "#f0f2f5"
    sidebar: str = "#1e293b"
    sidebar_text: str = "#c8d1de"
    sidebar_hover: str = "#2b3a52"
    sidebar_selected: str = "#2f6fdb"
    status: str = "#e9ecf1"
    error: str = "#d93025"
    error_hover: str = "#bf2a20"
    warning: str = "#b26a00"
    success: str = "#1e8e3e"
    tooltip: str = "#323a46"


COLORS = Palette()


@dataclass(frozen=True)
class Theme:
    """What screens need to know about the applied look, already scaled to the screen."""

    font_family: str
    font_size: int
    row_height: int
    scale: float
    colors: Palette = field(default_factory=Palette)
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
    """The first installed font that renders Chinese well, or Tk's default family."""
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
    _configure_options(root)
    _configure_styles(ttk.Style(root), scale, row_height)
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


def _configure_options(root: tk.Misc) -> None:
    """Defaults for the classic Tk widgets ttk has no style for (Text, Listbox, Menu)."""
    c = COLORS
    root.option_add("*tearOff", False)
    root.option_add("*Toplevel.background", c.bg)
    for cls in ("Text", "Listbox"):
        root.option_add(f"*{cls}.font", "TkTextFont")
        root.option_add(f"*{cls}.background", c.card)
        root.option_add(f"*{cls}.foreground", c.text)
        root.option_add(f"*{cls}.selectBackground", c.selection)
        root.option_add(f"*{cls}.selectForeground", c.text)
        root.option_add(f"*{cls}.relief", "flat")
    root.option_add("*Text.insertBackground", c.text)
    root.option_add("*Menu.font", "TkMenuFont")
    root.option_add("*Menu.background", c.card)
    root.option_add("*Menu.activeBackground", c.selection)
    root.option_add("*Menu.activeForeground", c.text)
    root.option_add("*Menu.relief", "flat")
    # The drop-down list of every ttk.Combobox is a classic Listbox.
    root.option_add("*TCombobox*Listbox.font", "TkDefaultFont")
    root.option_add("*TCombobox*Listbox.selectBackground", c.accent)
    root.option_add("*TCombobox*Listbox.selectForeground", "#ffffff")


Options = dict[str, Any]

# From here on the module is mostly data (style tables, layouts, pixel drawings): one
# style per line reads better than the formatter's one option per line.
# fmt: off


def _flat_button(face: str, text: str, hover: str, pressed: str, border: str,
                 **extra: Any) -> tuple[Options, Options]:
    """Options and state map of a button without clam's bevel (edges in the face colour)."""
    states = [("pressed", pressed), ("active", hover)]
    options = dict(background=face, foreground=text, bordercolor=border, lightcolor=face,
                   darkcolor=face, **extra)
    return options, {"background": states, "lightcolor": states, "darkcolor": states}


def _button_styles(s: Callable[[float], int]) -> dict[str, tuple[Options, Options]]:
    c = COLORS
    white = "#ffffff"
    return {
        "TButton": _flat_button(c.card, c.text, c.hover, c.pressed, c.border_strong,
                                padding=(s(14), s(5)), anchor="center", focusthickness=1),
        "Accent.TButton": _flat_button(c.accent, white, c.accent_hover, c.accent_pressed,
                                       c.accent, focuscolor=white),
        "Danger.TButton": _flat_button(c.card, c.error, "#fdecea", "#f9d6d2", c.error),
        "Link.TButton": _flat_button(c.bg, c.accent, c.bg, c.bg, c.bg, padding=(s(2), 0),
                                     width=0, focusthickness=0),
        "Card.Link.TButton": _flat_button(c.card, c.accent, c.card, c.card, c.card),
        # Small icon-like buttons: the clear × of a search box.
        "Tool.TButton": _flat_button(c.card, c.muted, c.hover, c.pressed, c.card, width=0,
                                     padding=(s(4), 0), focusthickness=0),
        "Nav.TButton": _flat_button(c.sidebar, c.sidebar_text, c.sidebar_hover,
                                    c.sidebar_hover, c.sidebar, anchor="w", focusthickness=0,
                                    padding=(s(18), s(9))),
        "Selected.Nav.TButton": _flat_button(c.sidebar_selected, white, c.sidebar_selected,
                                             c.sidebar_selected, c.sidebar_selected,
                                             font=BOLD_FONT),
    }


def _styles(s: Callable[[float], int], row_height: int) -> dict[str, Options]:
    """Options of every non-button style, as ttk.Style.configure takes them."""
    c = COLORS
    field = dict(fieldbackground=c.card, bordercolor=c.border_strong, lightcolor=c.card,
                 darkcolor=c.card, padding=(s(6), s(4)), insertcolor=c.text)
    check = dict(padding=(0, s(2)), indicatorbackground=c.card, indicatorforeground=c.accent,
                 upperbordercolor=c.border_strong, lowerbordercolor=c.border_strong,
                 indicatormargin=(0, 0, s(6), 0))
    bar = dict(background=c.heading, troughcolor=c.card, bordercolor=c.card,
               lightcolor=c.heading, darkcolor=c.heading, arrowcolor=c.muted,
               arrowsize=s(13), gripcount=0)
    invalid = dict(bordercolor=c.error, lightcolor="#fdecea", darkcolor="#fdecea")
    return {
        ".": dict(background=c.bg, foreground=c.text, font="TkDefaultFont",
                  bordercolor=c.border, lightcolor=c.bg, darkcolor=c.bg, troughcolor=c.bg,
                  selectbackground=c.selection, selectforeground=c.text,
                  fieldbackground=c.card, focuscolor=c.accent, insertcolor=c.text,
                  arrowcolor=c.muted),
        "Card.TFrame": dict(background=c.card, relief="solid", borderwidth=1),
        "Card.Inner.TFrame": dict(background=c.card, borderwidth=0),
        "Title.TLabel": dict(font=TITLE_FONT),
        "Subtitle.TLabel": dict(font=SUBTITLE_FONT),
        "Bold.TLabel": dict(font=BOLD_FONT),
        "Hint.TLabel": dict(font=SMALL_FONT, foreground=c.muted),
        "Error.TLabel": dict(font=ERROR_FONT, foreground=c.error),
        "Success.TLabel": dict(foreground=c.success),
        "Warning.TLabel": dict(foreground=c.warning),
        "TCheckbutton": check,
        "TRadiobutton": check,
        "TSeparator": dict(background=c.border),
        "TLabelframe": dict(bordercolor=c.border),
        "TLabelframe.Label": dict(font=BOLD_FONT),
        "TEntry": field,
        "TSpinbox": field,
        "TCombobox": dict(field, background=c.card, arrowsize=s(12)),
        "Invalid.TEntry": invalid,
        "Invalid.TCombobox": invalid,
        "Invalid.TSpinbox": invalid,
        # Room on the right for the clear button a SearchBox lays over its entry.
        "Search.TEntry": dict(padding=(s(6), s(4), s(24), s(4))),
        "Treeview": dict(background=c.card, fieldbackground=c.card, rowheight=row_height,
                         bordercolor=c.border, lightcolor=c.card, darkcolor=c.card,
                         borderwidth=1),
        "Treeview.Heading": dict(background=c.heading, font="TkHeadingFont", relief="flat",
                                 lightcolor=c.heading, darkcolor=c.heading,
                                 padding=(s(6), s(5))),
        "Vertical.TScrollbar": bar,
        "Horizontal.TScrollbar": bar,
        "Sidebar.TFrame": dict(background=c.sidebar),
        "Sidebar.TLabel": dict(background=c.sidebar, foreground="#ffffff", font=SUBTITLE_FONT),
        "Sidebar.Hint.TLabel": dict(background=c.sidebar, foreground=c.sidebar_text,
                                    font=SMALL_FONT),
        "Sidebar.TSeparator": dict(background=c.sidebar_hover),
        "Status.TFrame": dict(background=c.status),
        "Status.TLabel": dict(background=c.status, foreground=c.muted, font=SMALL_FONT,
                              padding=(s(8), s(3))),
        "TNotebook": dict(bordercolor=c.border, tabmargins=(0, 0, 0, 0)),
        "TNotebook.Tab": dict(background=c.heading, foreground=c.muted, lightcolor=c.heading,
                              padding=(s(16), s(6))),
        "TProgressbar": dict(background=c.accent, troughcolor=c.heading, lightcolor=c.accent,
                             darkcolor=c.accent),
        "Sash": dict(sashthickness=s(6), gripcount=0),
    }


def _state_maps() -> dict[str, Options]:
    """How styles change with state (hover, focus, disabled...), as ttk.Style.map takes them."""
    c = COLORS
    focus_edge = [("focus", c.accent)]
    check = dict(background=[("active", c.bg)],
                 indicatorbackground=[("disabled", c.bg), ("pressed", c.hover)],
                 upperbordercolor=[("focus", c.accent), ("active", c.accent)],
                 lowerbordercolor=[("focus", c.accent), ("active", c.accent)])
    field = dict(bordercolor=focus_edge, lightcolor=focus_edge, darkcolor=focus_edge,
                 fieldbackground=[("readonly", c.bg), ("disabled", c.bg)])
    invalid = dict(bordercolor=[("focus", c.error)], lightcolor=[("focus", c.error)],
                   darkcolor=[("focus", c.error)])
    hover = [("active", c.hover)]
    bar = [("active", c.pressed)]
    return {
        # No state-dependent background by default: a disabled label on a card stays white.
        # Nor clam's grey selection in an unfocused entry.
        ".": dict(foreground=[("disabled", c.disabled)], background=[], selectbackground=[],
                  selectforeground=[]),
        "TButton": dict(foreground=[("disabled", c.disabled)], bordercolor=focus_edge),
        "Accent.TButton": dict(
            foreground=[("disabled", "#ffffff")],
            background=[("disabled", c.accent_disabled), ("pressed", c.accent_pressed),
                        ("active", c.accent_hover)],
            bordercolor=[("disabled", c.accent_disabled), ("focus", c.accent_pressed)]),
        "Nav.TButton": dict(foreground=[("active", "#ffffff")]),
        "TCheckbutton": check,
        "TRadiobutton": check,
        "Card.TCheckbutton": dict(background=[("active", c.card)]),
        "Card.TRadiobutton": dict(background=[("active", c.card)]),
        "TEntry": field,
        "TSpinbox": field,
        # Readonly is a combobox's normal state: only disabled greys it out. clam would paint
        # a focused one white on blue and show its text selected after a choice.
        "TCombobox": dict(field, fieldbackground=[("disabled", c.bg), ("readonly", c.card)],
                          foreground=[("disabled", c.disabled)],
                          selectbackground=[("readonly", c.card)],
                          selectforeground=[("readonly", c.text)],
                          background=[("pressed", c.pressed), ("active", c.hover)]),
        "Invalid.TEntry": invalid,
        "Invalid.TCombobox": invalid,
        "Invalid.TSpinbox": invalid,
        "Treeview": dict(background=[("selected", c.selection)],
                         foreground=[("selected", c.text)]),
        "Treeview.Heading": dict(background=hover, lightcolor=hover, darkcolor=hover),
        "Vertical.TScrollbar": dict(background=bar, lightcolor=bar, darkcolor=bar),
        "Horizontal.TScrollbar": dict(background=bar, lightcolor=bar, darkcolor=bar),
        "TNotebook.Tab": dict(background=[("selected", c.card), ("active", c.hover)],
                              foreground=[("selected", c.accent)],
                              lightcolor=[("selected", c.card)],
                              expand=[("selected", (0, 0, 0, 0))], padding=[]),
    }


# Everything that paints its own background needs a white twin to sit on a card.
_CARD_TWINS = ("TLabel", "Title.TLabel", "Subtitle.TLabel", "Bold.TLabel", "Hint.TLabel",
               "Error.TLabel", "Success.TLabel", "Warning.TLabel", "TCheckbutton",
               "TRadiobutton", "TLabelframe", "TLabelframe.Label")


def _configure_styles(style: ttk.Style, scale: float, row_height: int) -> None:
    def s(pixels: float) -> int:
        return round(pixels * scale)

    style.theme_use("clam")
    configs, maps = _styles(s, row_height), _state_maps()
    for name, (options, states) in _button_styles(s).items():
        configs[name] = options
        maps[name] = {**states, **maps.get(name, {})}
    for name, options in configs.items():
        style.configure(name, **options)
    for name in _CARD_TWINS:
        style.configure("Card." + name, background=COLORS.card)
    for name, states in maps.items():
        style.map(name, **states)
    _configure_images(style, scale)


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


def _draw(root: tk.Misc, size: tuple[int, int], fill: str, border: str = "", line: int = 0,
          stroke: str = "", points: tuple = (), width: float = 0.0) -> tk.PhotoImage:
    """An opaque box with an optional square border and an antialiased polyline on it.

    Opaque, so Tk 8.6 needs no alpha blending; square, like Windows' own tick boxes.
    """
    w, h = size
    scaled = [(fx * w, fy * h) for fx, fy in points]
    rows = []
    for y in range(h):
        row = []
        for x in range(w):
            edge = min(x, y, w - 1 - x, h - 1 - y) < line
            color = border if edge else fill
            if stroke and not edge:
                color = _mix(color, stroke, _coverage(x + 0.5, y + 0.5, scaled, width))
            row.append(color)
        rows.append("{" + " ".join(row) + "}")
    image = tk.PhotoImage(master=root, width=w, height=h)
    image.put(" ".join(rows))
    return image


_TICK = ((0.24, 0.52), (0.42, 0.70), (0.77, 0.32))
_CHEVRON = ((0.2, 0.3), (0.5, 0.7), (0.8, 0.3))


def _configure_images(style: ttk.Style, scale: float) -> None:
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

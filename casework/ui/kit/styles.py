"""Every ttk style of Casework: the option defaults and style tables `apply_theme` installs.

Style names for screens:
  frames   TFrame (page), Card.TFrame (white panel), Sidebar.TFrame, Toolbar.TFrame,
           Status.TFrame
  labels   TLabel, Title.TLabel, Subtitle.TLabel, Hint.TLabel, Error.TLabel,
           Status.TLabel, Sidebar.TLabel, Sidebar.Hint.TLabel, Figure.TLabel (a large
           number on the dashboard)
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

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk
from typing import Any

from casework.ui.kit.palette import (
    BOLD_FONT,
    COLORS,
    ERROR_FONT,
    FIGURE_FONT,
    SMALL_FONT,
    SUBTITLE_FONT,
    TITLE_FONT,
)
from casework.ui.kit.style_images import configure_images


def configure_options(root: tk.Misc) -> None:
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

# From here on the module is data (style tables): one style per line reads better than
# the formatter's one option per line.
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
        # A thin ring in the link's colour: Tab reaches 今天 and +30天 and must show it.
        "Link.TButton": _flat_button(c.bg, c.accent, c.bg, c.bg, c.bg, padding=(s(2), 0),
                                     width=0, focusthickness=1, focuscolor=c.accent),
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
        "Figure.TLabel": dict(font=FIGURE_FONT, foreground=c.accent),
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
               "Error.TLabel", "Success.TLabel", "Warning.TLabel", "Figure.TLabel", "TCheckbutton",
               "TRadiobutton", "TLabelframe", "TLabelframe.Label")


def configure_styles(style: ttk.Style, scale: float, row_height: int) -> None:
    """Switch to clam and install every style, state map and drawn image."""
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
    configure_images(style, scale)

"""Colours and named fonts: the fixed parts of Casework's look.

Read by theme.py (which applies them), styles.py and style_images.py (which draw with
them); a module of its own so that those three import it and not each other.
"""

from __future__ import annotations

# Names of the Tk fonts theme.apply_theme creates, for the styles and for screens.
TITLE_FONT = "CaseworkTitleFont"
SUBTITLE_FONT = "CaseworkSubtitleFont"
BOLD_FONT = "CaseworkBoldFont"
SMALL_FONT = "CaseworkSmallFont"
ERROR_FONT = "CaseworkErrorFont"
FIGURE_FONT = "CaseworkFigureFont"  # the dashboard's large numbers


class Palette:
    """The application's colours; one accent, everything else quiet greys.

    Read-only class attributes, not a frozen dataclass: making one of this many fields
    cost every start two milliseconds.
    """

    __slots__ = ()
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

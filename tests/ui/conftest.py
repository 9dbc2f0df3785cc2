"""Fixtures for the screen tests."""

from __future__ import annotations

import pytest

from casework.ui.kit import dialogs, theme


@pytest.fixture
def no_message_boxes(monkeypatch):
    """Any error box or question the test did not expect fails it, instead of hanging."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:]}")

    monkeypatch.setattr(dialogs, "show_error", unexpected)
    monkeypatch.setattr(dialogs, "ask_yes_no", unexpected)


@pytest.fixture
def errors_shown(monkeypatch):
    """Error boxes are recorded as (title, message) instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, text: shown.append((title, text))
    )
    return shown


@pytest.fixture
def themed(tk_root):
    """The root with the Casework look applied, as the application does at start-up."""
    theme.apply_theme(tk_root)
    return tk_root

"""Fixtures for the screen tests."""

from __future__ import annotations

import pytest

from casework.ui import dialogs


@pytest.fixture
def no_message_boxes(monkeypatch):
    """Any error box or question the test did not expect fails it, instead of hanging."""

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:]}")

    monkeypatch.setattr(dialogs, "show_error", unexpected)
    monkeypatch.setattr(dialogs, "ask_yes_no", unexpected)

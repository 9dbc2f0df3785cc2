"""Tests of the Tkinter user interface, run on a real (virtual) display."""

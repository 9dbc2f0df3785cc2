"""The shared pieces every screen is built from: theme and styles, widgets, tables, form
dialogs, message boxes and the progress window.
"""

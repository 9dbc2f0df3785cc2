"""The Tkinter user interface: theme, reusable widgets, dialogs and one module per screen."""

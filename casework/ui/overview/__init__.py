"""工作概况: the dashboard the window opens on."""

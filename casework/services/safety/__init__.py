"""The data file kept safe: backups, encryption, the database file's door for the window,
integrity checks.
"""

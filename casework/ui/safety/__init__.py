"""The data file kept safe: start-up (password, recovery key, damaged file), backups and
encryption.
"""

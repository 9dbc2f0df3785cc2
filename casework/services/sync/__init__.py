"""Merging laptops by file: identity, change stamps, packages, the merge, conflicts."""

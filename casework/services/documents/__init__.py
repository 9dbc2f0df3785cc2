"""Resumes and the data behind documents: resumes, their entries and photos."""

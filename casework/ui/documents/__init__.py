"""Resumes and the documents that go out: the resume editor and the Word and Excel export
dialogs.
"""

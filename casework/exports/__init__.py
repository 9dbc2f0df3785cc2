"""Documents the cadre takes away: Word (resumes, visit logs, household files) and Excel lists.

Exports take plain dicts built by the services and never see widgets; every file is
written through `casework.exports.files` so a crash never leaves half a document.
"""

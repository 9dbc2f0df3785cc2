"""Jobs and placements: employers and postings, matching people to jobs, placements and the
subsidy.
"""

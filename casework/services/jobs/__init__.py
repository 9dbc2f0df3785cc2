"""Jobs and placements: employers, postings and the labour-demand import, matching, placements
and the subsidy.
"""

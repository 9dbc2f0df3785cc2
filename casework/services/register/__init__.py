"""The register and visits: areas, cadres, households, people, visits, wishes, search, lists
and the recycle bin.
"""

"""The register and visits: households and their members, visits and wishes, follow-up
reminders, areas, cadres and the recycle bin.
"""

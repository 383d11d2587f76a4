"""Writes of the missing app: episodes, return home interviews, placements, profiles."""

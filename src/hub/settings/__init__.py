"""Settings: base.py holds what every deployment shares; the others adjust it."""

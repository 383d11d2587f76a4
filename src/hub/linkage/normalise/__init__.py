"""Normalisers: names, dates of birth, postcodes, phones, identifiers, and whole records."""

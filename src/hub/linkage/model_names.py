"""What the linkage model is called, its version, and its comparisons in words.

Kept apart from `model.py` because that module builds the model from Splink's classes, and
importing Splink costs seconds: the review pages, which only show stored results, need these
names and not Splink (a test checks that importing them does not import it).
"""

from __future__ import annotations

MODEL_ID = "hub-person-linkage"
# Bump when comparisons, levels or blocking change: saved models record the version.
MODEL_VERSION = 8
# The day agencies write when only the year of birth is known: such a date says the year.
PLACEHOLDER_DAY = "01-01"
# Comparisons whose exact level is adjusted for how common the value is.
TF_COMPARISONS = ("given_name", "family_name", "family_name_moved")

DESCRIPTIONS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "family_name_moved": "Family name, the addresses nothing alike",
    "middle_name": "Middle name",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "address": "Postcode and first line of address",
    "phone": "Phone number",
    "email": "Email address",
    "nhs_number": "NHS number",
    "other_identifier": "Agency identifier of the same kind",
}

"""A referral's subjects belong to their person: they move with a merge, and back with an
unmerge (hub.people.services.merge)."""

from hub.people.services import PersonReference, register_person_reference
from hub.referrals.models import ReferralSubject

register_person_reference(PersonReference(ReferralSubject, "person", ("referral",)))

"""The NRM app's link from a person's record."""

from __future__ import annotations

from hub.people.record_links import RecordLink, register_record_link
from hub.platform.access import Permission

register_record_link(RecordLink("National Referral Mechanism", "nrm:person", Permission.NRM_VIEW))

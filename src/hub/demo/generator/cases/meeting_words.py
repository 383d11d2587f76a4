"""What multi-agency meetings record: what was said of each person, what each agency shared
and how it may be passed on (3x5x2 handling), the decisions, and the actions set. Templates
take `{name}`, `{street}` and the pronoun words of referrals/telling.py."""

from __future__ import annotations

# What an agency kind shares: (summary, handling, conditions). "C" always carries conditions.
SHARED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "police": (
        (
            "Intelligence links {name} to two older males using an address on {street}; one "
            "is on bail for supplying drugs.",
            "C",
            "Police intelligence: not to be shared with the family or recorded on other "
            "agencies' systems without police agreement.",
        ),
        (
            "{name} was stopped twice this month in the company of adults known to police; no "
            "offences by {name}.",
            "C",
            "Share only with the case team; do not disclose the source.",
        ),
        ("Two missing episodes since the last panel, both found within a day.", "P", ""),
    ),
    "education": (
        ("Attendance is 72% this half term, up from 55%; {name} has a daily check-in.", "P", ""),
        ("Staff have seen {name} picked up at the gates by older males twice.", "P", ""),
    ),
    "health_trust": (
        (
            "{name} attended the emergency department once since the last meeting.",
            "C",
            "Health information: share only with the case team, for safeguarding.",
        ),
        ("{name} has started seeing the outreach nurse and kept both appointments.", "P", ""),
    ),
    "childrens_services": (
        ("The child and family assessment is complete; the plan is on the case.", "P", ""),
        ("{name} has moved to {their} grandparents' and the move is going well.", "P", ""),
    ),
    "youth_justice": (("{name} is keeping the weekly sessions with the youth worker.", "P", ""),),
    "probation": (
        (
            "{name} has breached the curfew on licence twice; a warning was given.",
            "C",
            "Probation information: for the panel's risk assessment only.",
        ),
    ),
    "housing": (("Neighbours report visitors at all hours at the flat on {street}.", "P", ""),),
    "adult_services": (("A care and support needs assessment is booked for next week.", "P", ""),),
    "voluntary": (("{name} comes to the drop-in each week and talks to the worker.", "P", ""),),
}
MACE_DISCUSSION = (
    "Partners shared what has happened since {name} was last discussed. The risk outside the "
    "home remains, but {they} {is} engaging with the youth worker and attending more often.",
    "{name} was discussed for the first time. Police and the school see the same older males; "
    "the panel looked at the places {name} goes and the people {they} {is} seen with.",
    "Progress for {name}: no missing episodes since the last panel and a settled placement. "
    "Partners agreed the plan is working.",
    "Concern has grown: {name} has been found out of area and is in contact with a group "
    "known for county lines. The panel agreed to disrupt the adults involved.",
)
MACE_DECISIONS: dict[str, tuple[str, ...]] = {
    "new": (
        "Listed for MACE: partners to share intelligence and disrupt the adults of concern; "
        "review in three months.",
        "Listed for MACE; the lead professional to update the safety plan with the panel's "
        "actions.",
    ),
    "review": (
        "Remains open to MACE; review in three months.",
        "Remains open to MACE; the address on {street} added to the locations of concern.",
    ),
    "down": (
        "Risk reduced: to leave MACE at the next review if progress holds.",
        "De-escalated from MACE; the case team continues the plan.",
    ),
}
PANEL_DECISIONS = (
    "The car park behind the shops on {street} added to the locations of concern; police and "
    "the council's licensing team to visit the businesses there.",
    "No new locations this month; the locations of concern list stays as it is.",
    "The panel agreed to ask the transport police to share sightings at the bus interchange.",
)
PANEL_SHARED = (
    (
        "Police shared a picture of the local drug supply lines and the addresses they use.",
        "C",
        "Police intelligence: for the panel only; not to leave the meeting.",
    ),
    ("Education shared the schools' exclusion and part-time timetable figures.", "P", ""),
)
MACE_ACTIONS: dict[str, tuple[str, ...]] = {
    "police": (
        "Carry out disruption visits at the address of concern before the next panel",
        "Apply for a closure notice on the address if the visits continue",
    ),
    "education": ("Report {name}'s attendance to the lead professional every week",),
    "health": ("Make sure {name} is offered a health review",),
    "childrens_services": ("Update the safety plan with the panel's actions",),
    "youth_justice": ("Add the panel's concerns to the youth justice plan",),
    "probation": ("Review {name}'s licence conditions before the next panel",),
}
STRATEGY_DECISIONS = (
    "Threshold for section 47 enquiries met: a joint visit by police and children's social "
    "care today, and {name} seen alone.",
    "Section 47 enquiries to start; {name} stays at home with a safety plan agreed tonight.",
    "Threshold for section 47 not met; continue under a child in need plan with a MACE listing.",
)
STRATEGY_DISCUSSION = (
    "Police shared the circumstances in which {name} was found and the adults involved; "
    "health shared recent attendances; social care shared what is known of the family.",
    "Partners agreed there is reasonable cause to suspect significant harm through "
    "exploitation outside the home, and agreed who will see {name} and when.",
)
STRATEGY_ACTIONS: dict[str, tuple[str, ...]] = {
    "police": ("Joint visit with children's social care today",),
    "childrens_services": ("Start section 47 enquiries and see {name} alone",),
    "health": ("Offer {name} a health assessment this week",),
}
S42_DISCUSSION = (
    "Adult social care shared the care and support needs assessment; police shared what is "
    "known of the people using {name}'s home. {name}'s wishes were heard first.",
)
S42_DECISIONS = (
    "A section 42 enquiry will go ahead, led by adult social care, with {name}'s agreement; "
    "police to investigate the people involved.",
)
S42_ACTIONS: dict[str, tuple[str, ...]] = {
    "police": ("Investigate the people using {name}'s home and consider a closure order",),
    "health": ("Check {name}'s medication and health needs at the next appointment",),
}
SLAVERY_DISCUSSION = (
    "Adult social care, police and health met on the NRM referral. {name} said first what "
    "{they} want{s}: to be safe and to stay in the area. Police shared what is known of the "
    "people who controlled {their} work and documents.",
    "The conference heard how {name} was moved between addresses and made to work without "
    "pay. Safe accommodation is in place through the victim care contract.",
)
SLAVERY_DECISIONS = (
    "{name} meets the section 42 criteria; the enquiry goes ahead alongside the NRM, with "
    "safe accommodation and an independent advocate.",
    "Police to pursue the people who exploited {name}; adult social care to lead the "
    "safeguarding plan, reviewed when the NRM decision is known.",
)
SLAVERY_ACTIONS: dict[str, tuple[str, ...]] = {
    "police": (
        "Record the modern slavery crime and seek to recover {name}'s passport",
        "Visit the addresses {name} was moved between and share what is found",
    ),
    "health": ("Arrange a health assessment for {name} with an interpreter",),
}

"""What case teams write: safety plan goals, the person's and family's views, contingency
steps, actions, the reasons for each risk level, and why a case closes. Templates take
`{name}` and the pronoun words of referrals/telling.py; the language is the person's and the
partnership's, never blaming the person for what others do to them."""

from __future__ import annotations

from collections.abc import Iterable

# The family of concern a case is about, from the referral's forms of exploitation.
FAMILIES: tuple[tuple[str, frozenset[str]], ...] = (
    ("trafficking", frozenset({"MODERN_SLAVERY_TRAFFICKING", "LABOUR", "DOMESTIC_SERVITUDE"})),
    ("home", frozenset({"CUCKOOING"})),
    ("sexual", frozenset({"CSE", "SEXUAL_EXPLOITATION_ADULT"})),
    ("criminal", frozenset({"CCE", "COUNTY_LINES", "SERIOUS_VIOLENCE"})),
    ("online", frozenset({"ONLINE", "RADICALISATION"})),
    ("financial", frozenset({"FINANCIAL"})),
)


def family_of(types: Iterable[str]) -> str:
    """The first family the concern belongs to ("general" when none)."""
    codes = set(types)
    return next((name for name, members in FAMILIES if members & codes), "general")


GOALS: dict[str, tuple[str, ...]] = {
    "sexual": (
        "{name} has no contact with the adults who have been picking {them} up",
        "{name} has a safe way home at night and knows who to call",
        "{name} has sexual health advice and support from the outreach nurse",
        "{name} understands that what happened was not {their} fault",
    ),
    "criminal": (
        "{name} is no longer holding or carrying drugs or money for others",
        "The 'debt' {name} was told {they} owe{s} is dealt with, and {they} {is} safe from "
        "those who imposed it",
        "{name} is back in full-time education or training",
        "Missing episodes stop, and {name} is found quickly and safely if missing",
    ),
    "online": (
        "{name} uses {their} phone and games safely, with settings agreed with {their} family",
        "The accounts that contacted {name} are reported, blocked and investigated",
        "{name} knows the harm was not {their} fault and has counselling support",
    ),
    "trafficking": (
        "{name} is safe, with {their} own documents back and somewhere secure to live",
        "{name} has independent advice on the National Referral Mechanism and {their} "
        "immigration status",
        "{name} is supported into safe, fairly paid work when ready",
    ),
    "home": (
        "{name}'s home is {their} own again, and the people who took it over are kept out",
        "{name} has a support worker who visits twice a week",
        "{name}'s tenancy is secure, with the landlord working with us",
    ),
    "financial": (
        "{name}'s money and bank cards are back in {their} control",
        "{name} is not paying anyone for 'friendship' or protection",
    ),
    "general": (
        "{name} has a trusted adult {they} can talk to every week",
        "{name}'s health needs are met, with a GP and the support {they} ask{s} for",
    ),
}
CHILD_GOALS = (
    "{name} is in school every day, with a safe adult to go to",
    "{name}'s family know the warning signs and how to report them",
)
PERSON_VIEWS = (
    '{name} said: "I just want everyone to stop worrying and let me get on with things." '
    "{They} agreed to meet the youth worker each week.",
    '{name} said: "I want to go back to college and get a job." {They} would like help to '
    "keep away from the people involved.",
    "{name} does not see {themself} as at risk, but said {they} would call the worker if "
    "{they} felt unsafe.",
    '{name} said: "I don\'t want the police at my door all the time." {They} agreed to '
    "visits from the support worker instead.",
    "{name} is frightened of what the people involved might do, and wants to feel safe at "
    "home first.",
)
FAMILY_VIEWS = (
    "{name}'s mum is exhausted and frightened for {them}; she wants help with evenings and "
    "weekends.",
    "{name}'s carers want clear advice on what to do when {they} {is} late home.",
    "{name}'s grandparents are protective and will have {them} to stay at weekends.",
    "{name}'s dad feels the family were blamed at first; he now wants to work with us.",
)
ADULT_FAMILY_VIEWS = (
    "{name} asked us not to contact {their} family, and we have respected that.",
    "{name}'s sister is worried and wants to help; {name} agreed we may talk to her.",
    "",
)
CONTINGENCY: dict[bool, tuple[str, ...]] = {
    True: (
        "If {name} goes missing: carers call the police at once, not after a set time, and "
        "tell the hub. Police check the addresses named in the plan. A return home interview "
        "within 72 hours of {their} return.",
        "If {name} is seen with the adults of concern: call 999 if {they} {is} in danger; "
        "otherwise tell the police and the lead professional the same day.",
        "If {name} is found out of area: police there are told {they} {is} on a MACE plan; "
        "the hub arranges a safe journey home and a worker meets {them}.",
    ),
    False: (
        "If the people come back to {name}'s home: {name} calls 999 or the support worker; "
        "police attend as a priority and the housing officer is told the same day.",
        "If {name} stops answering: the support worker visits within 24 hours, with police if "
        "there are signs that others are in the flat.",
        "If {name} is moved on or disappears: police are told at once and the National "
        "Referral Mechanism first responder is informed.",
    ),
}
# Actions, by who owns them: the kind of practitioner (as in usernames).
ACTIONS: dict[str, tuple[str, ...]] = {
    "police": (
        "Visit the address of concern to disrupt the adults using it, and report back",
        "Check the vehicles seen with {name} and submit the intelligence",
        "Consider a Child Abduction Warning Notice against the adult named",
        "Make sure the control room knows the plan if {name} is reported missing",
    ),
    "socialcare": (
        "Visit {name} at home every week and see {them} alone",
        "Arrange a family network meeting",
        "Review with {name}'s family what would help at home",
    ),
    "school": (
        "Agree a safe adult and a daily check-in for {name}",
        "Plan {name}'s return to a full timetable",
        "Share {name}'s attendance with the hub every Friday",
    ),
    "health": (
        "Offer {name} an appointment with the sexual health outreach nurse",
        "Refer {name} to the mental health service and follow it up",
        "Check {name} is registered with a GP and offer a health review",
    ),
    "youthjustice": (
        "Start weekly one-to-one sessions with {name} on safety and debt",
        "Support {name} at the next court date and at interview",
    ),
    "probation": (
        "Review {name}'s licence conditions with {them}, given the new associates",
        "Link {name} with the employment and training adviser",
    ),
    "hub": (
        "Ask for a return home interview after every missing episode",
        "Refer {name} to a specialist exploitation support worker",
        "Share the plan with the MACE coordinator and the partners",
    ),
}
ADULT_ACTIONS = (
    "Refer {name} to adult social care for an assessment of care and support needs",
    "Help {name} register with a GP and the drug and alcohol service",
)
ASSESSMENT_ACTION = "Complete the child and family assessment"
DONE_NOTES = ("", "", "Done.", "Done; see the case notes.", "Completed and shared with the team.")
CANCEL_NOTES = (
    "No longer needed: the plan changed at the review.",
    "Cancelled: {name} moved school, and the new school has a plan of its own.",
)
CLOSING_NOTES = ("Completed before closing the case.", "No longer needed: the case is closing.")

OPEN_REASONS: dict[str, str] = {
    "strategy_discussion": "Opened after the hub's decision to hold a strategy discussion; "
    "the risk will be set when partners have shared what they know.",
    "mace_listing": "Opened for the MACE panel listing; partners to bring what they hold.",
    "section_42_enquiry": "Opened for the section 42 enquiry; adult social care to lead the "
    "enquiry with police.",
    "nrm_referral": "Opened for the National Referral Mechanism referral and the support "
    "that follows.",
}
RISK_REASONS: dict[str, tuple[str, ...]] = {
    "up": (
        "{name} was found out of area again, with an older male known to police; the "
        "missing episodes are getting longer.",
        "New intelligence links {name} to an address used for drug supply, and {they} "
        "{has} new injuries {they} will not explain.",
        "{name} told the youth worker {they} {is} frightened of the people involved and "
        "cannot stop seeing them.",
    ),
    "same": (
        "No change since the last review: some progress at school, but {name} is still in "
        "contact with the adults of concern.",
        "Unchanged: {name} engages with the worker, and the risk outside the home is the same.",
    ),
    "down": (
        "{name} has not been missing for six weeks and is attending every day; the adults of "
        "concern have been warned off by police.",
        "{name} has moved away from the group and is engaging well with the support worker.",
        "Arrests and a closure order at the address have removed the main source of risk.",
    ),
    "strategy": (
        "The strategy discussion agreed there is reasonable cause to suspect that {name} is "
        "suffering, or likely to suffer, significant harm; section 47 enquiries have started.",
        "The strategy discussion agreed the risk is significant: a safety plan now, and a MACE "
        "listing so that partners disrupt the adults involved.",
    ),
}
CLOSURE_REASONS: dict[str, tuple[str, ...]] = {
    "risk_reduced": (
        "The goals of the plan are met: no missing episodes for three months, {name} is in "
        "education every day and has no contact with the people of concern.",
        "The risk has fallen and stayed low; {name} and the family know how to get help, and "
        "the school continues to support {them}.",
    ),
    "risk_ongoing_other_plan": (
        "{name} is now on a child protection plan, which holds the exploitation risk; this "
        "case closes to avoid two plans.",
    ),
    "adult_services": (
        "{name} is now 18; adult social care and the transitions worker carry the plan on.",
    ),
    "moved_away": (
        "{name} has moved out of the region with {their} family; the new area's hub has the "
        "plan and the chronology.",
    ),
    "disengaged": (
        "{name} has declined every offer of support for two months; closed with a plan to "
        "re-open at once on any new concern, and the school is watching closely.",
    ),
}
SIGN_OFF_RETURNS = (
    "Stays open: the police actions are not complete and the last missing episode was only "
    "a fortnight ago.",
    "Stays open: see {name} alone once more and record {their} views before closing.",
)

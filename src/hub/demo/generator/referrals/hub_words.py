"""What the hub writes: partner checks, working notes, the reasons and advice of decisions,
and managers' sign-off notes. Templates take `{name}`, `{types}`, `{target}` and the pronoun
words of scenarios.py; the charities named are the invented ones of organisations.py."""

from __future__ import annotations

from hub.organisations.models import Agency

Kind = Agency.Kind

CHECK_HOLDS: dict[str, tuple[str, ...]] = {
    Kind.POLICE: (
        "Two intelligence reports in the last six months link {name} to older males involved "
        "in drug supply.",
        "Reported missing {count} times this year; found each time with adults known to police.",
        "Stopped and searched last month carrying a large amount of cash; no further action then.",
        "Named as a possible victim in an investigation into an exploitation network.",
    ),
    Kind.CHILDRENS_SERVICES: (
        "Open to children's social care on a child in need plan since last year.",
        "An assessment closed three months ago; the worry then was going missing.",
        "Known to early help: the family took part in a parenting programme last year.",
    ),
    Kind.ADULT_SERVICES: (
        "Care and support needs assessed last year (learning disability); a personal budget.",
        "A safeguarding concern about financial abuse last year was closed without an enquiry.",
    ),
    Kind.HEALTH_TRUST: (
        "Two emergency department attendances this year, one with an injury left unexplained.",
        "Open to the mental health service; last seen four weeks ago, missed two appointments.",
        "Sexual health clinic attendances recorded; staff raised a concern in the spring.",
    ),
    Kind.HEALTH_ICB: ("The GP practice has recorded worries about weight loss and missed care.",),
    Kind.EDUCATION: (
        "Attendance 61% this term; two suspensions for fighting.",
        "The designated safeguarding lead has logged five concerns this school year.",
    ),
    Kind.YOUTH_JUSTICE: (
        "Open to the youth justice service on a referral order for carrying a bladed article.",
        "Completed an out-of-court disposal last year; the worker saw signs of exploitation.",
    ),
    Kind.PROBATION: (
        "Under probation supervision; the officer is worried about new associates.",
        "Licence conditions include a curfew, breached twice in the last month.",
    ),
    Kind.HOUSING: (
        "Repeated complaints about visitors at all hours; a warning letter was sent.",
        "A tenancy sustainment officer is involved after rent arrears built up quickly.",
    ),
    Kind.VOLUNTARY: (
        "Attends the outreach drop-in; workers are worried about older males waiting outside.",
        "Was offered a support worker last year but stopped engaging after two sessions.",
    ),
}
CHECK_NOTHING = (
    "No records held.",
    "Not known to the service.",
    "Checked: nothing relevant held.",
)
CHECK_AWAITING = (
    "Asked by secure email; reply awaited.",
    "Request sent; the service will reply within two working days.",
)

NOTES = (
    "Spoke to the referrer by phone to clarify when this happened; they will send their "
    "safeguarding log.",
    "Checked the missing episodes recorded by police: {count} in the last three months.",
    "The address named is already on the hub's list of locations of concern.",
    "The allocated worker is on leave; spoke with the duty manager instead.",
    "Asked the intelligence analyst to look for links between the persons and vehicles named.",
    "The referrer confirmed {name} is safe at home tonight.",
)
CHILD_NOTES = (
    "Discussed with the hub manager: the threshold for a strategy discussion is likely met.",
    "Tried to call {their} parent twice; no answer. Will try again this afternoon.",
    "Spoke to {name}'s school: attendance has dropped and staff share the worry.",
)

REASONS: dict[str, tuple[str, ...]] = {
    "no_further_action": (
        "Partner checks show no wider concerns; this was a one-off incident that has been "
        "explained, and the family are protective.",
        "The concern is already being managed: {name} has an allocated worker with a safety "
        "plan in place.",
    ),
    "early_help": (
        "Below the threshold for statutory services, but the family would benefit from support "
        "with {their} school attendance and evening routines.",
        "Early signs only; a family support worker can help before things escalate.",
    ),
    "exploitation_screening": (
        "Several indicators of {types}: an exploitation screening will establish the risk.",
        "The information is incomplete but worrying; a screening with the referrer and police "
        "will clarify the risk.",
    ),
    "strategy_discussion": (
        "Reasonable cause to suspect {name} is suffering, or likely to suffer, significant harm "
        "through {types}. Strategy discussion with police and health today.",
    ),
    "section_42_enquiry": (
        "{name} has care and support needs, is being exploited and, because of those needs, "
        "cannot protect {themself}.",
    ),
    "mace_listing": (
        "Links to a location and older males already known to partners; multi-agency "
        "disruption is needed.",
        "One of a group at risk from the same people: listed for the panel so that partners act "
        "together.",
    ),
    "nrm_referral": (
        "Indicators of trafficking (movement, control, debt): a National Referral Mechanism "
        "referral will be made.",
        "Indicators of modern slavery; the first responder will complete the referral today.",
    ),
    "transfer": (
        "{name} lives in {target}; the hub there is responsible and has been told by phone.",
    ),
}
# Where a reason for a child would not fit an adult.
ADULT_REASONS: dict[str, tuple[str, ...]] = {
    "no_further_action": (
        "Partner checks show no wider concerns; {name} has support around {them} and does not "
        "want further involvement.",
    ),
    "early_help": (
        "Below the threshold for a safeguarding enquiry; a support worker can help {them} keep "
        "control of {their} home and money.",
    ),
}
DEFAULT_REASONS = ("Decided on the information held and the partner checks.",)
# Advice for the referrer with no further action: about a concern online, a child, an adult.
ADVICE: dict[str, tuple[str, ...]] = {
    "online": (
        "Share the online safety advice with the family and report the account to the "
        "platform. Refer again if the contact starts again.",
    ),
    "child": (
        "Keep talking with {name} about who {they} spend{s} time with. Refer again at once if "
        "there are new signs: going missing, new phones or money, older associates. The "
        "Lanternway Youth Trust runs drop-ins and takes referrals directly.",
        "Record any further concern on your safeguarding system and refer again if anything "
        "changes. Brightwater Exploitation Support can offer a support worker.",
    ),
    "adult": (
        "Keep in touch with {name} and refer again if the people around {them} change or "
        "{they} lose{s} control of {their} money or home. Brightwater Exploitation Support can "
        "offer a support worker.",
        "Make sure {name} knows how to contact the police and adult social care, and refer "
        "again if {they} ask{s} for help.",
    ),
}
APPROVAL_NOTES = ("", "", "Agreed.", "Agreed; review at the next panel.")
RETURN_NOTES = (
    "Returned: record the police check before closing this.",
    "Returned: the missing episodes point to a screening rather than no further action.",
    "Returned: set out why the threshold for a strategy discussion is not met.",
)

"""What practitioners and managers write about screenings: the reasons for choosing a grade
other than the tool's, and the manager's review notes. Templates take `{name}` and the
pronoun words of referrals/telling.py."""

from __future__ import annotations

# A higher grade than the tool gave: what the tool's questions do not capture.
RAISED = (
    "The tool does not capture how quickly things have changed: {name} has been found twice "
    "this month at the same address with adults known to police. My professional judgement "
    "is that the risk is higher.",
    "{name} told us the people involved know where {their} family live, and {they} {is} "
    "frightened of them. The threat is current, and the indicators do not reflect it.",
    "Police intelligence shared at the hub, which cannot go on the form, links {name} to a "
    "group already known to exploit children. I have graded up on that basis.",
    "{name}'s learning needs mean {they} cannot recognise the danger; the same answers for "
    "another young person would mean less risk.",
)
# A lower grade than the tool gave: protective factors the tool does not weigh.
LOWERED = (
    "Most of the indicators relate to the weeks before {name} moved to {their} grandparents'. "
    "Since then {they} {has} been in school every day and not gone missing.",
    "The adults of concern were arrested and remanded last week; {name} is engaging well with "
    "the youth worker. I have graded down and will re-screen sooner than usual.",
    "{name}'s family are protective and acted at once; the one significant indicator was a "
    "single incident, now explained.",
)
# Written again after a manager returned the screening: the same view, better evidenced.
REASONED_AGAIN = (
    " Since the manager's return I have added the police check and the school's attendance "
    "record, which support this.",
    " Evidence now added: the missing episodes logged by police and what {name} said on the "
    "home visit.",
)
AGREED = (
    "",
    "",
    "Agreed.",
    "Agreed with the grade and the pathway.",
    "Agreed; discuss at supervision.",
)
AGREED_OVERRIDE = (
    "Agreed: the rationale is well evidenced.",
    "Agreed with the practitioner's judgement; keep under close review.",
    "Agreed. Re-screen in six weeks rather than three months.",
)
RETURNED = (
    "Returned: set out the evidence for choosing a different grade, with dates and sources.",
    "Returned: the police information shared at the hub should be reflected in the answers.",
    "Returned: please check the time windows; several indicators look older than six months.",
)

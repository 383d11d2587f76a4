"""What is written about missing episodes, return home interviews, Philomena profiles and NRM
referrals in the synthetic region. Places are generic or invented; phone numbers are in
Ofcom's range kept for drama (07700 900000 to 900999), so none reaches anyone."""

from __future__ import annotations

LAST_SEEN = (
    "Leaving the placement after tea, saying {they} {was} going to the shop",
    "Outside school at the end of the day",
    "Getting into a car on {street}",
    "At the bus interchange in the town centre",
    "In {their} bedroom at bedtime; the window was found open in the morning",
    "Walking towards the retail park with two older boys",
)
CLOTHING = (
    "Black puffer jacket, grey joggers, white trainers",
    "Grey tracksuit, black cap, black cross-body bag",
    "School uniform with a dark green hoodie over it",
    "Blue jeans, a white hoodie and black sliders",
    "Black coat with a fur hood, leggings, pink trainers",
)
FOUND_PLACES = (
    "A takeaway on {street}",
    "A flat on {street}",
    "The railway station",
    "A park near {street}",
    "A petrol station forecourt on {street}",
    "A friend's house on {street}",
    "A house party on {street}",
)
FOUND_WITH = (
    "",
    "",
    "Alone",
    "Two friends from school",
    "An older male, not known to the family, who left as officers arrived",
    "A group of older teenagers",
    "Two adult males; one is known to police for supplying drugs",
    "A girl who is also missing from care",
)
RETURN_HOW = (("police", 40), ("self", 25), ("carer", 20), ("professional", 12), ("other", 3))
# What was learned at the interview: (push, pull, places, associates, in their own words).
LEARNED = (
    (
        "Arguments at the placement about {their} phone being taken away at night.",
        "Older friends who give {them} cannabis and lifts.",
        "A flat on {street}; the car park behind the shops.",
        "Two older boys known by street names only.",
        "I just wanted to get out. Nobody there listens to me.",
    ),
    (
        "Feels picked on at school; has not been going in.",
        "A 'boyfriend' in his twenties who buys {them} things.",
        "A hotel near the ring road.",
        "An adult male, first name only, who picks {them} up in a car.",
        "He's not a stranger, he looks after me. I'm not saying where we went.",
    ),
    (
        "Owes money to someone and is frightened of what happens if {they} {is} at home.",
        "Was told {they} could earn money quickly 'running' for someone.",
        "A town in the Welsh borders; a train there and back.",
        "A young man who gave {them} a phone and the train fare.",
        "I had to go. If I don't, they'll come to the house.",
    ),
    (
        "Misses {their} mum and wanted to see {their} brothers.",
        "Family in the old area.",
        "Grandmother's house; the park near the old school.",
        "Cousins; no concerns about them.",
        "I only went to see my mum. I'd go again.",
    ),
    (
        "Bored at the placement; no one {their} age there.",
        "Friends from a gaming group online.",
        "A house party; a friend's flat.",
        "A group of friends met online, some over 18.",
        "It was just a party. I didn't think anyone would call the police.",
    ),
)
PROFILE_DESCRIPTIONS = (
    "Slim build, about 5'6\", short dark hair, often in a black puffer jacket.",
    "Tall for {their} age, light brown hair usually tied back, wears glasses.",
    "Stocky build, shaved head, small scar above the left eyebrow.",
    "Average build, long dark hair, a nose stud, usually in a grey tracksuit.",
)
PROFILE_ASSOCIATES = (
    "Friends from the youth club; an older boy known as 'T' who is a concern.",
    "A 'boyfriend' thought to be in his twenties; two girls from the previous placement.",
    "Older teenagers who hang around the shops on {street}.",
)
PROFILE_PLACES = (
    "The shops on {street}; the retail park; the bus interchange.",
    "The previous placement's area; a park near {street}; a fast food restaurant in town.",
    "The railway station; a friend's flat on {street}.",
)
SOCIAL_MEDIA = ("Snapchat and TikTok (usernames with the social worker)", "Instagram; Snapchat")
MEDICAL = ("Asthma: carries an inhaler.", "None known.", "ADHD: takes medication each morning.")
OTHER = ("Usually has a bus pass; little money of {their} own.", "")

# The forms of exploitation of the hub's referrals, as the NRM counts them.
NRM_TYPES = {
    "CSE": "sexual",
    "SEXUAL_EXPLOITATION_ADULT": "sexual",
    "CCE": "criminal",
    "COUNTY_LINES": "criminal",
    "CUCKOOING": "criminal",
    "SERIOUS_VIOLENCE": "criminal",
    "FINANCIAL": "criminal",
    "LABOUR": "labour",
    "MODERN_SLAVERY_TRAFFICKING": "labour",
    "DOMESTIC_SERVITUDE": "domestic_servitude",
    "ORGAN_HARVESTING": "organ_harvesting",
}
NRM_SUMMARIES = {
    "criminal": (
        "{name} was found far from home holding drugs and cash, with a phone used to take "
        "orders. {They} said {they} owed a debt and was told where to go and when."
    ),
    "sexual": (
        "{name} has been taken to addresses and hotels by older males who give {them} "
        "alcohol, drugs and gifts; {they} {is} controlled through threats and debts."
    ),
    "labour": (
        "{name} works long hours for little or no pay; documents are held by the employer "
        "and {they} {is} told {they} owe{s} for travel and housing."
    ),
    "domestic_servitude": (
        "{name} lives in the household where {they} work{s}, cannot leave on {their} own, "
        "and is not paid."
    ),
    "organ_harvesting": "{name} says {they} {was} brought to the UK on the promise of money.",
    "not_specified": "{name} shows signs of being controlled by others for their gain.",
}
CONSENT_NOTES = (
    "Explained the NRM, what it offers and what happens next; {they} agreed and signed the form.",
    "Explained with an interpreter; {they} understood and gave informed consent.",
)
DECISION_NOTES = {
    "positive": ("Decision letter received by the first responder.", ""),
    "negative": ("Decision letter received; reasons shared with the person.", ""),
    "": ("Withdrawn: the person asked for the referral to be withdrawn.",
         "Withdrawn: the person could not be contacted and left the area."),
}  # fmt: skip
DEFENCE_OFFENCES = (
    ("drugs_supply", 40),
    ("drugs_possession", 15),
    ("offensive_weapon", 15),
    ("cannabis_cultivation", 10),
    ("theft", 10),
    ("fraud", 5),
    ("robbery", 5),
)
DEFENCE_NOTES = (
    "Arrested with drugs and cash at an address out of area; says {they} {was} made to go "
    "there to pay off a debt. Raised with the CPS as a possible section 45 defence.",
    "Charged after being found with a knife; says {they} carried it because {they} {was} "
    "threatened by the people {they} {was} working for.",
    "Found tending a cannabis grow in a locked house; says {they} could not leave.",
)

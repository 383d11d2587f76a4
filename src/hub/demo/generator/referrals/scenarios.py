"""What referrers write about: the kinds of concern the synthetic region sees.

Each kind says who it is about, who tends to refer it, how it is told (templates for
telling.py), where and when it tends to happen, and what the person may have said.
"""

from __future__ import annotations

from dataclasses import dataclass

from .telling import ADDRESSES, ONLINE_SPACES, STATIONS, STREET_SPOTS, TOWNS

CHILD, YOUNG_ADULT, ADULT = "child", "young_adult", "adult"


@dataclass(frozen=True)
class Scenario:
    """One kind of concern: who it is about, who refers it, and how it is told."""

    key: str
    ages: tuple[str, ...]
    weight: float
    types: tuple[str, ...]  # exploitation type codes, always given
    maybe_types: tuple[str, ...]  # each added now and then
    referrers: tuple[tuple[str, float], ...]  # practitioner kinds (as in usernames), weighted
    openings: tuple[str, ...]
    details: tuple[str, ...]
    places: tuple[str, ...]
    hours: tuple[int, ...]  # hours of the day it tends to happen at
    in_groups: bool = False  # can be about two or three persons found together
    leans: str = ""  # the gender it is more often about
    min_age: int = 0
    capacity_concern: float = 0.2  # adults: share with concerns about their capacity
    said: tuple[str, ...] = ()  # what the person may have said, in their own words


_ANY = (CHILD,)
_GROWN = (YOUNG_ADULT, ADULT)
# fmt: off
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "car_with_older_males", _ANY, 14, ("CSE",), ("ONLINE",),
        (("police", 3.5), ("school", 2), ("socialcare", 1.5), ("health", 1.5), ("youthjustice", 1)),
        (
            "{who} {was} found by police in a car with two older males parked near {place} "
            "at about {time}. The men drove off when officers approached. {They} had alcohol and a "
            "vape the men had given {them}.",
            "A member of the public called police after seeing {who} get into a car with an older "
            "man near {place} late at night. {They} {was} found two hours later, drunk, at a "
            "house party.",
            "{who} {has} been seen several times being picked up from outside school by different "
            "older males in cars. The registration of one of the cars has been noted.",
        ),
        (
            "{They} {has} new clothes and a second phone nobody at home paid for.",
            "Friends say {they} {has} an older 'boyfriend' in his twenties.",
            "{They} will not say where {they} {has} been.",
            "{Their} attendance has dropped sharply this term.",
        ),
        STREET_SPOTS, (20, 21, 22, 23, 0, 1, 2), in_groups=True, leans="female",
        said=(
            "He's my boyfriend, he looks after me.",
            "They're just friends, they give us lifts.",
            "I don't want to talk about it.",
        ),
    ),
    Scenario(
        "going_missing", _ANY, 16, ("CSE",), ("CCE", "COUNTY_LINES"),
        (("police", 3), ("socialcare", 3), ("school", 2), ("health", 1)),
        (
            "{who} {has} been reported missing {count} times in the last {weeks} weeks. {They} "
            "{was} last found in {town}, a long way from home, and could not explain how {they} "
            "got there.",
            "{who} went missing from home overnight and came back the next afternoon "
            "with {item}. This is the {nth} missing episode this term.",
            "{who} {has} been going missing overnight at weekends and coming back tired, hungry "
            "and unwilling to talk.",
        ),
        (
            "Carers found train tickets to {town} in {their} room.",
            "{They} {has} been seen with older teenagers who are not from the area.",
            "A return home interview was offered but {they} would not take part.",
            "{Their} phone was switched off for the whole time {they} {was} missing.",
        ),
        STATIONS + STREET_SPOTS, tuple(range(24)),
        said=(
            "I was just at a mate's.",
            "I'm not telling you where I was.",
            "Nobody else cares where I am.",
        ),
    ),
    Scenario(
        "unexplained_items", _ANY, 14, ("CCE",), ("COUNTY_LINES",),
        (("school", 5), ("socialcare", 2), ("youthjustice", 1.5), ("police", 1.5)),
        (
            "Staff noticed {who} {has} {item} and {item2}. {They} would not say where they came "
            "from and became angry when asked.",
            "{who} {has} been seen with large amounts of cash (about £{cash}) and two phones that "
            "ring constantly during lessons.",
            "Mum found {item} and several small bags of cannabis in {their} bedroom. {They} said "
            "{they} {was} 'looking after them for a friend'.",
        ),
        (
            "{They} {has} started arriving late and leaving at lunchtime, picked up by older boys.",
            "{They} {has} been heard talking about 'owing' someone money.",
            "{Their} behaviour has changed: withdrawn in class and tired most mornings.",
            "Other pupils say {they} {is} 'working' for someone.",
        ),
        ("the school grounds", "the school gates at home time", *STREET_SPOTS),
        (8, 9, 10, 11, 12, 13, 14, 15, 16), leans="male",
        said=(
            "I just hold stuff for them, it's not a big deal.",
            "My cousin bought it for me.",
            "I owe them money and they said I have to work it off.",
        ),
    ),
    Scenario(
        "known_address", _ANY, 10, ("CCE",), ("CSE", "COUNTY_LINES"),
        (("police", 5), ("socialcare", 2.5), ("youthjustice", 2.5)),
        (
            "{who} {was} seen going into {place}, an address known to police for drug supply, at "
            "about {time}, and leaving an hour later with an older male.",
            "Police visiting {place} found {who} there with several adults. The address is "
            "linked to a local group involved in supplying drugs.",
        ),
        (
            "{They} had {item} and could not say who gave it to {them}.",
            "Neighbours say young people visit the address late every night.",
            "{They} gave a false name when first asked.",
        ),
        ADDRESSES, (18, 19, 20, 21, 22, 23), in_groups=True,
        said=("It's just somewhere to chill.", "They're my mates.", "I can stop whenever I want."),
    ),
    Scenario(
        "online_contact", _ANY, 14, ("ONLINE",), ("CSE",),
        (("school", 4.5), ("police", 2.5), ("health", 1.5), ("socialcare", 1.5)),
        (
            "{who} told a teacher {they} {has} been messaging an adult {they} met on a gaming "
            "platform, who has asked for pictures and offered to send {them} money.",
            "{who}'s parent found messages on {their} phone from an unknown adult asking {them} to "
            "meet near {spot} and to keep it secret.",
            "{who} {has} been sent threats by an account demanding money, or intimate pictures "
            "of {them} will be shared with {their} school friends.",
        ),
        (
            "{They} {has} deleted the app but the account keeps contacting {them} under new names.",
            "{They} said the person claimed to be sixteen.",
            "{They} {was} very distressed and frightened {their} parents would find out.",
        ),
        ONLINE_SPACES, (18, 19, 20, 21, 22, 23), leans="female",
        said=(
            "I thought he was my age.",
            "Please don't tell my mum.",
            "They said they'd post the pictures if I told anyone.",
        ),
    ),
    Scenario(
        "arrested_out_of_area", _ANY, 10, ("COUNTY_LINES", "CCE"), ("SERIOUS_VIOLENCE",),
        (("police", 7), ("youthjustice", 3)),
        (
            "{who} {was} arrested in {place} with {count} wraps of what is believed to be crack "
            "cocaine and heroin and £{cash} in cash. {They} {was} found in a flat with an adult "
            "male from {area}.",
            "Officers stopped {who} at {station} travelling alone late at night with no ticket, "
            "a phone that kept ringing and £{cash} in cash.",
        ),
        (
            "{They} had been reported missing two days earlier.",
            "{They} {was} carrying a train ticket bought by someone else.",
            "A second phone held messages offering drugs for sale.",
        ),
        TOWNS, tuple(range(24)), in_groups=True, leans="male", min_age=13,
        said=(
            "I had to go, I owe them.",
            "They said they'd hurt my mum if I didn't.",
            "I'm not a grass.",
        ),
    ),
    Scenario(
        "serious_violence", _ANY, 10, ("SERIOUS_VIOLENCE",), ("CCE",),
        (("health", 4.5), ("police", 3.5), ("youthjustice", 2)),
        (
            "{who} came to the emergency department with a stab wound to the leg and would not "
            "say how it happened. {They} left before being discharged.",
            "{who} {was} found carrying a large knife near {place}. {They} said {they} needed it "
            "for protection because {they} owe{s} money to older boys.",
            "A video shared at school shows {who} being assaulted by a group of older teenagers; "
            "it is thought to be linked to a dispute between local groups.",
        ),
        (
            "{They} {has} been seen with older males linked to a local group.",
            "{Their} family say {they} {is} frightened to leave the house.",
            "{They} {has} refused to make a statement.",
        ),
        STREET_SPOTS, (15, 16, 17, 18, 19, 20, 21, 22, 23), leans="male", min_age=13,
        said=("I need it to protect myself.", "If I talk, it gets worse.", "I'm not a grass."),
    ),
    Scenario(
        "money_mule", (CHILD, YOUNG_ADULT), 4, ("FINANCIAL",), ("CCE",),
        (("police", 4), ("school", 3), ("socialcare", 3)),
        (
            "{who}'s bank has frozen {their} account after large sums passed through it. {They} "
            "said someone on social media paid {them} £{small} to 'borrow' the account.",
            "{who} {has} been opening bank accounts and handing the cards to an older man who "
            "pays {them} in cash and trainers.",
        ),
        ("{They} {has} been told {they} will be hurt if {they} stop{s}.",),
        ONLINE_SPACES, (12, 15, 18, 20), min_age=15,
        said=("It was easy money, I didn't think it was a big deal.",),
    ),
    Scenario(
        "cuckooing", _GROWN, 25, ("CUCKOOING",), ("COUNTY_LINES", "FINANCIAL"),
        (("police", 4), ("probation", 2), ("health", 4)),
        (
            "Neighbours report that {who}'s flat on {street} has been taken over by a group of men "
            "who come and go at all hours. {They} {was} seen looking frightened at the window "
            "and {has} missed {their} appointments.",
            "On a welfare visit officers found {who} sleeping in the kitchen of {their} own flat "
            "while three males used the living room to store and sell drugs.",
            "{who} told {their} support worker that 'friends' moved in a month ago and now keep "
            "{their} bank card and phone.",
        ),
        (
            "{They} {has} a learning disability and live{s} alone.",
            "The landlord has had complaints about noise and needles in the stairwell.",
            "{They} {is} afraid of losing the tenancy if {they} report{s} it.",
        ),
        ADDRESSES, (10, 14, 19, 22), capacity_concern=0.5,
        said=(
            "They're my friends, they let me stay up late with them.",
            "I don't want any trouble, I just want them to leave.",
            "I can't say no to them.",
        ),
    ),
    Scenario(
        "labour", _GROWN, 20, ("LABOUR",), ("MODERN_SLAVERY_TRAFFICKING",),
        (("police", 6), ("health", 3), ("probation", 1)),
        (
            "{who} {was} found working at a hand car wash on {street} for up to 14 hours a day. "
            "{They} said the owner pays nothing because of a debt for travel and rent, and "
            "keeps {their} passport.",
            "On a visit to a takeaway on {street}, officers found {who} living in the storeroom "
            "above the shop and working long hours for no pay.",
            "{who} told a nurse at the walk-in centre that {they} work{s} on a building site six "
            "days a week for food and a mattress, and {is} not allowed out alone.",
        ),
        (
            "{They} speak{s} little English and did not know the name of the town.",
            "A van collects the workers at 6am every day.",
            "{They} {has} injuries to the hands that have not been treated.",
        ),
        ADDRESSES, (6, 7, 8, 11, 15, 18), in_groups=True, leans="male",
        said=(
            "I have to pay back the debt first.",
            "The boss keeps my passport safe.",
            "I can't go home, they have my passport.",
        ),
    ),
    Scenario(
        "modern_slavery", _GROWN, 15, ("MODERN_SLAVERY_TRAFFICKING",), ("LABOUR",),
        (("police", 7), ("health", 3)),
        (
            "{who} {was} found in a house on {street} with several other adults sleeping on "
            "mattresses in every room. A man who collects them each morning in a van keeps their "
            "identity documents.",
            "{who} {was} brought to the emergency department with injuries by a man who answered "
            "every question for {them} and would not leave {them} alone with staff.",
        ),
        (
            "{They} said {they} came to the UK for a job that did not exist.",
            "{They} {is} frightened of what will happen to family abroad if {they} speak{s} to us.",
        ),
        ADDRESSES, (7, 9, 13, 17, 21), in_groups=True,
        said=("If I talk to you they will know.", "I have to work for my family back home."),
    ),
    Scenario(
        "financial_adult", (ADULT,), 12, ("FINANCIAL",), ("CUCKOOING",),
        (("health", 4), ("police", 3), ("probation", 3)),
        (
            "{who}, who has care and support needs, {has} been handing over {their} benefits each "
            "week to a man {they} call{s} a friend. {They} {is} often without food or "
            "electricity.",
            "{who}'s bank reported that {they} {has} withdrawn most of {their} savings in cash "
            "over three weeks, each time with the same younger man waiting outside.",
        ),
        ("{They} {has} become withdrawn and stopped going to the day centre.",),
        ADDRESSES, (10, 11, 14, 15), capacity_concern=0.6,
        said=("He's my friend, he helps me with money.", "I don't want to get him in trouble."),
    ),
    Scenario(
        "sexual_exploitation_adult", _GROWN, 12, ("SEXUAL_EXPLOITATION_ADULT",), ("ONLINE",),
        (("health", 5), ("police", 5)),
        (
            "{who} {has} been seen being dropped at hotels near {place} by different men late at "
            "night. {They} {has} injuries {they} will not explain.",
            "{who} told a sexual health nurse that a man {they} met online arranges for {them} to "
            "'meet his friends' and keeps the money.",
        ),
        ("{They} {has} been moved between addresses in several towns.",),
        STREET_SPOTS + STATIONS, (21, 22, 23, 0, 1), leans="female",
        said=("It's my choice.", "He says I owe him for the room."),
    ),
    Scenario(
        "county_lines_young_adult", (YOUNG_ADULT,), 16, ("COUNTY_LINES",), ("SERIOUS_VIOLENCE",),
        (("police", 6), ("probation", 4)),
        (
            "{who} {was} arrested at a flat in {place} with drugs packaged for sale and a phone "
            "taking orders. {They} {is} thought to have been sent there by older members of a "
            "group from {area}.",
            "{who} told {their} probation officer that {they} {has} to 'do shifts' out of town to "
            "pay off a debt after drugs were taken from {them} in a robbery.",
        ),
        ("{They} {was} first exploited as a child, and known to the hub then.",),
        TOWNS, tuple(range(24)), in_groups=True, leans="male",
        said=(
            "I can't stop now, they know where my family live.",
            "I just need to pay off what I owe.",
        ),
    ),
)
# fmt: on

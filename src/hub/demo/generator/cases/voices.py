"""The person's voice, in their own words: what they said, where, at which kind of contact,
and who wrote it down. Early on people often minimise or are frightened; later, as trust
grows, they say more about what they want. Places are invented or generic."""

from __future__ import annotations

from hub.cases.models import VoiceRecord

Context = VoiceRecord.Context

# Early words, by the family of concern (cases/words.py): guarded, frightened, loyal.
EARLY: dict[str, tuple[str, ...]] = {
    "sexual": (
        "He's not a stranger, he's my boyfriend. He buys me stuff because he cares about me.",
        "I don't want to talk about that night. I just want to forget it.",
        "Everyone's making a big deal. I can look after myself.",
    ),
    "criminal": (
        "If I stop, they'll come for my little brother. You don't get it.",
        "I owe them. I have to pay it back first, then I'm out.",
        "I'm not a grass. Don't put my name on anything.",
        "I was just holding it for someone. It wasn't mine.",
    ),
    "online": (
        "I thought he was my age. He said he'd post the pictures if I told anyone.",
        "Please don't tell my mum what was in the messages.",
    ),
    "trafficking": (
        "I cannot leave. They have my passport and they say I owe for the travel.",
        "If I talk to you, they will know. My family back home will pay for it.",
    ),
    "home": (
        "They're my mates, they let me stay up with them. I don't want trouble.",
        "I just want them to go. But I can't say no to them.",
    ),
    "financial": (
        "He's my friend, he helps me with my money. I don't want to get him in trouble.",
        "I give him my card on Mondays. He says he's keeping it safe for me.",
    ),
    "general": (
        "I don't know why everyone's asking me questions.",
        "Nobody listens anyway, so what's the point.",
    ),
}
# Later words: what the person wants, and what helps.
LATER = (
    "The youth worker's alright. She doesn't judge me. I want to keep seeing her.",
    "I've not been out late for ages. It's better at home now.",
    "I want to go to college and do mechanics. Can you help me with the form?",
    "I feel safer since they moved me. I still think about it at night though.",
    "I'm glad I told someone. I didn't think anyone would believe me.",
    "I know I can ring you if they come back. That helps.",
    "I want my own place one day, somewhere they can't find me.",
)
# Where each kind of contact happens, and who on the case team writes the words down (the
# kinds of practitioner, as in usernames, in order of preference).
CONTEXTS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (Context.HOME_VISIT, 4, ("socialcare", "hub")),
    (Context.SCHOOL, 2, ("school",)),
    (Context.RETURN_HOME_INTERVIEW, 2, ("hub", "socialcare")),
    (Context.CUSTODY, 1, ("police",)),
    (Context.HEALTH, 1, ("health",)),
    (Context.MEETING, 1, ("hub", "socialcare", "probation")),
    (Context.FOUND_OUT_OF_AREA, 0.5, ("police",)),
    (Context.OTHER, 0.5, ("hub", "youthjustice", "probation")),
)
PLACES: dict[str, tuple[str, ...]] = {
    Context.HOME_VISIT: ("At home", "At the family home", "At {their} carers' home"),
    Context.SCHOOL: ("The safeguarding lead's office", "The school's pastoral room"),
    Context.RETURN_HOME_INTERVIEW: ("At home, the day after {they} came back", "At the hub"),
    Context.CUSTODY: ("{area} custody suite",),
    Context.HEALTH: ("The sexual health clinic", "The GP surgery", "The emergency department"),
    Context.MEETING: ("Before the review, with the lead professional",),
    Context.FOUND_OUT_OF_AREA: ("A police station in a town in mid Wales", "A railway station"),
    Context.OTHER: ("A youth drop-in", "A café near the bus station"),
}

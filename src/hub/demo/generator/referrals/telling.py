"""How the synthetic texts are told: places (generic or invented), the referrer's other
answers, and the small engine that fills templates with names, pronouns and details.

Templates use `{who}` (the name or names as typed), pronouns (`{they}`, `{them}`, `{their}`,
`{themself}`, capitalised as `{They}`, `{Their}`) and verbs that agree with them (`{was}`,
`{has}`, `{is}`, and `{s}` for "owe{s}").
"""

from __future__ import annotations

import itertools
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from random import Random
from typing import Generic, TypeVar

from ..identities import STREETS

STREET_SPOTS = (
    "the car park behind the shops on {street}",
    "a lay-by on {street}",
    "a takeaway on {street}",
    "the petrol station forecourt on {street}",
    "a bus shelter on {street}",
    "the retail park car park off the ring road",
    "Foxglove Park",
    "the playing fields at Millpond Recreation Ground",
    "the canal towpath near the old lock",
    "the underpass by Cinder Hill Park",
)
STATIONS = (
    "platform 2 at the main railway station",
    "the bus interchange in the town centre",
    "the tram stop by the retail park",
    "a late-night train at the main railway station",
)
ADDRESSES = (
    "a flat on {street}",
    "a house on {street}",
    "a flat above a shop on {street}",
    "a ground-floor flat in a block off {street}",
)
ONLINE_SPACES = (
    "online, in a gaming platform's chat",
    "online, on a social media app",
    "online, on an encrypted messaging app",
)
TOWNS = (
    "a coastal town in North Wales",
    "a market town in Shropshire",
    "a town in mid Wales",
    "a seaside town in Lincolnshire",
    "a city in the East Midlands",
    "a town in the Welsh borders",
)
ITEMS = (
    "two mobile phones",
    "new designer trainers",
    "an expensive jacket nobody at home paid for",
    "several SIM cards",
    "a bank card in someone else's name",
    "a large bag of new clothes",
)

DESCRIPTIONS = (
    "Slim build, usually in a black puffer jacket.",
    "Often wears a grey tracksuit and a black cap.",
    "Has a small scar above the left eyebrow.",
    "Usually carries a small cross-body bag.",
    "Tall for {their} age, with short dark hair.",
    "Wears glasses; hair usually tied back.",
)
AWARENESS = {
    "no": (
        "We have not been able to speak to {them} yet.",
        "The family could not be reached before sending.",
    ),
    "not_told": (
        "Telling the family could put {them} at risk: an adult at home may be involved.",
        "Telling {them} now could warn the people exploiting {them}.",
    ),
}
CONSENT_NOT_SOUGHT = (
    "A child at risk of harm: consent is not needed to share for safeguarding.",
    "Seeking consent could increase the risk to {them}.",
    "There was no safe opportunity to ask.",
)
CONSENT_REFUSED = (
    "{They} said {they} did not want social workers involved.",
    "{They} said {they} would deny everything.",
)
DANGER_NOW = (
    "Police have been called: {they} may be at risk tonight.",
    "{They} said {they} {was} meeting them again tonight.",
    "{They} {has} not been seen since this morning and {their} phone is off.",
)
CAPACITY_CONCERNS = (
    "{They} {has} a learning disability and may not understand the risk from those around {them}.",
    "{They} appeared confused and intoxicated; capacity should be assessed when sober.",
    "Memory problems: {they} could not recall who had been staying in the flat.",
)


_PRONOUNS: dict[str, tuple[str, str, str, str]] = {
    "male": ("he", "him", "his", "himself"),
    "female": ("she", "her", "her", "herself"),
}


def pronouns(gender: str, plural: bool) -> dict[str, str]:
    """The words that agree with who a referral is about (several persons: they)."""
    if plural:
        they, them, their, themself = "they", "them", "their", "themselves"
    else:
        they, them, their, themself = _PRONOUNS.get(gender, ("they", "them", "their", "themself"))
    one = they != "they"  # "he was", "they were"
    return {
        "they": they,
        "them": them,
        "their": their,
        "themself": themself,
        "They": they.capitalize(),
        "Their": their.capitalize(),
        "was": "was" if one else "were",
        "has": "has" if one else "have",
        "is": "is" if one else "are",
        "s": "s" if one else "",
    }


T = TypeVar("T")


def pick(rng: Random, options: Sequence[T]) -> T:
    """One of the options, drawn from the step's stream."""
    return options[int(rng.random() * len(options))]


class Weighted(Generic[T]):
    """Values with weights, summed once, to draw from many times."""

    def __init__(self, weighted: Iterable[tuple[T, float]]) -> None:
        kept = [(value, weight) for value, weight in weighted if weight > 0]
        self.values = [value for value, _ in kept]
        self.cum = list(itertools.accumulate(weight for _, weight in kept))

    def draw(self, rng: Random) -> T:
        """One value, as likely as its weight."""
        return self.values[bisect(self.cum, rng.random() * self.cum[-1])]


class _Details(dict[str, str]):
    """A template's values: the words given, and any other detail drawn when first asked for
    (so a template pays only for the details it uses)."""

    def __init__(self, rng: Random, words: dict[str, str]) -> None:
        super().__init__(words)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "street":
            value = pick(rng, STREETS)
        elif key == "spot":
            value = pick(rng, STREET_SPOTS).format(street=self["street"])
        elif key in ("item", "item2"):
            other = self.get("item2" if key == "item" else "item")
            value = pick(rng, [item for item in ITEMS if item != other])
        else:
            draw = _DRAWS.get(key)
            if draw is None:
                raise KeyError(key)
            value = draw(rng)
        self[key] = value
        return value


_DRAWS: dict[str, Callable[[Random], str]] = {
    "station": lambda rng: pick(rng, STATIONS),
    "town": lambda rng: pick(rng, TOWNS),
    "count": lambda rng: str(rng.randint(3, 9)),
    "weeks": lambda rng: str(rng.choice((4, 6, 8))),
    "nth": lambda rng: pick(rng, ("third", "fourth", "fifth")),
    "cash": lambda rng: str(rng.randint(8, 60) * 10),
    "small": lambda rng: str(rng.randint(5, 30) * 10),
}


def fill(rng: Random, template: str, words: dict[str, str]) -> str:
    """A template told with `words` (names, pronouns, the place), and fresh details for the rest."""
    text = template.format_map(_Details(rng, words))
    return text[:1].upper() + text[1:]

"""NRM referrals and their decisions, as nrm/services would record them up to "now".

The persons the hubs decided to refer to the NRM (triage decisions in force), then others the
hubs worked with for trafficking, criminal or labour exploitation, about one in a hundred of
the region's persons. A police officer or the local authority (the first responders) refers:
a child always, an adult with informed consent; an adult who does not consent gets the
anonymous Duty to Notify record instead. Reasonable grounds decisions come mostly within 5
working days, some late; a positive one is followed by conclusive grounds no sooner than 30
days after (most are still awaited, as nationally); a few negative decisions are reconsidered,
a few referrals withdrawn. Children are referred to the guardian service (ICTG); offences
linked to criminal exploitation get statutory defence notes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING

from hub.nrm.models import DutyToNotify, NrmDecision
from hub.nrm.models import NrmReferral as NrmRecord
from hub.nrm.practice import nrm_practice
from hub.nrm.services.referrals import _age_band
from hub.platform.timescales import add_working_days
from hub.referrals.models import TriageDecision

from ..referrals.telling import Weighted, fill, pick, pronouns
from ..screenings.timing import local_day, office_moment
from . import words
from .records import Decision, Defence, Notification, NrmReferral, Person

if TYPE_CHECKING:
    from ..cases.records import Staff
    from ..core import RegionBuild
    from .episodes import Episodes

Kind, Outcome, Ictg = NrmDecision.Kind, NrmDecision.Outcome, NrmRecord.Ictg
SignOff = TriageDecision.SignOff
PERSONS_PER_REFERRAL = 100
AT_LEAST = 12  # referrals and notifications, however small the region
CONSENT_SHARE = 0.7
# Working days from submission to the reasonable grounds decision.
RG_DAYS = Weighted((((1, 5), 78), ((6, 15), 17), ((16, 45), 5)))
WITHDRAWN_SHARE, RECONSIDERED_SHARE, ICTG_SHARE, DEFENCE_SHARE = 0.04, 0.4, 0.6, 0.35
# Kinds of concern that bring a person to an NRM referral besides the hub's decision to.
TRAFFICKING = {"COUNTY_LINES", "MODERN_SLAVERY_TRAFFICKING", "LABOUR", "DOMESTIC_SERVITUDE",
               "CCE", "CUCKOOING", "SEXUAL_EXPLOITATION_ADULT"}  # fmt: skip


class Nrm:
    """Plans NRM referrals, decisions, notes and notifications from the step's stream."""

    def __init__(
        self, region: RegionBuild, rng: Random, now: datetime,
        staff: dict[tuple[str, str], Staff], episodes: Episodes,
    ) -> None:  # fmt: skip
        self.region, self.rng, self.now, self.staff = region, rng, now, staff
        self.episodes = episodes
        self.today = local_day(now)
        self.practice = nrm_practice()
        self.referrals: list[NrmReferral] = []
        self.notifications: list[Notification] = []

    def candidates(self, persons: dict[int, Person]) -> list[tuple[Person, datetime, list[str]]]:
        """Who is referred, when the hub decided, and the referral's forms of exploitation:
        the hubs' NRM decisions first, then others at risk of trafficking, then of other
        exploitation the NRM counts, each in a drawn order."""
        rows = (
            TriageDecision.objects.filter(subject__person__isnull=False)
            .filter(sign_off__in=(SignOff.NOT_NEEDED, SignOff.APPROVED))
            .exclude(code="no_further_action")
            .order_by("pk")
            .values_list(
                "code", "decided_at", "signed_off_at", "subject__person_id",
                "subject__referral__exploitation_types",
            )
        )  # fmt: skip
        decided, others, rest = [], [], []
        for code, decided_at, signed_at, person_id, types in rows:
            person = persons.get(person_id)
            if person is None or person.born is None or person.home_area.slug == "outside":
                continue
            entry = (person, signed_at or decided_at, list(types))
            if code == "nrm_referral":
                decided.append(entry)
            elif TRAFFICKING & set(types):
                others.append(entry)
            elif set(words.NRM_TYPES) & set(types):
                rest.append(entry)
        self.rng.shuffle(others)
        self.rng.shuffle(rest)
        target = max(AT_LEAST, self.region.persons_total // PERSONS_PER_REFERRAL)
        chosen: list[tuple[Person, datetime, list[str]]] = []
        seen: set[int] = set()
        for entry in decided + others + rest:
            if len(chosen) >= target:
                break
            if entry[0].pk not in seen:
                seen.add(entry[0].pk)
                chosen.append(entry)
        return sorted(chosen, key=lambda entry: entry[1])

    def plan(self, persons: dict[int, Person]) -> None:
        chosen = self.candidates(persons)
        consents = [self.rng.random() < CONSENT_SHARE for _ in chosen]
        adults = [i for i, (p, at, _) in enumerate(chosen) if p.is_child_on(local_day(at)) is False]
        if adults and all(consents[i] for i in adults):  # at least one does not consent
            consents[adults[0]] = False
        for (person, at, types), consent in zip(chosen, consents, strict=True):
            self._refer(person, at, types, consent)
        waiting = [r for r in self.referrals if r.decisions == []]
        if not waiting and self.referrals:  # the competent authority is behind on one
            newest = max(self.referrals, key=lambda r: r.submitted_on)
            newest.decisions.clear()
            newest.support_status = "local_authority" if newest.is_child else "awaiting"

    def _refer(self, person: Person, at: datetime, concern: list[str], consent: bool) -> None:
        rng, practice = self.rng, self.practice
        sent = office_moment(rng, add_working_days(local_day(at), rng.randint(0, 3)))
        sent = max(sent, at + timedelta(minutes=15))
        submitted = local_day(sent)
        if submitted >= self.today:
            return
        is_child = person.is_child_on(submitted)
        placement = self.episodes.placement_on(person, submitted)
        area = placement.placing_area if placement else person.home_area
        kinds = (("police", 45), ("socialcare", 30), ("hub", 25)) if is_child else (
            ("police", 70), ("hub", 30))  # fmt: skip
        referrer = self.staff[(area.slug, Weighted(kinds).draw(rng))]
        agency = referrer.team.agency
        responder = practice.first_responder_for(agency.kind, agency.name)
        order = [t.code for t in practice.exploitation_types]
        types = sorted({words.NRM_TYPES[t] for t in concern if t in words.NRM_TYPES} or
                       {"not_specified"}, key=order.index)  # fmt: skip
        said = dict(pronouns(person.gender, plural=False), name=person.given_name)
        county_lines = "COUNTY_LINES" in concern
        reference = f"HO/{submitted:%y}/{rng.randint(100000, 999999)}" if rng.random() < 0.8 else ""
        if not is_child and not consent:
            gender = person.gender if person.gender in DutyToNotify.Gender.values else ""
            self.notifications.append(Notification(
                person=person, area=area, agency=agency, notified_on=submitted, recorded_at=sent,
                types=tuple(types), county_lines=county_lines, gender=gender,
                age_band=_age_band(person.age_on(submitted)), nationality=person.nationality[:60],
                by=referrer.user, home_office_reference=reference,
            ))  # fmt: skip
            return
        authority = "sca"
        if person.immigration_status in ("asylum_seeker", "uasc") and rng.random() < 0.5:
            authority = "ieca"
        birthday = _eighteenth(person.born) if person.born else None
        if (
            is_child and area.code in practice.devolved_pilot_areas and birthday is not None
            and (birthday - submitted).days > practice.devolved_days_before_18
        ):  # fmt: skip
            authority = "devolved_panel"
        if is_child:
            support = "local_authority"
        else:
            support = Weighted(
                (("victim_care_contract", 75), ("declined", 15), ("other", 10))
            ).draw(rng)
        referral = NrmReferral(
            person=person, area=area, agency=agency,
            first_responder=responder.code if responder else "police", submitted_on=submitted,
            recorded_at=sent, is_child=bool(is_child),
            consent_notes="" if is_child else fill(rng, pick(rng, words.CONSENT_NOTES), said),
            types=tuple(types), county_lines=county_lines, competent_authority=authority,
            summary=fill(rng, words.NRM_SUMMARIES[types[0]], said), support_status=support,
            by=referrer.user, home_office_reference=reference,
        )  # fmt: skip
        if is_child and rng.random() < ICTG_SHARE:
            referral.ictg = (
                Ictg.DIRECT_WORKER
                if person.immigration_status == "uasc"
                else Ictg.PRACTICE_COORDINATOR
            )
            referral.ictg_referred_on = min(
                submitted + timedelta(days=rng.randint(0, 3)), self.today - timedelta(days=1)
            )
        self._decide(referral)
        if "criminal" in types and rng.random() < DEFENCE_SHARE:
            self._defence(referral, said)
        self.referrals.append(referral)

    def _decision(self, referral: NrmReferral, kind: str, outcome: str, day: date,
                  reconsiders: str = "") -> bool:  # fmt: skip
        """A decision on `day`, recorded that day (False: not by "now")."""
        if day >= self.today:
            return False
        rng = self.rng
        recorded = office_moment(rng, day)
        if referral.decisions:
            recorded = max(recorded, referral.decisions[-1].recorded_at + timedelta(minutes=5))
        recorded = max(recorded, referral.recorded_at + timedelta(minutes=5))
        if recorded >= self.now:
            return False
        notes = pick(rng, words.DECISION_NOTES[outcome])
        referral.decisions.append(
            Decision(
                kind, outcome, day, recorded, referral.by, reconsiders=reconsiders, notes=notes
            )
        )
        return True

    def _decide(self, referral: NrmReferral) -> None:
        rng = self.rng
        low, high = RG_DAYS.draw(rng)
        rg_on = add_working_days(referral.submitted_on, rng.randint(low, high))
        if rng.random() < WITHDRAWN_SHARE:
            withdrawn = referral.submitted_on + timedelta(days=rng.randint(1, 120))
            if withdrawn < rg_on:
                self._decision(referral, Kind.WITHDRAWN, Outcome.NONE, withdrawn)
                return
        chance = 0.85 if referral.is_child else 0.78
        outcome = Outcome.POSITIVE if rng.random() < chance else Outcome.NEGATIVE
        if not self._decision(referral, Kind.REASONABLE_GROUNDS, outcome, rg_on):
            return
        positive_on = rg_on if outcome == Outcome.POSITIVE else None
        if outcome == Outcome.NEGATIVE and rng.random() < RECONSIDERED_SHARE:
            again = rg_on + timedelta(days=rng.randint(20, 90))
            outcome = Outcome.POSITIVE if rng.random() < 0.55 else Outcome.NEGATIVE
            if self._decision(referral, Kind.RECONSIDERATION, outcome, again,
                              reconsiders=Kind.REASONABLE_GROUNDS):  # fmt: skip
                positive_on = again if outcome == Outcome.POSITIVE else None
        if positive_on is None:
            return
        if rng.random() < WITHDRAWN_SHARE * 2:
            self._decision(referral, Kind.WITHDRAWN, Outcome.NONE,
                           positive_on + timedelta(days=rng.randint(5, 60)))  # fmt: skip
            return
        # No target for conclusive grounds, and never before 30 days after the positive RG.
        cg_on = positive_on + timedelta(days=rng.randint(45, 420))
        cg = Outcome.POSITIVE if rng.random() < 0.9 else Outcome.NEGATIVE
        decided = self._decision(referral, Kind.CONCLUSIVE_GROUNDS, cg, cg_on)
        if decided and not referral.is_child and rng.random() < 0.5:
            referral.support_status = "ended"

    def _defence(self, referral: NrmReferral, said: dict[str, str]) -> None:
        rng = self.rng
        offence = self.practice.offence(Weighted(words.DEFENCE_OFFENCES).draw(rng))
        if offence is None:
            return
        at = office_moment(rng, referral.submitted_on + timedelta(days=rng.randint(0, 20)))
        if at >= self.now:
            return
        on = referral.submitted_on - timedelta(days=rng.randint(2, 60))
        police = self.staff[(referral.area.slug, "police")].user
        referral.defences.append(Defence(
            offence=offence.code, schedule_4=offence.schedule_4,
            crime_reference=f"20/{rng.randint(10000, 99999)}/{on:%y}", offence_on=on,
            notes=fill(rng, pick(rng, words.DEFENCE_NOTES), said), by=police, at=at,
        ))  # fmt: skip


def _eighteenth(born: date) -> date:
    try:
        return born.replace(year=born.year + 18)
    except ValueError:
        return date(born.year + 18, 3, 1)

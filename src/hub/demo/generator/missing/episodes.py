"""Placements, missing episodes and return home interviews, as missing/services would record
them up to the build's "now".

Looked-after children (the care-experienced children of the region) are placed by their home
authority, a third of them in another area and a few outside the region; some move placement
in the year. Going missing is concentrated: most children never go missing, a minority go
missing again and again (looked-after children most), in runs that reach the repeat-missing
rule. Episodes are reported in the evening and night, graded by the police, and most end
within a day; a few children are found out of area, and a few are still missing "now". A
child's return opens the 72-hour interview deadline: most interviews are done in time by the
hub (independent of the carer), some late, some declined, the newest still to do. Carers keep
Philomena profiles for many looked-after children, reviewed every few months.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from random import Random
from typing import TYPE_CHECKING

from hub.alerts.models import Alert
from hub.alerts.outside import outside_contacts
from hub.alerts.practice import deadline_rules
from hub.missing.models import MissingEpisode, ReturnInterview
from hub.missing.models import Placement as PlacementRecord
from hub.missing.practice import missing_practice
from hub.platform.places import area_code_for_postcode, postcodes_in
from hub.platform.timescales import LOCAL, add_months

from .. import population as pop
from ..organisations import ALL
from ..referrals.telling import Weighted, fill, pick, pronouns
from ..screenings.timing import at_minute, local_day, office_moment
from . import words
from .records import Episode, Interview, Person, Placement, Profile, RaisedAlert

if TYPE_CHECKING:
    from hub.organisations.models import Area

    from ..cases.records import Staff
    from ..core import RegionBuild

From, Return, Outcome = MissingEpisode.From, MissingEpisode.Return, ReturnInterview.Outcome
Setting = PlacementRecord.Setting
# Chance of going missing in the year: a looked-after child, a child with a history of going
# missing, any other child, an adult.
MISSING_CHANCE = {"looked_after": 0.4, "history": 0.3, "child": 0.02, "adult": 0.004}
EPISODES = Weighted(((1, 40), (2, 20), (3, 14), (4, 9), (5, 6), (6, 4), (8, 4), (10, 2), (14, 1)))
GRADES = {"very_low": 8, "low": 32, "medium": 48, "high": 12}
SETTINGS = Weighted(((Setting.FOSTER, 55), (Setting.RESIDENTIAL, 25), (Setting.KINSHIP, 10),
                     (Setting.SUPPORTED, 8), (Setting.SECURE, 2)))  # fmt: skip
PLACED_ELSEWHERE, PLACED_OUTSIDE, MOVED = 0.3, 0.05, 0.2
FOUND_ELSEWHERE, FOUND_OUTSIDE = 0.12, 0.03
# How return home interviews end: done in time, done late, declined, still not done.
INTERVIEWS = Weighted((("within", 62), ("late", 18), ("declined", 15), ("never", 5)))
PROFILE_SHARE = 0.65
STILL_MISSING = 2  # at least, however small the region
RETURNED_LATELY = 3  # children back in the last three days, their interview still to come


class Episodes:
    """Plans placements, episodes, interviews and profiles from the step's random stream."""

    def __init__(
        self, region: RegionBuild, rng: Random, now: datetime, staff: dict[tuple[str, str], Staff]
    ) -> None:
        self.region, self.rng, self.now, self.staff = region, rng, now, staff
        self.start = now - timedelta(days=365)
        self.practice = missing_practice()
        codes = {g.code for g in self.practice.risk_grades if not g.legacy}
        self.grades = Weighted((code, GRADES.get(code, 1)) for code in sorted(codes))
        self.grant_hours = deadline_rules().alerts.cross_border_grant_hours
        self.contacts = outside_contacts()
        self.postcodes = {slug: postcodes_in(region.areas[slug].code) for slug in ALL}
        outside: set[str] = set()
        for code, letters in pop.OUTSIDE_NEIGHBOURS.items():
            outside.update(postcodes_in(code, letters=letters))
        self.postcodes["outside"] = sorted(outside)
        self.placements: list[Placement] = []
        self.episodes: list[Episode] = []
        self.profiles: list[Profile] = []
        self.alerts: list[RaisedAlert] = []
        self._references = 0
        self._by_person: dict[int, list[Placement]] = {}  # a child's placements, in order
        self._alerts_of: dict[int, list[RaisedAlert]] = {}  # the alerts about a person

    # Placements -------------------------------------------------------------------------

    def place(self, persons: list[Person]) -> None:
        """Every looked-after child of the region has a placement (some a move in the year)."""
        rng, today = self.rng, local_day(self.now)
        for person in persons:
            if not person.looked_after or person.born is None or person.home_area.slug == "outside":
                continue
            birthday = (
                person.born.replace(year=person.born.year + 18)
                if not (person.born.month == 2 and person.born.day == 29)
                else date(person.born.year + 18, 3, 1)
            )
            if birthday <= local_day(self.start) + timedelta(days=60):
                continue  # an adult for all the year: no longer looked after
            if rng.random() < 0.3:
                started = today - timedelta(days=rng.randint(20, 340))
            else:
                started = today - timedelta(days=rng.randint(366, 1400))
            started = max(started, person.born + timedelta(days=400))
            first = self._placement(person, started)
            if rng.random() < MOVED:
                moved = started + timedelta(days=rng.randint(40, 300))
                if moved < today and moved < birthday and moved > local_day(self.start):
                    first.ended_on = moved
                    self._placement(person, moved)
            last = self.placements[-1]
            if birthday <= today and (last.ended_on is None or last.ended_on > birthday):
                last.ended_on = birthday  # turned 18: no longer looked after

    def _placement(self, person: Person, started: date) -> Placement:
        rng, home = self.rng, person.home_area
        roll = rng.random()
        if roll < PLACED_OUTSIDE:
            placed = self.region.areas["outside"]
        elif roll < PLACED_OUTSIDE + PLACED_ELSEWHERE:
            placed = self.region.areas[pick(rng, [s for s in ALL if s != home.slug])]
        else:
            placed = home
        setting = SETTINGS.draw(rng)
        age = person.age_on(started) or 0
        if setting == Setting.SUPPORTED and age < 16:
            setting = Setting.FOSTER
        by = self.staff[(home.slug, "socialcare")]
        at = office_moment(rng, started)
        placement = Placement(
            person=person, placing_area=home, placed_in_area=placed,
            postcode=pick(rng, self.postcodes[placed.slug]), setting=setting, started_on=started,
            recorded_at=at, by=by.user,
        )  # fmt: skip
        self.placements.append(placement)
        self._by_person.setdefault(person.pk, []).append(placement)
        if placed.pk != home.pk:
            where = placed.name if placed.in_region else "outside the region"
            title = Setting(setting).label.lower()
            self._arrive(
                person, placed, home, at, f"Placed in {where}",
                f"Looked-after child of {home.name}, placed from {started:%-d %B %Y} ({title}). "
                f"Contact {home.name}'s hub.",
                placement.postcode, "placement", placement, "people:detail",
            )  # fmt: skip
        return placement

    def placement_on(self, person: Person, day: date) -> Placement | None:
        """The placement a child was living in on a day (the current one, as the service
        reads it then)."""
        found = None
        for placement in self._by_person.get(person.pk, ()):
            if placement.started_on <= day and (
                placement.ended_on is None or placement.ended_on > day
            ):
                found = placement
        return found

    # Alerts -----------------------------------------------------------------------------

    def _arrive(
        self, person: Person, to_area: Area, from_area: Area, at: datetime, title: str,
        summary: str, postcode: str, source_type: str, source: Placement | Episode, url: str,
    ) -> None:  # fmt: skip
        """alert_cross_border: the receiving hub, unless it holds a live grant for the person;
        outside the region, a notification for the sending hub to send."""
        rng = self.rng
        if to_area.in_region:
            if any(
                a.kind == Alert.Kind.CROSS_BORDER and a.person.pk == person.pk
                and a.area.pk == to_area.pk and a.grant_until and a.grant_until > at
                for a in self._alerts_of.get(person.pk, ())
            ):  # fmt: skip
                return
            alert = RaisedAlert(
                kind=Alert.Kind.CROSS_BORDER, title=f"{person.full_name}: {title}",
                summary=summary, area=to_area, person=person, created_at=at,
                source_type=source_type, source=source, from_area=from_area,
                grant_until=at + timedelta(hours=self.grant_hours), url_name=url,
            )  # fmt: skip
            acknowledger = to_area
        else:
            code = area_code_for_postcode(postcode) if postcode else None
            alert = RaisedAlert(
                kind=Alert.Kind.NOTIFY_OUTSIDE,
                title=f"Tell the authority there: {person.full_name}: {title}",
                summary=summary, area=from_area, person=person, created_at=at,
                source_type=source_type, source=source, from_area=from_area,
                contact=self.contacts.contact_for(code), url_name=url,
            )  # fmt: skip
            acknowledger = from_area
        seen = at + timedelta(minutes=rng.randint(10, 60 * 30))
        if seen < self.now:
            alert.acknowledged_at = seen
            alert.acknowledged_by = self.staff[(acknowledger.slug, "hub")].user
        self.alerts.append(alert)
        self._alerts_of.setdefault(person.pk, []).append(alert)

    # Episodes ---------------------------------------------------------------------------

    def go_missing(self, persons: list[Person]) -> None:
        """Episodes for the minority who go missing, one after another (never two at once)."""
        rng = self.rng
        today = local_day(self.now)
        missers: list[tuple[Person, list[Episode]]] = []
        for person in persons:
            if person.home_area.slug == "outside":
                continue
            child = person.is_child_on(today - timedelta(days=180))
            if person.pk in self._by_person:
                kind = "looked_after"
            elif child is not False and "missing_history" in person.vulnerabilities:
                kind = "history"
            else:
                kind = "child" if child is not False else "adult"
            if rng.random() >= MISSING_CHANCE[kind]:
                continue
            count = EPISODES.draw(rng) + (1 if kind == "looked_after" and rng.random() < 0.5 else 0)
            missers.append((person, self._run(person, count)))
        self._hold_open(missers)
        for _person, episodes in missers:
            for episode in episodes:
                self._found_and_after(episode)
            self.episodes.extend(episodes)
        self.episodes.sort(key=lambda e: e.reported_at)
        self._repeat_alerts()

    def _run(self, person: Person, count: int) -> list[Episode]:
        """A person's episodes: spread over the year, or close together for a repeat run."""
        rng = self.rng
        span = 365 if count < 3 else min(365, max(30, count * rng.randint(6, 20)))
        first = rng.randint(0, 365 - span)
        days = sorted(rng.sample(range(first, first + span), min(count, span)))
        episodes: list[Episode] = []
        for offset in days:
            day = local_day(self.start) + timedelta(days=offset)
            if rng.random() < 0.8:  # evening and night
                reported = at_minute(day, 17 * 60 + rng.random() * 9 * 60)
            else:
                reported = at_minute(day, 9 * 60 + rng.random() * 6 * 60)
            if episodes and episodes[-1].found_at and reported <= episodes[-1].found_at:
                continue
            episode = self._report(person, reported)
            if episode is None:
                break
            self._find(episode)
            episodes.append(episode)
            if episode.found_at is None:
                break
        return episodes

    def _report(self, person: Person, reported: datetime) -> Episode | None:
        rng = self.rng
        # In UTC from here: sums on a local time are wall-clock sums, and in the hour the
        # clocks go back they can land before the time reported (a found time before it).
        reported = reported.astimezone(UTC)
        recorded = reported + timedelta(minutes=rng.randint(2, 25))
        if recorded >= self.now:
            return None
        day = local_day(reported)
        placement = self.placement_on(person, day)
        hour = reported.astimezone(LOCAL).hour
        if placement is not None:
            missing_from = From.CARE
        elif 9 <= hour < 15 and rng.random() < 0.5:
            missing_from = From.EDUCATION
        else:
            missing_from = From.HOME
        responsible = placement.placing_area if placement else person.home_area
        said = pronouns(person.gender, plural=False)
        self._references += 1
        by = self.staff[(responsible.slug, "police" if rng.random() < 0.7 else "hub")]
        return Episode(
            person=person, missing_from=missing_from, responsible_area=responsible,
            reported_at=reported,
            last_seen_at=reported - timedelta(minutes=rng.randint(30, 6 * 60)),
            grade=self.grades.draw(rng),
            police_reference=f"WMP/{day:%y%m%d}/{self._references:05d}",
            last_seen_place=fill(rng, pick(rng, words.LAST_SEEN), said),
            clothing=pick(rng, words.CLOTHING), by=by.user, placement=placement,
        )  # fmt: skip

    def _find(self, episode: Episode, hours: float | None = None) -> None:
        """When they were found (None: not by "now")."""
        rng = self.rng
        if hours is None:
            hours = min(240.0, max(1.5, math.exp(rng.gauss(math.log(14), 0.9))))
        found = max(episode.reported_at + timedelta(minutes=20),
                    episode.last_seen_at + timedelta(hours=hours))  # fmt: skip
        recorded = found + timedelta(minutes=rng.randint(10, 90))
        if recorded >= self.now:
            episode.found_at = episode.found_recorded_at = None
            return
        episode.found_at, episode.found_recorded_at = found, recorded

    def _hold_open(self, missers: list[tuple[Person, list[Episode]]]) -> None:
        """However small the region, a few still missing "now" and a few children back in
        the last three days with their interview still to come: the newest episodes of
        persons whose last one ended more than a week ago, moved to the last days."""
        rng, now = self.rng, self.now
        quiet = [
            episodes for person, episodes in missers
            if episodes and episodes[-1].found_at is not None
            and now - episodes[-1].found_at > timedelta(days=7)
            and person.is_child_on(local_day(now)) and person.born is not None
        ]  # fmt: skip
        missing_now = sum(1 for _, e in missers if e and e[-1].found_at is None)
        lately = timedelta(hours=60)
        back = sum(1 for _, e in missers if e and e[-1].found_at and now - e[-1].found_at < lately)
        rng.shuffle(quiet)
        for episodes in quiet:
            still = missing_now < STILL_MISSING
            if not still and back >= RETURNED_LATELY:
                break
            hours_ago = rng.uniform(6, 60) if still else rng.uniform(30, 80)
            reported = now - timedelta(hours=hours_ago)
            episode = self._report(episodes[-1].person, reported)
            if episode is None:
                continue
            if still:
                missing_now += 1
            else:
                back += 1
                self._find(episode, hours=rng.uniform(4, hours_ago - 20))
                episode.interview_held = True
            episodes.append(episode)

    def _found_and_after(self, episode: Episode) -> None:
        """Where they were found (out of area: the alert), and the return home interview."""
        if episode.found_at is None or episode.found_recorded_at is None:
            return
        rng, person = self.rng, episode.person
        base = episode.placement.placed_in_area if episode.placement else person.home_area
        roll = rng.random()
        if roll < FOUND_OUTSIDE:
            area = self.region.areas["outside"]
        elif roll < FOUND_OUTSIDE + FOUND_ELSEWHERE:
            area = self.region.areas[pick(rng, [s for s in ALL if s != base.slug])]
        else:
            area = base
        said = dict(pronouns(person.gender, plural=False))
        episode.found_postcode = pick(rng, self.postcodes[area.slug])
        episode.found_place = fill(rng, pick(rng, words.FOUND_PLACES), said)
        episode.found_area = area
        episode.found_out_of_area = area.pk not in {
            episode.responsible_area.pk,
            person.home_area.pk,
        }
        episode.found_with = pick(rng, words.FOUND_WITH)
        episode.returned_how = Weighted(words.RETURN_HOW).draw(rng)
        if episode.found_out_of_area:
            self._found_elsewhere(episode, area)
        if person.is_child_on(local_day(episode.found_at)):
            episode.interview_due = True
            self._interview(episode, said)

    def _found_elsewhere(self, episode: Episode, area: Area) -> None:
        person, at = episode.person, episode.found_recorded_at
        assert at is not None and episode.found_at is not None  # noqa: S101 (found)
        day = local_day(at)
        age = person.age_on(day)
        who = "Child" if person.is_child_on(day) else "Person"
        if self.placement_on(person, day) is not None:
            who = "Looked-after child"
        responsible = episode.responsible_area
        summary = (
            f"{who}{f' ({age})' if age is not None else ''}, the responsibility of "
            f"{responsible.name}: missing from {From(episode.missing_from).label.lower()} "
            f"since {_when(episode.reported_at)} "
            f"({self.practice.grade(episode.grade).title.lower()}); "  # type: ignore[union-attr]
            f"found {_when(episode.found_at)} in {episode.found_place or episode.found_postcode}. "
            f"Contact {responsible.name}'s hub."
        )
        title = f"Found in {area.name}" if area.in_region else "Found outside the region"
        self._arrive(
            person, area, responsible, at, title, summary, episode.found_postcode,
            "missing_episode", episode, "missing:detail",
        )  # fmt: skip

    def _interview(self, episode: Episode, said: dict[str, str]) -> None:
        """interview_record, as the responsible hub would make it: offered after the return,
        then done (by the hub, independent of the carer) or declined, if by "now"."""
        rng, now, found = self.rng, self.now, episode.found_at
        assert found is not None  # noqa: S101 (found)
        by = self.staff[(episode.responsible_area.slug, "hub")].user
        offered = found + timedelta(hours=rng.uniform(2, 20))
        offered_recorded = offered + timedelta(minutes=rng.randint(1, 30))
        if offered_recorded >= now:
            return  # not even offered yet
        interview = Interview(Outcome.OFFERED, offered, offered_recorded, by)
        ending = "never" if episode.interview_held else INTERVIEWS.draw(rng)
        if ending in ("within", "late"):
            low, high = (18, 70) if ending == "within" else (75, 240)
            done = max(
                offered + timedelta(minutes=30), found + timedelta(hours=rng.uniform(low, high))
            )
            recorded = done + timedelta(minutes=rng.randint(20, 120))
            if recorded < now:
                push, pull, places, associates, voice = pick(rng, words.LEARNED)
                interview.outcome, interview.completed_at = Outcome.COMPLETED, done
                interview.recorded_at = recorded
                interview.push, interview.pull = fill(rng, push, said), fill(rng, pull, said)
                interview.places = fill(rng, places, said)
                interview.associates = fill(rng, associates, said)
                interview.words = voice
        elif ending == "declined":
            recorded = offered + timedelta(hours=rng.uniform(1, 48))
            if recorded < now:
                interview.outcome, interview.recorded_at = Outcome.DECLINED, recorded
        episode.interview = interview

    def _repeat_alerts(self) -> None:
        """_repeat_alert at each report: a rule's pattern reached alerts the responsible hub,
        once for each stretch of the rule's days."""
        by_person: dict[int, list[Episode]] = {}
        for episode in self.episodes:
            by_person.setdefault(episode.person.pk, []).append(episode)
        for episodes in by_person.values():
            raised: list[tuple[int, datetime]] = []  # (area, when)
            for index, episode in enumerate(episodes):
                at = episode.reported_at + timedelta(minutes=1)
                for rule in self.practice.repeat_rules:
                    since = episode.reported_at - timedelta(days=rule.days)
                    count = sum(1 for e in episodes[: index + 1] if e.reported_at > since)
                    area = episode.responsible_area
                    if count < rule.episodes or any(
                        pk == area.pk and when > at - timedelta(days=rule.days)
                        for pk, when in raised
                    ):
                        continue
                    raised.append((area.pk, at))
                    alert = RaisedAlert(
                        kind=Alert.Kind.REPEAT_MISSING,
                        title=f"{episode.person.full_name}: missing {count} times in "
                        f"{rule.days} days",
                        summary=rule.title, area=area, person=episode.person, created_at=at,
                        source_type="missing_episode", source=episode, url_name="missing:detail",
                    )  # fmt: skip
                    seen = at + timedelta(hours=self.rng.uniform(1, 40))
                    if seen < self.now:
                        alert.acknowledged_at = seen
                        alert.acknowledged_by = self.staff[(area.slug, "hub")].user
                    self.alerts.append(alert)

    # Philomena profiles -----------------------------------------------------------------

    def profiles_for(self) -> None:
        """Carers write part 1 soon after a placement begins, and keep it up to date."""
        rng, months = self.rng, self.practice.philomena_review_months
        for person_pk, placements in self._by_person.items():
            if rng.random() >= PROFILE_SHARE:
                continue
            person = placements[0].person
            said = pronouns(person.gender, plural=False)
            placing = placements[0].placing_area
            by = self.staff[(placing.slug, "socialcare")].user
            day = max(placements[0].started_on, local_day(self.start) - timedelta(days=200))
            at = office_moment(rng, day + timedelta(days=rng.randint(1, 20)))
            version = 0
            while at < self.now and version < 6:
                version += 1
                review = add_months(local_day(at), months)
                self.profiles.append(Profile(
                    person=person, version=version,
                    description=fill(rng, pick(rng, words.PROFILE_DESCRIPTIONS), said),
                    associates=fill(rng, pick(rng, words.PROFILE_ASSOCIATES), said),
                    places=fill(rng, pick(rng, words.PROFILE_PLACES), said),
                    phones=f"07700 900{rng.randint(0, 999):03d} (own phone)",
                    social_media=pick(rng, words.SOCIAL_MEDIA),
                    medical=pick(rng, words.MEDICAL), other=fill(rng, pick(rng, words.OTHER), said),
                    review_on=review, by=by, at=at,
                ))  # fmt: skip
                late = rng.randint(-20, 40)
                at = office_moment(rng, review + timedelta(days=late))
            _ = person_pk


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(LOCAL):%-d %b %Y, %H:%M}"

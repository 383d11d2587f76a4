"""The planned placements, episodes, interviews, profiles and NRM records written as rows, with
the chronology events, voices and alerts the services record, and their deadlines made from the
deadline and timescale definitions as deadline_open makes them (all at once, in their final
state: one insert, not one a record): met, cancelled or still open as what happened says, each
coloured (and its due-soon and overdue alerts raised) as `hub tick` would have left it at "now".

Rows go in as tuples with their ids given where others point at them; PostgreSQL's sequences
are moved on after (the rest take the database's own ids).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from hub.alerts.models import Alert, Deadline
from hub.alerts.practice import Owner, deadline_rules
from hub.cases.models import VoiceRecord
from hub.missing.models import MissingEpisode, PhilomenaProfile, Placement, ReturnInterview
from hub.missing.practice import missing_practice
from hub.nrm.models import DefenceNote, DutyToNotify, NrmDecision, NrmReferral
from hub.nrm.practice import nrm_practice
from hub.platform.models import ChronologyEvent
from hub.platform.timescales import LOCAL, timescales_definition

from ..referrals.rows import EVENT_FIELDS
from ..screenings.timing import local_day
from ..tables import day_value, insert_rows, moment_adapter, next_id, reset_sequences
from .records import Episode
from .records import NrmReferral as PlannedReferral

if TYPE_CHECKING:
    from ..core import RegionBuild
    from .episodes import Episodes
    from .nrm import Nrm

Visibility, Kind = ChronologyEvent.Visibility, NrmDecision.Kind
RHI = VoiceRecord.Context.RETURN_HOME_INTERVIEW
RHI_TITLE = f"In their own words ({VoiceRecord.Context(RHI).label.lower()})"
DTN_TITLE = "Did not consent to an NRM referral: an anonymous Duty to Notify was made"

# fmt: off
PLACEMENT_FIELDS = (
    "id", "person", "placing_area", "placed_in_area", "postcode", "setting", "started_on",
    "ended_on", "recorded_by",
)
EPISODE_FIELDS = (
    "id", "person", "missing_from", "responsible_area", "reported_at", "police_reference",
    "risk_grade", "last_seen_at", "last_seen_place", "clothing", "found_at", "found_place",
    "found_postcode", "found_area", "found_out_of_area", "found_with", "returned_how",
    "recorded_by", "created_at",
)
INTERVIEW_FIELDS = (
    "episode", "outcome", "offered_at", "completed_at", "interviewer", "independent_of_carer",
    "push_factors", "pull_factors", "places", "associates", "recorded_by",
)
PROFILE_FIELDS = (
    "person", "version", "description", "photo", "associates", "places", "phones",
    "social_media", "medical", "other", "review_on", "created_by", "created_at",
)
VOICE_FIELDS = (
    "id", "person", "case", "context", "words", "place", "said_on", "recorded_by", "recorded_at",
)
NRM_FIELDS = (
    "id", "person", "area", "agency", "first_responder", "submitted_on", "home_office_reference",
    "is_child", "consent", "consent_notes", "exploitation_types", "county_lines",
    "competent_authority", "summary", "support_status", "ictg", "ictg_referred_on",
    "referred_by", "created_at", "definitions_version",
)
DECISION_FIELDS = (
    "id", "referral", "kind", "reconsiders", "outcome", "decided_on", "notes", "recorded_by",
    "recorded_at",
)
DEFENCE_FIELDS = (
    "referral", "offence", "schedule_4", "crime_reference", "offence_on", "notes",
    "recorded_by", "recorded_at",
)
DTN_FIELDS = (
    "area", "agency", "notified_on", "exploitation_types", "county_lines", "gender", "age_band",
    "nationality", "home_office_reference", "notified_by", "created_at", "definitions_version",
)
ALERT_FIELDS = (
    "kind", "title", "summary", "person", "area", "from_area", "user", "team", "deadline",
    "source_type", "source_id", "url", "created_at", "acknowledged_at", "acknowledged_by",
    "grant_until", "contact", "notified_at",
)
# fmt: on
GIVEN_IDS = (Placement, MissingEpisode, VoiceRecord, NrmReferral, NrmDecision)


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(LOCAL):%-d %b %Y, %H:%M}"


def _date(day: date) -> str:
    return f"{day:%-d %B %Y}"


def number(episodes: Episodes, nrm: Nrm) -> None:
    """Ids in order of time."""
    episodes.placements.sort(key=lambda p: p.recorded_at)
    episodes.episodes.sort(key=lambda e: e.reported_at)
    nrm.referrals.sort(key=lambda r: r.recorded_at)
    for records, model in (
        (episodes.placements, Placement), (episodes.episodes, MissingEpisode),
        (nrm.referrals, NrmReferral),
    ):  # fmt: skip
        first = next_id(model)
        for offset, record in enumerate(records):
            record.pk = first + offset  # type: ignore[attr-defined]  # each has its pk
    first = next_id(VoiceRecord)
    done = [e.interview for e in episodes.episodes if e.interview and e.interview.words]
    for offset, interview in enumerate(sorted(done, key=lambda i: i.recorded_at)):
        interview.voice_pk = first + offset
    first = next_id(NrmDecision)
    for referral in nrm.referrals:
        for decision in referral.decisions:
            decision.pk, first = first, first + 1


class Writer:
    """The step's rows, events, alerts and deadlines."""

    def __init__(self, region: RegionBuild, now: datetime) -> None:
        self.region, self.now = region, now
        self.moment = moment_adapter()
        self.rows: dict[str, list[tuple]] = {}
        self.counts: dict[str, int] = {}
        self.hubs = {area.pk: region.teams[f"hub:{slug}"].pk
                     for slug, area in region.areas.items() if area.in_region}  # fmt: skip
        self.hub_users = {area.pk: region.users[f"{slug}.hub.practitioner"]
                          for slug, area in region.areas.items() if area.in_region}  # fmt: skip
        self.grades = {g.code: g.title for g in missing_practice().risk_grades}
        self.nrm = nrm_practice()
        self.rules, self.timescales = deadline_rules(), timescales_definition()

    def _add(self, key: str, row: tuple) -> None:
        self.rows.setdefault(key, []).append(row)

    def _event(self, person: int, kind: str, at: datetime, title: str, summary: str,
               area: int | None, by: int, source: str, source_id: int | None) -> None:  # fmt: skip
        m = self.moment(at)
        self._add("event", (
            "person", person, kind, m, m, title[:200], summary, Visibility.PARTNERSHIP, area,
            None, by, source, source_id,
        ))  # fmt: skip

    def write(self, episodes: Episodes, nrm: Nrm) -> None:
        for placement in episodes.placements:
            self._placement(placement)
        for episode in episodes.episodes:
            self._episode(episode)
        for p in episodes.profiles:
            self._add("profile", (
                p.person.pk, p.version, p.description, "", p.associates, p.places, p.phones,
                p.social_media, p.medical, p.other, day_value(p.review_on), p.by.id,
                self.moment(p.at),
            ))  # fmt: skip
        for referral in nrm.referrals:
            self._referral(referral)
        for n in nrm.notifications:
            self._add("dtn", (
                n.area.pk, n.agency.pk, day_value(n.notified_on), json.dumps(list(n.types)),
                n.county_lines, n.gender, n.age_band, n.nationality, n.home_office_reference,
                n.by.id, self.moment(n.recorded_at), f"nrm v{self.nrm.version}",
            ))  # fmt: skip
            self._event(
                n.person.pk, "nrm", n.recorded_at, DTN_TITLE, "", n.area.pk, n.by.id, "", None
            )
        for alert in episodes.alerts:
            m = self.moment
            team = self.hubs[alert.area.pk]
            notified = alert.acknowledged_at if alert.kind == Alert.Kind.NOTIFY_OUTSIDE else None
            self._add("alert", (
                alert.kind, alert.title[:300], alert.summary, alert.person.pk, alert.area.pk,
                alert.from_area.pk if alert.from_area else None, None, team, None,
                alert.source_type, alert.source.pk,
                reverse(alert.url_name, args=[alert.person.pk if alert.url_name == "people:detail"
                                              else alert.source.pk])[:200],
                m(alert.created_at), m(alert.acknowledged_at),
                alert.acknowledged_by.id if alert.acknowledged_by else None,
                m(alert.grant_until), alert.contact[:300], m(notified),
            ))  # fmt: skip
        for key, model, fields in (
            ("placement", Placement, PLACEMENT_FIELDS), ("episode", MissingEpisode, EPISODE_FIELDS),
            ("interview", ReturnInterview, INTERVIEW_FIELDS),
            ("profile", PhilomenaProfile, PROFILE_FIELDS), ("voice", VoiceRecord, VOICE_FIELDS),
            ("nrm", NrmReferral, NRM_FIELDS), ("decision", NrmDecision, DECISION_FIELDS),
            ("defence", DefenceNote, DEFENCE_FIELDS), ("dtn", DutyToNotify, DTN_FIELDS),
            ("alert", Alert, ALERT_FIELDS), ("event", ChronologyEvent, EVENT_FIELDS),
        ):  # fmt: skip
            insert_rows(model, fields, self.rows.get(key, []))
        self.counts.update(
            missing_events=len(self.rows.get("event", [])),
            missing_alerts=len(self.rows.get("alert", [])),
        )

    def _placement(self, p) -> None:  # type: ignore[no-untyped-def]
        self._add("placement", (
            p.pk, p.person.pk, p.placing_area.pk, p.placed_in_area.pk, p.postcode, p.setting,
            day_value(p.started_on), day_value(p.ended_on), p.by.id,
        ))  # fmt: skip
        where = p.placed_in_area.name if p.placed_in_area.in_region else "outside the region"
        setting = Placement.Setting(p.setting).label.lower()
        title = f"Placed by {p.placing_area.name} in {where} ({setting})"
        self._event(p.person.pk, "placement", p.recorded_at, title, "", p.placing_area.pk, p.by.id,
                    "placement", p.pk)  # fmt: skip

    def _episode(self, e: Episode) -> None:
        m, person, area = self.moment, e.person.pk, e.responsible_area.pk
        self._add("episode", (
            e.pk, person, e.missing_from, area, m(e.reported_at), e.police_reference, e.grade,
            m(e.last_seen_at), e.last_seen_place, e.clothing, m(e.found_at), e.found_place,
            e.found_postcode, e.found_area.pk if e.found_area else None, e.found_out_of_area,
            e.found_with, e.returned_how, e.by.id, m(e.reported_at + timedelta(minutes=1)),
        ))  # fmt: skip
        label = MissingEpisode.From(e.missing_from).label.lower()
        self._event(person, "missing", e.reported_at + timedelta(minutes=1),
                    f"{e.reference}: Reported missing from {label}",
                    f"{self.grades[e.grade]}; reported {_when(e.reported_at)}", area, e.by.id,
                    "missing_episode", e.pk)  # fmt: skip
        if e.found_at is None or e.found_recorded_at is None:
            return
        where = e.found_area.name if e.found_area else e.found_place
        self._event(person, "missing", e.found_recorded_at,
                    f"{e.reference}: Found{' out of area' * e.found_out_of_area} in {where}",
                    f"Found {_when(e.found_at)}, after {e.hours_missing} hours", area, e.by.id,
                    "missing_episode", e.pk)  # fmt: skip
        i = e.interview
        if i is None:
            return
        done = i.outcome == ReturnInterview.Outcome.COMPLETED
        self._add("interview", (
            e.pk, i.outcome, m(i.offered_at), m(i.completed_at), i.by.id if done else None, done,
            i.push, i.pull, i.places, i.associates, i.by.id,
        ))  # fmt: skip
        if i.outcome == ReturnInterview.Outcome.DECLINED:
            self._event(person, "return_interview", i.recorded_at,
                        f"{e.reference}: Return home interview declined", "", area, i.by.id,
                        "missing_episode", e.pk)  # fmt: skip
        if not done or i.completed_at is None:
            return
        if i.words:
            self._add("voice", (
                i.voice_pk, person, None, RHI, i.words, "", day_value(local_day(i.completed_at)),
                i.by.id, m(i.recorded_at),
            ))  # fmt: skip
            self._event(person, "voice", i.recorded_at, RHI_TITLE, i.words, None, i.by.id,
                        "voice", i.voice_pk)  # fmt: skip
        lines = [f"{label}: {text}" for label, text in (
            ("What pushed them away", i.push), ("What pulled them", i.pull),
            ("Places", i.places), ("Associates", i.associates)) if text]  # fmt: skip
        hours = (i.completed_at - e.found_at).total_seconds() / 3600
        self._event(person, "return_interview", i.completed_at,
                    f"{e.reference}: Return home interview done, {hours:.0f} hours after "
                    "their return",
                    "\n".join(lines), area, i.by.id, "missing_episode", e.pk)  # fmt: skip

    def _referral(self, r: PlannedReferral) -> None:
        m, practice = self.moment, self.nrm
        consent = NrmReferral.Consent.NOT_NEEDED if r.is_child else NrmReferral.Consent.GIVEN
        self._add("nrm", (
            r.pk, r.person.pk, r.area.pk, r.agency.pk, r.first_responder, day_value(r.submitted_on),
            r.home_office_reference, r.is_child, consent, r.consent_notes,
            json.dumps(list(r.types)), r.county_lines, r.competent_authority, r.summary,
            r.support_status, r.ictg, day_value(r.ictg_referred_on), r.by.id, m(r.recorded_at),
            f"nrm v{practice.version}",
        ))  # fmt: skip
        types = ", ".join(practice.title_of("exploitation_types", t).lower() for t in r.types)
        lines = "; county lines" if r.county_lines else ""
        self._event(r.person.pk, "nrm", r.recorded_at, f"{r.reference} submitted: {types}{lines}",
                    "", r.area.pk, r.by.id, "nrm_referral", r.pk)  # fmt: skip
        for d in r.decisions:
            self._add("decision", (
                d.pk, r.pk, d.kind, d.reconsiders, d.outcome, day_value(d.decided_on), d.notes,
                d.by.id, m(d.recorded_at),
            ))  # fmt: skip
            label = Kind(d.kind).label
            if d.reconsiders:
                label = f"Reconsideration of the {Kind(d.reconsiders).label.lower()} decision"
            outcome = f": {d.outcome}" if d.outcome else ""
            self._event(r.person.pk, "nrm", d.recorded_at,
                        f"{r.reference}: {label}{outcome} ({_date(d.decided_on)})", "", r.area.pk,
                        d.by.id, "nrm_referral", r.pk)  # fmt: skip
        for n in r.defences:
            self._add("defence", (
                r.pk, n.offence, n.schedule_4, n.crime_reference, day_value(n.offence_on), n.notes,
                n.by.id, m(n.at),
            ))  # fmt: skip

    # Deadlines --------------------------------------------------------------------------

    def deadlines(self, episodes: Episodes, nrm: Nrm) -> None:
        """Opened as the services open them, then met, cancelled or left open as happened."""
        settled: list[tuple[Deadline, str, datetime | None]] = []  # (deadline, status, when)
        for e in episodes.episodes:
            if not e.interview_due or e.found_at is None:
                continue
            i = e.interview
            met = None
            if i is not None and i.outcome == ReturnInterview.Outcome.COMPLETED:
                met = i.completed_at
            elif i is not None and i.outcome == ReturnInterview.Outcome.DECLINED:
                met = i.recorded_at
            for deadline in self._open(
                event="child_returned", key=f"missing:{e.pk}",
                reference=f"{e.reference} ({e.person.full_name})", area_id=e.responsible_area.pk,
                source_type="missing_episode", source_id=e.pk, start=e.found_at,
                person_id=e.person.pk,
            ):  # fmt: skip
                settled.append((deadline, "met" if met else "open", met))
        for r in nrm.referrals:
            settled += self._nrm_deadlines(r)
        self._colour(settled)

    def _open(
        self, *, event: str, key: str, reference: str, area_id: int, source_type: str,
        source_id: int, start: datetime, person_id: int, owner_id: int | None = None,
    ) -> list[Deadline]:  # fmt: skip
        """The deadlines alerts/services deadline_open makes for an event, not yet saved (the
        step saves them all at once, in their final state)."""
        rules, timescales = self.rules, self.timescales
        made = []
        for rule in rules.for_event(event):
            timescale = timescales.get(rule.timescale)
            due = timescale.due(start)
            owner = owner_id if rule.owner == Owner.PERSON else None
            team = None if owner is not None else self.hubs.get(area_id)
            if owner is None and team is None:
                continue
            made.append(Deadline(
                key=key[:100], event=event, timescale=timescale.code,
                definitions_version=f"deadlines v{rules.version}; timescales v{timescales.version}",
                title=rule.title.format(reference=reference)[:200], person_id=person_id,
                area_id=area_id, owner_id=owner, team_id=team, source_type=source_type,
                source_id=source_id, started_at=start, due_at=due,
                amber_at=timescale.amber_at(start, due),
            ))  # fmt: skip
        return made

    def _nrm_deadlines(self, r: PlannedReferral) -> list[tuple[Deadline, str, datetime | None]]:
        key = f"nrm_referral:{r.pk}"

        def opened(event: str, day: date) -> list[Deadline]:
            return self._open(
                event=event, key=key, reference=r.reference, area_id=r.area.pk,
                source_type="nrm_referral", source_id=r.pk, start=_start_of(day),
                person_id=r.person.pk, owner_id=r.by.id,
            )  # fmt: skip

        live: list[Deadline] = opened("nrm_submitted", r.submitted_on)
        done: list[tuple[Deadline, str, datetime | None]] = []
        for d in r.decisions:
            about = d.reconsiders or d.kind
            if d.kind == Kind.WITHDRAWN:
                done += [(x, "cancelled", d.recorded_at) for x in live]
                live = []
                continue
            met_by = "nrm_submitted" if about == Kind.REASONABLE_GROUNDS else "nrm_rg_positive"
            done += [(x, "met", d.recorded_at) for x in live if x.event == met_by]
            live = [x for x in live if x.event != met_by]
            if about == Kind.REASONABLE_GROUNDS and d.outcome == NrmDecision.Outcome.POSITIVE:
                live += opened("nrm_rg_positive", d.decided_on)
        return done + [(x, "open", None) for x in live]

    def _colour(self, settled: list[tuple[Deadline, str, datetime | None]]) -> None:
        """Each deadline's colour when it closed (or "now"), and the due-soon and overdue
        alerts the tick raised on the way, acknowledged when the deadline closed."""
        rules = self.rules.alerts
        alerts: list[tuple] = []
        changed: list[tuple[Deadline, list[tuple[str, str, datetime]], datetime | None]] = []
        for deadline, status, when in settled:
            moment = when or self.now
            deadline.status, deadline.met_at = status, when if status == "met" else None
            raised: list[tuple[str, str, datetime]] = []
            if deadline.amber_at <= moment and rules.when_amber:
                raised.append((Alert.Kind.DUE_SOON, "Due soon", deadline.amber_at))
            if deadline.due_at < moment:
                deadline.rag = Deadline.Rag.RED
                if rules.when_red:
                    raised.append((Alert.Kind.OVERDUE, "Overdue", deadline.due_at))
            elif deadline.amber_at <= moment:
                deadline.rag = Deadline.Rag.AMBER
            changed.append((deadline, raised, when if status != "open" else None))
        Deadline.objects.bulk_create([d for d, _, _ in changed], batch_size=2_000)
        for deadline, raised, ack in changed:
            seen_by = self.hub_users.get(deadline.area_id)
            for kind, label, at in raised:
                alerts.append((
                    kind, f"{label}: {deadline.title}"[:300], "", deadline.person_id,
                    deadline.area_id, None, deadline.owner_id, deadline.team_id, deadline.pk,
                    "deadline", deadline.pk, "", self.moment(at), self.moment(ack),
                    seen_by.id if ack and seen_by else None, None, "", None,
                ))  # fmt: skip
        insert_rows(Alert, ALERT_FIELDS, alerts)
        counts = self.counts
        counts["missing_deadlines"] = len(changed)
        counts["missing_deadlines_open"] = sum(1 for _, s, _ in settled if s == "open")
        counts["missing_deadline_alerts"] = len(alerts)

    @staticmethod
    def finish() -> None:
        """Move PostgreSQL's id sequences past the ids given (SQLite moves its own)."""
        reset_sequences(GIVEN_IDS)


def _start_of(day: date) -> datetime:
    """nrm/services start_of for a day before today: the start of that day."""
    return timezone.make_aware(datetime.combine(day, time.min))

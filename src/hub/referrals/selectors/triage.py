"""Reads for the hub: its triage queue with the clock, and a referral with everything the
hub holds about it (its working notes and partner checks included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub.organisations.models import Agency, Area
from hub.people.models import Person
from hub.people.selectors import DuplicateQuery, person_possible_duplicates
from hub.platform.access import (
    NotFound,
    Permission,
    access_object,
    parse_id,
    permissions_reaching,
    scoped,
)
from hub.platform.audit import audit_record
from hub.referrals.models import (
    PartnerCheck,
    Referral,
    ReferralAttachment,
    ReferralSubject,
    TriageDecision,
    TriageNote,
)
from hub.referrals.practice import TriageOption, exploitation_types, lawful_bases, triage_definition

if TYPE_CHECKING:
    from hub.organisations.models import User

QUEUE_PAGE_SIZE = 50
RAG_ORDER = ("red", "amber", "green", "done")


def with_clock(referrals: QuerySet[Referral], now: datetime) -> QuerySet[Referral]:
    """Each referral's red/amber/green against its decision deadline, worked out in SQL
    from the deadline set when it was received (the same rule as platform.timescales.rag)."""
    return referrals.annotate(
        rag=Case(
            When(decided_at__isnull=False, then=Value("done")),
            When(due_at__lt=now, then=Value("red")),
            When(amber_at__lte=now, then=Value("amber")),
            default=Value("green"),
        )
    )


def _rag_filter(rag: str, now: datetime) -> Q:
    return {
        "red": Q(decided_at__isnull=True, due_at__lt=now),
        "amber": Q(decided_at__isnull=True, due_at__gte=now, amber_at__lte=now),
        "green": Q(decided_at__isnull=True, amber_at__gt=now),
        "done": Q(decided_at__isnull=False),
    }[rag]


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows: a stage, a colour, whose, and which page."""

    stage: str = ""
    rag: str = ""
    mine: bool = False
    awaiting_sign_off: bool = False
    page: int = 1


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue, with the counts of the whole queue by colour."""

    referrals: list[Referral]
    counts: dict[str, int]
    total: int
    page: int
    pages: int
    areas: list[str] = field(default_factory=list)


def triage_queue(*, actor: User, filters: QueueFilters, now: datetime | None = None) -> QueuePage:
    """The referrals with the actor's hub(s), most urgent first, one page at a time."""
    now = now or timezone.now()
    base = scoped(
        actor,
        Permission.REFERRAL_TRIAGE,
        Referral.objects.filter(status=Referral.Status.WITH_HUB),
        include_break_glass=False,
    )
    counts = base.aggregate(
        red=Count("pk", filter=_rag_filter("red", now)),
        amber=Count("pk", filter=_rag_filter("amber", now)),
        green=Count("pk", filter=_rag_filter("green", now)),
        done=Count("pk", filter=_rag_filter("done", now)),
    )
    chosen = base
    if filters.stage in Referral.Stage.values:
        chosen = chosen.filter(stage=filters.stage)
    if filters.rag in RAG_ORDER:
        chosen = chosen.filter(_rag_filter(filters.rag, now))
    if filters.mine:
        chosen = chosen.filter(assigned_to=actor)
    if filters.awaiting_sign_off:
        chosen = chosen.filter(
            subjects__decisions__sign_off=TriageDecision.SignOff.AWAITING
        ).distinct()
    total = chosen.count()
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    start = (page - 1) * QUEUE_PAGE_SIZE
    rows = list(
        with_clock(chosen, now)
        .select_related("area", "referrer_agency", "assigned_to")
        .prefetch_related(
            Prefetch("subjects", queryset=ReferralSubject.objects.order_by("position"))
        )
        .order_by(Coalesce("decided_at", "due_at"), "pk")[start : start + QUEUE_PAGE_SIZE]
    )
    audit_record(
        actor=actor,
        action="list",
        object_type="referral",
        purpose="triage queue",
        detail={"results": len(rows), "total": total},
    )
    return QueuePage(referrals=rows, counts=counts, total=total, page=page, pages=pages)


@dataclass(frozen=True)
class SubjectTriage:
    """One subject on the triage page: who they may be, and the decisions open for them."""

    subject: ReferralSubject
    decision: TriageDecision | None
    returned: list[TriageDecision]
    candidates: list[Person]
    options: list[TriageOption]


@dataclass(frozen=True)
class TriageView:
    """A referral as the hub works on it."""

    referral: Referral
    rag: str
    types: list[str]
    lawful_basis: str
    subjects: list[SubjectTriage]
    checks: list[PartnerCheck]
    notes: list[TriageNote]
    attachments: list[ReferralAttachment]
    agencies: list[Agency]
    other_areas: list[Area]
    can_sign_off: bool


def triage_view(*, actor: User, referral_id: object, now: datetime | None = None) -> TriageView:
    """Everything the hub needs to triage a referral, read once through the access layer."""
    now = now or timezone.now()
    referral = access_object(
        actor=actor,
        permission=Permission.REFERRAL_TRIAGE,
        queryset=with_clock(
            Referral.objects.exclude(status=Referral.Status.DRAFT).select_related(
                "area", "referrer", "referrer_agency", "referrer_team", "assigned_to"
            ),
            now,
        ),
        id=referral_id,
        purpose="triage",
    )
    decisions = TriageDecision.objects.select_related(
        "decided_by", "signed_off_by", "target_area", "transfer"
    )
    subjects = list(
        referral.subjects.select_related("person", "person__home_area").prefetch_related(
            Prefetch("decisions", queryset=decisions)
        )
    )
    definition = triage_definition()
    triaged = []
    for subject in subjects:
        all_decisions = list(subject.decisions.all())
        live = next((d for d in all_decisions if d.sign_off != "returned"), None)
        candidates: list[Person] = []
        if subject.person_id is None and (subject.given_name or subject.family_name):
            candidates = person_possible_duplicates(
                actor=actor,
                query=DuplicateQuery(
                    given_name=subject.given_name,
                    family_name=subject.family_name,
                    date_of_birth=subject.date_of_birth,
                    postcode=subject.postcode,
                ),
            )
        triaged.append(
            SubjectTriage(
                subject=subject,
                decision=live,
                returned=[d for d in all_decisions if d.sign_off == "returned"],
                candidates=candidates,
                options=definition.options_for(subject.is_child_on(timezone.localdate())),
            )
        )
    types = exploitation_types()
    return TriageView(
        referral=referral,
        rag=referral.rag,  # type: ignore[attr-defined]
        types=[types.title_of(code) for code in referral.exploitation_types],
        lawful_basis=lawful_bases().title_of(referral.lawful_basis),
        subjects=triaged,
        checks=list(referral.partner_checks.select_related("agency", "recorded_by")),
        notes=list(referral.notes.select_related("recorded_by")),
        attachments=list(referral.attachments.all()),
        agencies=list(Agency.objects.order_by("name")),
        other_areas=list(Area.objects.filter(in_region=True).exclude(pk=referral.area_id)),
        can_sign_off=Permission.REFERRAL_SIGN_OFF
        in permissions_reaching(actor, referral, [Permission.REFERRAL_SIGN_OFF]),
    )


@dataclass(frozen=True)
class SubjectForDecision:
    """One subject of a referral the hub may triage, with what may be decided for them."""

    referral: Referral
    subject: ReferralSubject
    options: list[TriageOption]
    other_areas: list[Area]


def subject_for_decision(
    *, actor: User, referral_id: object, subject_id: object
) -> SubjectForDecision:
    """A subject to decide or to find a record for: the referral read once, for the hub."""
    referral = access_object(
        actor=actor,
        permission=Permission.REFERRAL_TRIAGE,
        queryset=Referral.objects.exclude(status=Referral.Status.DRAFT),
        id=referral_id,
        purpose="triage",
    )
    subject = referral.subjects.select_related("person").filter(pk=parse_id(subject_id)).first()
    if subject is None:
        raise NotFound
    return SubjectForDecision(
        referral=referral,
        subject=subject,
        options=triage_definition().options_for(subject.is_child_on(timezone.localdate())),
        other_areas=list(Area.objects.filter(in_region=True).exclude(pk=referral.area_id)),
    )


def awaiting_my_sign_off(*, actor: User, limit: int = 20) -> list[TriageDecision]:
    """Decisions in the actor's hub(s) waiting for a manager, oldest first (for 'my work')."""
    referrals = scoped(
        actor, Permission.REFERRAL_SIGN_OFF, Referral.objects.all(), include_break_glass=False
    )
    return list(
        TriageDecision.objects.filter(
            sign_off=TriageDecision.SignOff.AWAITING, subject__referral__in=referrals
        )
        .exclude(decided_by=actor)
        .select_related("subject__referral", "decided_by")
        .order_by("decided_at")[:limit]
    )


def decision_in_reach(*, actor: User, decision_id: object) -> TriageDecision:
    """A decision in force on a referral the actor's hub triages (to open a case from it)."""
    from hub.platform.access import NotFound, parse_id

    referrals = scoped(
        actor, Permission.REFERRAL_TRIAGE, Referral.objects.all(), include_break_glass=False
    )
    decision = (
        TriageDecision.objects.filter(pk=parse_id(decision_id), subject__referral__in=referrals)
        .exclude(sign_off=TriageDecision.SignOff.RETURNED)
        .select_related("subject__person", "subject__referral")
        .first()
    )
    if decision is None or not decision.effective:
        raise NotFound
    return decision

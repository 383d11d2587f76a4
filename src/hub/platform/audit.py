"""The audit trail (design.md §3.4): append-only, in the caller's transaction, hash-chained.

`audit_record` must run inside the transaction that does the read or write it records, so the
two commit or roll back together. The chain head row is locked while a link is added, which
serialises audit writes: the price of a chain with no gaps, measured in docs/performance.md.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from .models import AccessLogEntry, AuditChainHead

if TYPE_CHECKING:
    from hub.organisations.models import User

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class RequestContext:
    """Where a request came from, recorded on every audit row it writes."""

    ip_address: str | None = None
    request_id: str = ""


_request_context: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "hub_request_context", default=None
)


def set_request_context(context: RequestContext) -> contextvars.Token[RequestContext | None]:
    """Bind the current request's origin for the audit rows written while it is handled."""
    return _request_context.set(context)


def reset_request_context(token: contextvars.Token[RequestContext | None]) -> None:
    """Unbind it again at the end of the request."""
    _request_context.reset(token)


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str).encode()


def row_hash(entry: AccessLogEntry) -> str:
    """The hash that chains a row to the one before it."""
    at: datetime = entry.at
    fields = {
        "seq": entry.seq,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "purpose": entry.purpose,
        "reason": entry.reason,
        "detail": entry.detail,
        "ip": entry.ip_address,
        "request_id": entry.request_id,
        "prev": entry.prev_hash,
    }
    return hashlib.sha256(_canonical(fields)).hexdigest()


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: str = "",
    object_id: int | None = None,
    purpose: str = "",
    reason: str = "",
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AccessLogEntry:
    """Append one row to the access log, in the caller's transaction."""
    context = _request_context.get() or RequestContext()
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        entry = AccessLogEntry(
            seq=head.last_seq + 1,
            at=timezone.now(),
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=actor_label or (actor.get_username() if actor is not None else ""),
            action=action,
            object_type=object_type,
            object_id=object_id,
            purpose=purpose,
            reason=reason,
            detail=detail or {},
            ip_address=context.ip_address,
            request_id=context.request_id,
            prev_hash=head.last_hash,
        )
        # Hash what the database will give back: microsecond precision, JSON round-tripped.
        entry.detail = json.loads(json.dumps(entry.detail, default=str))
        entry.hash = row_hash(entry)
        entry.save()
        AuditChainHead.objects.filter(id=1).update(last_seq=entry.seq, last_hash=entry.hash)
    return entry


@dataclass(frozen=True)
class VerifyResult:
    """What `hub audit verify` found."""

    ok: bool
    rows_checked: int
    head_hash: str
    problem: str = ""
    first_bad_seq: int | None = None


def _rows(batch: int = 5000) -> Iterator[AccessLogEntry]:
    last = 0
    while True:
        chunk = list(AccessLogEntry.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def verify_chain() -> VerifyResult:
    """Walk the whole log, checking each row's hash, its link to the last one, and the head."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for entry in _rows():
        if entry.seq != expected_seq:
            return VerifyResult(
                False,
                checked,
                prev_hash,
                f"row {expected_seq} is missing (the next row found is {entry.seq})",
                expected_seq,
            )
        if entry.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                prev_hash,
                f"row {entry.seq} does not link to the row before it",
                entry.seq,
            )
        if row_hash(entry) != entry.hash:
            return VerifyResult(
                False, checked, prev_hash, f"row {entry.seq} was altered", entry.seq
            )
        prev_hash = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(id=1).first()
    last_seq = head.last_seq if head else 0
    if last_seq != checked or (head and head.last_hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            prev_hash,
            f"rows after row {checked} are missing (the chain head says {last_seq})",
            checked + 1,
        )
    return VerifyResult(True, checked, prev_hash)

"""The audit trail (design.md §3.4): append-only, in the caller's transaction, hash-chained.

`audit_record` must run inside the transaction that does the read or write it records, so the
two commit or roll back together. The chain head row is locked while a link is added, which
serialises audit writes: the price of a chain with no gaps, measured in docs/performance.md.
"""

from __future__ import annotations

import contextvars
import hashlib
import ipaddress
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from .models import AccessLogEntry, AuditChainHead

if TYPE_CHECKING:
    from hub.organisations.models import User

GENESIS_HASH = "0" * 64


def _normalise_ip(raw: str | None) -> str | None:
    """One text form per address; anything that is not an address is not recorded as one."""
    try:
        return str(ipaddress.ip_address(raw)) if raw else None
    except ValueError:
        return None


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


def body_hash(entry: AccessLogEntry) -> str:
    """SHA-256 of what a row says (everything but its place in the chain), canonical JSON."""
    fields = {
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
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
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain_hash(prev_hash: str, body: str) -> str:
    """A row's link: SHA-256 of the previous row's hash followed by the row's body hash.

    Both are hex strings, so PostgreSQL computes the same link in SQL
    (`encode(sha256(convert_to(prev || body, 'UTF8')), 'hex')`).
    """
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def row_hash(entry: AccessLogEntry) -> str:
    """The hash that chains a row to the one before it."""
    return chain_hash(entry.prev_hash, body_hash(entry))


_COLUMNS = (
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "purpose",
    "reason",
    "detail",
    "ip_address",
    "request_id",
)
# One statement: lock and advance the chain head, and insert the row it hands over. A waiting
# writer re-reads the head row once the lock frees, so links never fork (READ COMMITTED).
_APPEND_POSTGRESQL = """
WITH head AS (
    UPDATE platform_auditchainhead
       SET last_seq = last_seq + 1,
           prev_hash = last_hash,
           last_hash = encode(sha256(convert_to(last_hash || %(body)s, 'UTF8')), 'hex')
     WHERE id = 1
 RETURNING last_seq, prev_hash, last_hash
)
INSERT INTO platform_accesslogentry (seq, prev_hash, hash, {columns})
SELECT head.last_seq, head.prev_hash, head.last_hash, {values} FROM head
RETURNING seq, prev_hash, hash
""".format(  # noqa: S608 (our constant column names; values are parameters)
    columns=", ".join(_COLUMNS),
    values=", ".join(f"%({c})s::jsonb" if c == "detail" else f"%({c})s" for c in _COLUMNS),
)


def _append_postgresql(entry: AccessLogEntry, body: str) -> None:
    params = {c: getattr(entry, c) for c in _COLUMNS}
    params["detail"] = json.dumps(entry.detail)
    params["body"] = body
    with connection.cursor() as cursor:
        cursor.execute(_APPEND_POSTGRESQL, params)
        row = cursor.fetchone()
        if row is None:  # no chain head yet: a new or flushed database
            AuditChainHead.objects.get_or_create(id=1)
            cursor.execute(_APPEND_POSTGRESQL, params)
            row = cursor.fetchone()
    entry.seq, entry.prev_hash, entry.hash = row
    entry._state.adding = False
    entry._state.db = connection.alias


def _append_generic(entry: AccessLogEntry, body: str) -> None:
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
    entry.seq = head.last_seq + 1
    entry.prev_hash = head.last_hash
    entry.hash = chain_hash(head.last_hash, body)
    entry.save()
    AuditChainHead.objects.filter(id=1).update(
        last_seq=entry.seq, prev_hash=entry.prev_hash, last_hash=entry.hash
    )


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
    entry = AccessLogEntry(
        at=timezone.now(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label or (actor.get_username() if actor is not None else ""),
        action=action,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        reason=reason,
        # Hash what the database gives back: JSON round-tripped, the address as stored.
        detail=json.loads(json.dumps(detail or {}, default=str)),
        ip_address=_normalise_ip(context.ip_address),
        request_id=context.request_id,
    )
    body = body_hash(entry)
    # No savepoint: if the append fails, the work it records must fail with it.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            _append_postgresql(entry, body)
        else:
            _append_generic(entry, body)
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
    outside = AccessLogEntry.objects.count() - checked
    if outside:  # rows the walk from 1 never reached (a forged seq of 0 or below, say)
        return VerifyResult(
            False, checked, prev_hash, f"{outside} rows stand outside the chain", None
        )
    if last_seq != checked or (head and head.last_hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            prev_hash,
            f"rows after row {checked} are missing (the chain head says {last_seq})",
            checked + 1,
        )
    return VerifyResult(True, checked, prev_hash)

"""Links other apps add to a person's record page ("Screenings", "Start a screening"), so the
person pages need not know those apps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse

from hub.platform.access import Permission, has_permission

if TYPE_CHECKING:
    from hub.organisations.models import User

    from .models import Person


@dataclass(frozen=True)
class RecordLink:
    """A link on the record: its words, the page (a URL name taking the person's id, or a
    URL name and `?person=` when `query` is set) and the permission that shows it."""

    label: str
    url_name: str
    permission: Permission
    query: bool = False


_LINKS: list[RecordLink] = []


def register_record_link(link: RecordLink) -> None:
    """Offer a link on every person's record to those who hold its permission."""
    if link not in _LINKS:
        _LINKS.append(link)


def record_links_for(*, actor: User, person: Person) -> list[tuple[str, str]]:
    """(label, url) of the links the actor may follow from this person's record."""
    links = []
    for link in _LINKS:
        if has_permission(actor, link.permission):
            if link.query:
                url = f"{reverse(link.url_name)}?person={person.pk}"
            else:
                url = reverse(link.url_name, args=[person.pk])
            links.append((link.label, url))
    return links

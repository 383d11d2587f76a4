"""A cross-border alert's need-to-know grant: the receiving area's hub reaches the person
until the grant runs out (and no longer), through the area scope of the person record and of
the records about them that other apps register with `cross_border_granted`."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from hub.people.models import Person
from hub.platform.access import Grant, Scope, extend_scope_rules

from .models import Alert


def cross_border_granted(grant: Grant, person_field: str = "pk") -> Q:
    """The rows whose person a live cross-border alert lets the grant's area see."""
    granted = Alert.objects.filter(
        person=OuterRef(person_field),
        area_id=grant.area_id,
        kind=Alert.Kind.CROSS_BORDER,
        grant_until__gt=timezone.now(),
    )
    return Q(Exists(granted))


extend_scope_rules(Person, Scope.AREA, cross_border_granted)

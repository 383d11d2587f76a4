"""Factories for the records tests need; each builds a valid record with the least fuss."""

from __future__ import annotations

import datetime as dt

import factory

from hub.organisations.models import Agency, Area, Membership, Team, User
from hub.people.models import Person, PersonInvolvement

TEST_PASSWORD = "correct-horse-battery-staple"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E0899{n:04d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Agency.Kind.CHILDRENS_SERVICES
    area = factory.SubFactory(AreaFactory)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    agency = factory.SubFactory(AgencyFactory)
    area = factory.SelfAttribute("agency.area")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


def user_with_role(role: str, team: Team, **kwargs: object) -> User:
    """A user holding one role in one team."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, team=team, role=role)
    return user


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Kayden{n}")
    family_name = "Smith"
    date_of_birth = dt.date(2010, 4, 3)
    home_area = factory.SubFactory(AreaFactory)


def person_known_to(team: Team, **kwargs: object) -> Person:
    """A person living in the team's area and known to that team."""
    person = PersonFactory(home_area=team.area, **kwargs)
    PersonInvolvement.objects.create(
        person=person, agency=team.agency, team=team, since=dt.date(2024, 1, 1)
    )
    return person

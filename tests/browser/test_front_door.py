"""The front door in a real browser: a school refers two children found together, the
Birmingham hub triages inside the clock, links one child to the record it already holds (under
a misspelt name and an alias) instead of duplicating it, decides for both, and the school sees
the outcome but not the hub's working notes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hub.people.models import AliasKind, Person, PersonAlias
from hub.people.search.services import reindex_all
from hub.referrals.models import Referral, TriageDecision
from tests.factories import person_known_to

from .axe import assert_accessible
from .test_need_to_know import menu, shot, sign_in, sign_out

NOTE = "DSL says the driver has been seen outside school twice this month"
REASON = "Older adult, night, drugs money: reasonable cause to suspect significant harm"


@pytest.mark.django_db(transaction=True)
def test_a_school_referral_triaged_linked_and_decided(live_server, world, page):
    base = live_server.url
    kayden = person_known_to(
        world.police_bham_team,
        given_name="Kayden",
        family_name="Smith",
        date_of_birth=dt.date(2010, 4, 3),
    )
    PersonAlias.objects.create(person=kayden, kind=AliasKind.STREET_NAME, name="K-Dog")
    reindex_all()

    # The school's designated safeguarding lead refers both children.
    sign_in(page, base, "school.p")
    menu(page, "Referrals")
    page.get_by_role("link", name="Make a referral").click()
    assert_accessible(page)
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "referral-form")
    first = page.locator("fieldset.hub-subject").nth(0)
    first.get_by_label("First name").fill("Kaiden")
    first.get_by_label("Last name").fill("Smyth")
    first.get_by_label("Other names, nicknames or street names").fill("K Dog")
    first.get_by_label("Day").fill("3")
    first.get_by_label("Month").fill("4")
    first.get_by_label("Year").fill("2010")
    page.get_by_role("button", name="Add another person").click()
    second = page.locator("fieldset.hub-subject").nth(1)
    assert (
        page.locator("fieldset.hub-subject").nth(0).get_by_label("First name").input_value()
        == "Kaiden"
    )
    second.get_by_label("First name").fill("Leah")
    second.get_by_label("Last name").fill("Hughes")
    second.get_by_label("about how old are they?").fill("14")
    page.get_by_label("Child sexual exploitation").check()
    page.get_by_label("Child criminal exploitation").check()
    page.get_by_label("What happened, or what have you seen or been told?").fill(
        "Both found by a teacher at 11pm in a car with a man in his thirties; two phones, cash."
    )
    when = page.get_by_role("group", name="When did it happen?")
    today = dt.date.today()
    when.get_by_label("Day").fill(str(today.day))
    when.get_by_label("Month").fill(str(today.month))
    when.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Where did it happen?").fill("Car park behind the leisure centre")
    page.get_by_label("What has the person said, in their own words?").fill("He's our mate.")
    page.get_by_role("group", name="Does the person know about this referral?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role(
        "group", name="Does their family or carer know about this referral?"
    ).get_by_label("No: telling them could put someone at risk").check()
    page.get_by_label("Consent was not sought").check()
    page.get_by_label("Why was consent not sought, or what did they say?").fill(
        "Telling the family could put the children at risk"
    )
    page.get_by_label("Not applicable (a child)").check()
    page.get_by_label("Public task, for safeguarding", exact=False).check()
    # The form keeps everything when an answer is missing.
    page.get_by_label("What happened, or what have you seen or been told?").fill("")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("Describe what happened, or what you have seen").first.is_visible()
    assert (
        page.locator("fieldset.hub-subject").nth(1).get_by_label("First name").input_value()
        == "Leah"
    )
    assert_accessible(page)
    page.get_by_label("What happened, or what have you seen or been told?").fill(
        "Both found by a teacher at 11pm in a car with a man in his thirties; two phones, cash."
    )
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Check your referral before you send it").is_visible()
    assert_accessible(page)
    shot(page, "referral-check")
    page.get_by_role("button", name="Send the referral").click()
    assert page.get_by_text("sent to the Birmingham hub").is_visible()
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.WITH_HUB and referral.subjects.count() == 2
    sign_out(page)

    # The Birmingham hub triages it, well inside the working day.
    sign_in(page, base, "bham.hp")
    menu(page, "Triage")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text=referral.reference)
    assert "In time" in row.inner_text()
    shot(page, "triage-queue")
    row.get_by_role("link", name=referral.reference).click()
    assert_accessible(page)
    page.get_by_role("button", name="Take this referral").click()
    page.get_by_label("Agency", exact=True).select_option(label="West Midlands Police")
    page.get_by_label("Holds relevant information").check()
    page.get_by_label("What they told you").fill(
        "Kayden: two missing episodes, seen with the same car"
    )
    page.get_by_role("button", name="Record the check").click()
    page.get_by_label("Add a note for the hub").fill(NOTE)
    page.get_by_role("button", name="Add the note").click()
    # Kaiden Smyth "K Dog" is the Kayden Smith "K-Dog" the hub knows: link, do not duplicate.
    page.get_by_role("button", name=f"Link to {kayden.reference}").click()
    assert page.get_by_text("Linked to the person's record.").is_visible()
    leah_card = page.get_by_role("region", name=re.compile("Person 2: Leah Hughes"))
    leah_card.get_by_role("button", name="Record as a new person").click()
    kaiden_card = page.get_by_role("region", name=re.compile("Person 1: Kaiden Smyth"))
    kaiden_card.get_by_label("Strategy discussion (section 47, Children Act 1989)").check()
    kaiden_card.get_by_label("Reason for the decision (seen by the hub only)").fill(REASON)
    shot(page, "triage-referral")
    kaiden_card.get_by_role("button", name="Record the decision for Kaiden Smyth").click()
    leah_card = page.get_by_role("region", name=re.compile("Person 2: Leah Hughes"))
    leah_card.get_by_label("Exploitation screening").check()
    leah_card.get_by_label("Reason for the decision (seen by the hub only)").fill(
        "Found with Kaiden"
    )
    leah_card.get_by_role("button", name="Record the decision for Leah Hughes").click()
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
    assert referral.decided_at <= referral.due_at  # inside the clock
    # No duplicate made (Coventry's own Kaiden Smyth, out of Birmingham's scope, aside).
    made = Person.objects.filter(given_name__in=["Kaiden", "Kayden"]).exclude(
        pk=world.cov_person.pk
    )
    assert list(made) == [kayden]
    assert TriageDecision.objects.count() == 2

    # Both chronologies show the referral and the decisions, with the hub's notes.
    leah = Person.objects.get(given_name="Leah")
    for person, decision in ((kayden, "Strategy discussion"), (leah, "Exploitation screening")):
        page.goto(f"{base}/people/{person.pk}/chronology/")
        events = page.locator("tbody").inner_text()
        assert f"Referral {referral.reference}" in events
        assert f"Hub decision on {referral.reference}: {decision}" in events
        assert NOTE in events
    assert_accessible(page)
    shot(page, "chronology-after-triage")
    sign_out(page)

    # The school sees the outcome for each child, and none of the hub's working.
    sign_in(page, base, "school.p")
    menu(page, "Referrals")
    page.get_by_role("link", name=referral.reference).click()
    assert page.get_by_text("Strategy discussion (section 47, Children Act 1989)").is_visible()
    assert page.get_by_text("Exploitation screening").first.is_visible()
    content = page.content()
    assert NOTE not in content and REASON not in content and "two missing episodes" not in content
    assert_accessible(page)
    shot(page, "referral-outcome")

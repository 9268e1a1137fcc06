"""A person's start date: set and changed in the admin's person screens, bounded, where time to certify counts from."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from certify.models import Role, User
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db


def _edit_data(person, **changes):
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "is_active": "on",
        "groups": [str(Group.objects.get(name=Role.REP.label).pk)],
    }
    data.update(changes)
    return data


def test_admin_sets_a_new_persons_start_date_when_adding_them(client_for, enablement_admin):
    response = client_for(enablement_admin).post(
        reverse("wagtailusers_users:add"),
        {
            "email": "new.hire@example.com",
            "first_name": "Ade",
            "last_name": "Okafor",
            "groups": [str(Group.objects.get(name=Role.REP.label).pk)],
            "start_date": "2026-03-02",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert User.objects.get(email="new.hire@example.com").start_date == date(2026, 3, 2)


def test_admin_changes_a_start_date_on_the_persons_edit_screen(client_for, enablement_admin):
    person = RepFactory()
    client = client_for(enablement_admin)
    page = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert b'name="start_date"' in page.content and b'type="date"' in page.content
    response = client.post(reverse("wagtailusers_users:edit", args=[person.pk]), _edit_data(person, start_date="2025-11-17"))
    assert response.status_code == 302, response.content[:2000]
    person.refresh_from_db()
    assert person.start_date == date(2025, 11, 17)


@pytest.mark.parametrize("typed", ["1969-12-31", "2999-01-01"])
def test_a_start_date_outside_1970_to_a_year_ahead_is_refused_and_nothing_changes(client_for, enablement_admin, typed):
    person = RepFactory(start_date=date(2024, 1, 8))
    response = client_for(enablement_admin).post(
        reverse("wagtailusers_users:edit", args=[person.pk]), _edit_data(person, start_date=typed)
    )
    assert response.status_code == 200
    assert b"Enter a start date between 01 Jan 1970 and" in response.content
    person.refresh_from_db()
    assert person.start_date == date(2024, 1, 8)


def test_a_start_date_a_few_months_ahead_is_kept_for_a_hire_not_yet_started(client_for, enablement_admin):
    person = RepFactory()
    ahead = timezone.localdate() + timedelta(days=60)
    response = client_for(enablement_admin).post(
        reverse("wagtailusers_users:edit", args=[person.pk]), _edit_data(person, start_date=ahead.isoformat())
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.start_date == ahead

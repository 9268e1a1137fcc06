"""The deals import in the admin: a checked file is imported without choosing it again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from certify.forms import DealImportForm
from certify.models import Deal
from tests.certify.test_deal_import import SALESFORCE
from tests.factories.certify import EnablementAdminFactory, RepFactory

pytestmark = pytest.mark.django_db

URL = "certify_admin:deal_import"


@pytest.fixture
def owners(db):
    """The reps the Salesforce fixture's closed-won deals belong to."""
    return [RepFactory(email=email) for email in ("rep@test.example", "other.rep@test.example", "sam.lee@test.example")]


def _form_data(**extra):
    form = DealImportForm()
    data = {name: field.initial for name, field in form.fields.items() if name not in ("file", "dry_run")}
    data.update(extra)
    return data


def _upload():
    return SimpleUploadedFile("opportunities.csv", SALESFORCE.read_bytes(), content_type="text/csv")


def _check(client):
    response = client.post(reverse(URL), _form_data(file=_upload(), dry_run="on"))
    assert response.status_code == 200
    assert response.context["summary"].dry_run
    return response


def test_a_checked_file_is_imported_without_choosing_it_again(client_for, enablement_admin, owners):
    client = client_for(enablement_admin)
    checked = _check(client)
    assert not Deal.objects.exists()
    would_create = checked.context["summary"].created
    assert would_create > 0
    assert 'name="confirm"' in checked.content.decode() and "Import opportunities.csv" in checked.content.decode()

    # "Import opportunities.csv": the same form, "Check only" still ticked, no file chosen.
    response = client.post(reverse(URL), _form_data(dry_run="on", confirm="1"))
    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert not response.context["summary"].dry_run
    assert Deal.objects.count() == would_create


def test_the_form_says_which_checked_file_an_empty_file_field_imports(client_for, enablement_admin, owners):
    client = client_for(enablement_admin)
    _check(client)
    html = client.get(reverse(URL)).content.decode()
    assert "Leave empty to use “opportunities.csv”, the file you checked." in html


def test_a_checked_file_is_kept_for_the_person_who_checked_it_only(client_for, enablement_admin, owners, client):
    _check(client_for(enablement_admin))
    client.logout()
    someone_else = client_for(EnablementAdminFactory(email="other.admin@test.example"))
    response = someone_else.post(reverse(URL), _form_data(confirm="1"))
    assert response.context["form"].errors["file"] == ["This field is required."]
    assert not Deal.objects.exists()


def test_once_imported_the_kept_file_is_gone(client_for, enablement_admin, owners):
    client = client_for(enablement_admin)
    _check(client)
    client.post(reverse(URL), _form_data(confirm="1"))
    imported = Deal.objects.count()
    again = client.post(reverse(URL), _form_data(confirm="1"))
    assert again.context["form"].errors["file"] == ["This field is required."]
    assert Deal.objects.count() == imported


def test_without_a_check_first_a_file_must_be_chosen(client_for, enablement_admin, owners):
    response = client_for(enablement_admin).post(reverse(URL), _form_data())
    assert response.context["form"].errors["file"] == ["This field is required."]
    assert not Deal.objects.exists()

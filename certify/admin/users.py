"""People in the Wagtail admin: Wagtail's own user screens, with the fields the platform adds to a person."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from ..models import START_DATE_EARLIEST

# The person's own fields, edited on the account tab after Wagtail's.
PERSON_FIELDS = ["start_date"]


def _date_input():
    return forms.DateInput(attrs={"type": "date", "min": START_DATE_EARLIEST.isoformat()}, format="%Y-%m-%d")


class PersonCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PERSON_FIELDS)
        widgets = {"start_date": _date_input()}


class PersonEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PERSON_FIELDS)
        widgets = {"start_date": _date_input()}


class UserViewSet(WagtailUserViewSet):
    template_prefix = "certify/admin/users/"

    def get_form_class(self, for_update=False):
        return PersonEditForm if for_update else PersonCreationForm

"""Forms a person fills in about themself: choosing a password from an invitation, and their time zone."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from content.time_zones import is_time_zone, time_zone_choices

BROWSER_TIME_ZONE_FIELD = "time_zone"  # the hidden field certify/static/certify/time-zone.js fills in


class BrowserTimeZoneInput(forms.HiddenInput):
    """The hidden field of a sign-in form that carries the zone the browser reports (filled in by a script)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-browser-time-zone": "", **(attrs or {})})


class SetPasswordForm(forms.Form):
    # The zone the browser reports: the person's while they have none. Anything else is dropped, never an error.
    time_zone = forms.CharField(required=False, widget=BrowserTimeZoneInput)

    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Type it again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_time_zone(self):
        reported = self.cleaned_data.get("time_zone") or ""
        return reported if is_time_zone(reported) else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "The two passwords are not the same.")
        return cleaned


class TimeZoneForm(forms.Form):
    """The zone a person reads every time in: any IANA zone, the common ones first."""

    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=time_zone_choices,
        help_text="Times on every page, in emails and in calendar invitations are shown in this zone.",
        error_messages={
            "required": "Choose your time zone.",
            "invalid_choice": "That is not a time zone: choose one from the list, such as Europe/Berlin.",
        },
    )

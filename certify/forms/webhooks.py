"""The webhook endpoint form in the Wagtail admin: bounds and the URL rule here, the save in the service."""

from django import forms

from ..models import WebhookEventType
from ..models.webhooks import NAME_MAX, URL_MAX
from ..services import webhook_url_problem


class WebhookEndpointForm(forms.Form):
    name = forms.CharField(max_length=NAME_MAX, help_text="Who receives it, as admins read it: “Sales Slack”.")
    url = forms.CharField(
        label="URL",
        max_length=URL_MAX,
        help_text="Where events are POSTed: https://…, or http:// only to 127.0.0.1 or localhost.",
        widget=forms.URLInput,
    )
    events = forms.MultipleChoiceField(
        choices=WebhookEventType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send to this endpoint."},
    )
    is_active = forms.BooleanField(label="Active", required=False, initial=True,
                                   help_text="Switched off, it is sent nothing.")
    may_receive_failed = forms.BooleanField(
        label="May receive failed results",
        required=False,
        help_text="Only then are a rep's failed quiz attempts and failed assessment results sent here. "
        "Leave off unless everyone who reads this endpoint may see reps' failures.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if problem := webhook_url_problem(url):
            raise forms.ValidationError(problem)
        return url

"""Forms for level 3: a rep asks their manager to observe a call, a manager starts one, answers a request,
and a second observer countersigns."""

from django import forms
from django.utils import timezone

from assessments.models import CallKind
from assessments.services.observations import OBSERVATION_LOOKBACK_DAYS

from ..dates import BOOKING_FUTURE_DAYS
from ..models import CertificationLevel, User
from .fields import date_in_window, with_time_zone_note


def _people_choice(field, people, *, empty_label):
    """A person field offering `people` (a list already loaded); the queryset only checks what is posted."""
    field.queryset = User.objects.filter(pk__in=[person.pk for person in people])
    field.empty_label = empty_label
    field.widget.choices = ([("", empty_label)] if empty_label else []) + [
        (person.pk, person.display_name) for person in people
    ]


class ObservationCallForm(forms.Form):
    """The real customer call to observe: which account, when, what kind of call, where. Says next to each
    field what is missing; the service checks the rules again."""

    account = forms.CharField(
        max_length=200,
        label="Customer account",
        error_messages={"required": "Name the customer account the call is with."},
    )
    opportunity_ref = forms.CharField(
        required=False,
        max_length=80,
        label="CRM opportunity id (optional)",
        help_text="The opportunity the call belongs to, as your CRM names it.",
    )
    call_at = forms.DateTimeField(
        label="Date and time of the call",
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={
            "required": "Say when the call takes place.",
            "invalid": "Enter a date and a time, such as 2025-05-14 10:30.",
        },
    )
    call_kind = forms.ChoiceField(
        label="Kind of call",
        error_messages={"required": "Choose the kind of call.", "invalid_choice": "Choose one of the kinds of call."},
    )
    location = forms.CharField(
        required=False,
        max_length=300,
        label="Where (optional)",
        help_text="The customer's office, or the video-call link the observer joins.",
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.fields["call_kind"].choices = [("", "Choose the kind of call")] + list(CallKind.choices)
        self.fields["call_at"].help_text = with_time_zone_note(
            f"A call that has already taken place can be recorded up to {OBSERVATION_LOOKBACK_DAYS} days later."
        )

    def clean_call_at(self):
        value = self.cleaned_data.get("call_at")
        if value is not None and value < (self.now or timezone.now()) - timezone.timedelta(days=OBSERVATION_LOOKBACK_DAYS):
            raise forms.ValidationError(
                f"That call was more than {OBSERVATION_LOOKBACK_DAYS} days ago: an observation is recorded while it is fresh."
            )
        return date_in_window(
            value,
            past_days=OBSERVATION_LOOKBACK_DAYS + 1,
            future_days=BOOKING_FUTURE_DAYS,
            today=timezone.localdate(self.now) if self.now else None,
        )


class ObservationRequestForm(ObservationCallForm):
    """A rep asks one of their managers to observe a real customer call (level 3)."""

    observer = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Your manager",
        help_text="Only your own manager observes and signs off your calls.",
        error_messages={
            "required": "Choose the manager who will observe the call.",
            "invalid_choice": "Choose one of your managers.",
        },
    )
    field_order = ["observer", "account", "opportunity_ref", "call_at", "call_kind", "location", "note"]

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.managers = list(managers)
        field = self.fields["observer"]
        _people_choice(field, self.managers, empty_label=None if len(self.managers) == 1 else "Choose your manager")
        if len(self.managers) == 1:
            field.initial = self.managers[0].pk
        self.fields["note"].label = "Note for your manager (optional)"
        self.fields["note"].help_text = "For example, who is on the customer's side and what the call must achieve."


class ObservationStartForm(ObservationCallForm):
    """A manager starts an observation of one of their own reps' calls: which certification, the call, and the
    second observer where the level requires one."""

    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.none(),
        label="Certification",
        error_messages={
            "required": "Choose the certification the call counts towards.",
            "invalid_choice": "Choose one of the certifications offered.",
        },
    )
    countersigner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Second observer",
        error_messages={"invalid_choice": "Choose one of the people offered."},
    )
    field_order = ["level", "account", "opportunity_ref", "call_at", "call_kind", "location", "countersigner", "note"]

    def __init__(self, *args, levels, countersigners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = list(levels)
        field = self.fields["level"]
        field.queryset = CertificationLevel.objects.filter(pk__in=[level.pk for level in self.levels])
        field.widget.choices = ([] if len(self.levels) == 1 else [("", "Choose the certification")]) + [
            (level.pk, self.level_label(level)) for level in self.levels
        ]
        if len(self.levels) == 1:
            field.empty_label = None
            field.initial = self.levels[0].pk
        self.needs_countersign = [level for level in self.levels if level.countersign_required]
        if self.needs_countersign:
            _people_choice(self.fields["countersigner"], list(countersigners), empty_label="Choose the second observer")
            self.fields["countersigner"].help_text = (
                "A manager, judge or enablement admin who joins the call with you and countersigns your sign-off. "
                "Needed for: " + ", ".join(str(level.certification) for level in self.needs_countersign) + "."
            )
        else:
            del self.fields["countersigner"]

    @staticmethod
    def level_label(level) -> str:
        return f"{level.certification} — {level.label}" + (" (with a second observer)" if level.countersign_required else "")

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        if level is not None and level.countersign_required and not cleaned.get("countersigner"):
            if "countersigner" not in self.errors:
                self.add_error("countersigner", "This certification needs a second observer: choose who joins you on the call.")
        elif level is not None and not level.countersign_required:
            cleaned["countersigner"] = None
        return cleaned


class ObservationAnswerForm(forms.Form):
    """The manager asked to observe a call accepts (naming the second observer where one is required) or
    declines with a reason the rep reads."""

    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(choices=[(ACCEPT, "Accept"), (DECLINE, "Decline")])
    countersigner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Second observer",
        help_text="This certification needs a second observer: a manager, judge or enablement admin who joins the "
        "call with you and countersigns your sign-off.",
        error_messages={"invalid_choice": "Choose one of the people offered."},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label="Why you decline",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The rep will read it, and can ask again for another call.",
    )

    def __init__(self, *args, countersigners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_countersign = countersigners is not None
        if self.needs_countersign:
            _people_choice(self.fields["countersigner"], list(countersigners), empty_label="Choose the second observer")
        else:
            del self.fields["countersigner"]

    def clean(self):
        cleaned = super().clean()
        answer = cleaned.get("answer")
        if answer == self.DECLINE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why you decline: the rep will read it.")
        if answer == self.ACCEPT and self.needs_countersign and not cleaned.get("countersigner"):
            if "countersigner" not in self.errors:
                self.add_error("countersigner", "Name the second observer who joins you on the call.")
        return cleaned


class ObservationCountersignForm(forms.Form):
    """The second observer confirms they saw the call too, and agrees with the sign-off or says what they saw
    differently."""

    AGREE, DISAGREE = "agree", "disagree"

    attest = forms.BooleanField(
        label="I observed this call myself",
        error_messages={"required": "Confirm that you observed this call yourself: your countersign says so."},
    )
    agree = forms.ChoiceField(
        label="The sign-off",
        choices=[(AGREE, "I agree with the sign-off"), (DISAGREE, "I saw it differently")],
        widget=forms.RadioSelect,
        initial=AGREE,
        error_messages={"required": "Say whether you agree with the sign-off."},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label="What you saw differently",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you disagree: an enablement admin reads it and settles the result.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agree") == self.DISAGREE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say what you saw differently: an enablement admin will read it and settle the result.")
        return cleaned

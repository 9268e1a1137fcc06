import re

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html

from .deal_import import (
    CURRENCY_CODE,
    COLUMNS,
    DATE_FORMATS,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    TOO_BIG,
)
from .models import CertificationLevel, Role, Team, User


class SetPasswordForm(forms.Form):
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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "The two passwords are not the same.")
        return cleaned


class TipForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title", help_text="One line: what to do, e.g. “Ask for the forecast review, not a demo”.")
    body = forms.CharField(
        max_length=5000,
        label="Your tip",
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="What you did and why it worked. Plain text with **bold**, *italic* and lines starting with “- ”.",
    )
    product = forms.ModelChoiceField(queryset=None, empty_label="Choose a product")
    stage = forms.ModelChoiceField(queryset=None, empty_label="Choose a stage or situation", label="Buying stage or situation")
    page = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        from content.models import BuyingStage, Product

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.active()
        self.fields["stage"].queryset = BuyingStage.objects.all()


class TipFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search tips")
    product = forms.ModelChoiceField(queryset=None, required=False, empty_label="All products", to_field_name="code")
    stage = forms.ModelChoiceField(queryset=None, required=False, empty_label="All stages", to_field_name="slug")
    sort = forms.ChoiceField(required=False, choices=[], label="Sort by")
    verified = forms.BooleanField(required=False, label="Verified only")

    def __init__(self, *args, **kwargs):
        from content.models import BuyingStage, Product

        from .selectors import TIP_SORTS

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.active()
        self.fields["stage"].queryset = BuyingStage.objects.all()
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in TIP_SORTS.items()]


class TipReplyForm(forms.Form):
    body = forms.CharField(max_length=2000, label="Reply", widget=forms.Textarea(attrs={"rows": 3}))


class TipModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", "Hide"), ("show", "Show again"), ("verify", "Verify"), ("unverify", "Remove verification")])
    reason = forms.CharField(required=False, max_length=1000, label="Reason (shown to the author)")


class AssignmentForm(forms.Form):
    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.filter(certification__active=True)
        .select_related("certification")
        .order_by("certification__title", "number"),
        label="Certification level",
    )
    users = forms.CharField(
        required=False,
        label="Reps",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Their email addresses, one per line or separated by commas (paste a column from a spreadsheet).",
    )
    teams = forms.ModelMultipleChoiceField(
        queryset=Team.objects.order_by("name"),
        required=False,
        label="Whole teams",
        help_text="Everyone on the team, including people who join later.",
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(label="Due by", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_users(self):
        emails = {User.objects.normalize_email(part) for part in re.split(r"[\s,;]+", self.cleaned_data["users"])} - {""}
        reps = list(User.objects.filter(is_active=True, groups__name=Role.REP.label, email__in=emails))
        unknown = sorted(emails - {rep.email for rep in reps})
        if unknown:
            raise forms.ValidationError(f"No active rep has these addresses: {', '.join(unknown)}. Nothing was assigned.")
        return reps

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("users") and not cleaned.get("teams") and not self.errors:
            raise forms.ValidationError("Name at least one rep or choose a team.")
        return cleaned


class AwardRevokeForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The rep and their manager will read this.",
    )


class AwardGrantForm(forms.Form):
    user = forms.EmailField(label="Rep's email address")
    level = forms.ModelChoiceField(
        queryset=CertificationLevel.objects.select_related("certification").order_by("certification__title", "number"),
        label="Certification level",
    )
    note = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="On what grounds",
        help_text="For example: “Passed the equivalent certification at a previous employer, checked by …”.",
    )

    def clean_user(self):
        email = User.objects.normalize_email(self.cleaned_data["user"])
        rep = User.objects.filter(is_active=True, groups__name=Role.REP.label, email=email).first()
        if rep is None:
            raise forms.ValidationError(f"No active rep has the address {email}.")
        return rep


def _column_field(name: str, label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        initial=COLUMNS[name],
        max_length=200,
        required=name not in OPTIONAL_COLUMNS,
        help_text=help_text,
    )


class DealImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file from the CRM",
        help_text="In Salesforce: run an opportunity report, then Export → Details only → CSV. "
        "Up to 10 MB. Importing the same file again changes nothing.",
    )
    date_format = forms.ChoiceField(
        label="Dates in the file look like",
        choices=DATE_FORMATS,
        initial=DEFAULT_DATE_FORMAT,
        help_text="A time after the date, if any, is left out.",
    )
    default_currency = forms.CharField(
        label="Currency when the file has none",
        initial=DEFAULT_CURRENCY,
        max_length=3,
        help_text="A three-letter code such as USD or EUR, for files without a currency column.",
    )
    column_external_id = _column_field(
        "external_id", "Column with the CRM id", "The deal's id in the CRM: importing it again updates that deal."
    )
    column_rep_email = _column_field(
        "rep_email",
        "Column with the rep's email",
        "The deal's owner; they must be an active rep here, with the same email.",
    )
    column_account = _column_field("account", "Column with the account", "The customer's name.")
    column_amount = _column_field(
        "amount", "Column with the amount", "Like 12500, 12,500.00, $12,500.00 or USD 12,500.00."
    )
    column_currency = _column_field(
        "currency", "Column with the currency", "Optional: without this column, the currency above applies."
    )
    column_close_date = _column_field("close_date", "Column with the close date", "In the format chosen above.")
    column_stage = _column_field(
        "stage",
        "Column with the stage",
        "Optional: if the file has it, only rows at “Closed Won” (or “Won”) come in; "
        "the others are counted as skipped.",
    )
    dry_run = forms.BooleanField(
        label="Check only — show what would change without importing",
        required=False,
        help_text="Every row is checked as for an import, and nothing is saved.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"That file {TOO_BIG}")
        return upload

    def clean_default_currency(self):
        currency = self.cleaned_data["default_currency"].strip().upper()
        if not CURRENCY_CODE.fullmatch(currency):
            raise forms.ValidationError("Enter a three-letter code such as USD.")
        return currency

    def mapping(self) -> dict:
        return {name: self.cleaned_data[f"column_{name}"] for name in COLUMNS}


class EvaluationPanelForm(forms.Form):
    """The judges for an evaluation and, for a live session, when and where it takes place.

    The list offers the eligible judges, each with how many scorecards they have open. Any person
    sent is passed on, so the service can say why someone cannot sit on this panel.
    """

    judges = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Judges",
        help_text="People with the judge role, least busy first. The rep being assessed is not offered.",
        error_messages={"required": "Choose at least one judge."},
    )
    scheduled_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Moving the session sends everyone an updated calendar invitation.",
        error_messages={"invalid": "Enter a date and a time, such as 2025-05-14 10:30."},
    )
    location = forms.CharField(label="Location", max_length=300, help_text="A room, or a video-call link.")

    def __init__(self, *args, evaluation, eligible, **kwargs):
        from django.utils import timezone

        from assessments.models import EvaluationMode

        self.evaluation = evaluation
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("judges", [card.judge_id for card in evaluation.scorecards.all()])
        super().__init__(*args, **kwargs)
        field = self.fields["judges"]
        field.queryset = User.objects.filter(is_active=True)
        field.widget.choices = [(judge.pk, self.judge_label(judge)) for judge in eligible]
        if evaluation.mode == EvaluationMode.LIVE:
            if evaluation.scheduled_at:
                self.initial.setdefault("scheduled_at", timezone.localtime(evaluation.scheduled_at))
            self.initial.setdefault("location", evaluation.location)
        else:
            del self.fields["scheduled_at"], self.fields["location"]

    @staticmethod
    def judge_label(judge) -> str:
        count = judge.open_scorecards
        return f"{judge.display_name} — {count} open scorecard{'s' if count != 1 else ''}"

    def clean_scheduled_at(self):
        """None when the time shown was left as it was (the field keeps minutes only), so nothing moves."""
        scheduled_at = self.cleaned_data["scheduled_at"]
        current = self.evaluation.scheduled_at
        if current is not None and scheduled_at == current.replace(second=0, microsecond=0):
            return None
        return scheduled_at


def in_site_time_zone(value):
    """A datetime-local field carries no time zone: read what was typed in the site's."""
    from django.utils import timezone

    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return timezone.make_aware(naive, timezone.get_default_timezone())


class LevelEvaluationRequestForm(forms.Form):
    """A rep asks for a level-2 assessment: which role-play, a live session or a recording, and a note.

    Says next to each field what is missing; the service checks the rules again when the request is made.
    """

    LIVE, RECORDING = "live", "recording"

    scenario = forms.ModelChoiceField(
        queryset=None, label="Role-play", empty_label=None, widget=forms.RadioSelect,
        error_messages={"required": "Choose the role-play you will perform.", "invalid_choice": "Choose one of the role-plays above."},
    )
    mode = forms.ChoiceField(
        label="How you will perform",
        choices=[(LIVE, "Live session, with the panel"), (RECORDING, "Upload a recording")],
        widget=forms.RadioSelect,
        initial=LIVE,
        error_messages={"required": "Choose a live session or a recording."},
    )
    scheduled_at = forms.DateTimeField(
        required=False,
        label="Date and time",
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={"invalid": "Enter a date and a time, such as 2025-05-14 10:30."},
    )
    location = forms.CharField(
        required=False,
        max_length=300,
        label="Place or video-call link",
        help_text="A meeting room, or the link the panel will join.",
    )
    recording = forms.FileField(
        required=False,
        label="Your recording",
        widget=forms.FileInput(attrs={"accept": "video/*,audio/*"}),
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Note for the enablement team (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, times that suit you or anything the panel should know.",
    )

    def __init__(self, *args, scenarios, now=None, **kwargs):
        from django.utils import timezone

        from assessments.services.evaluations import RECORDING_TYPES, recording_max_bytes

        super().__init__(*args, **kwargs)
        self.now = now
        # Loaded once: the page shows each scenario's brief from this list, and the choices come from it too.
        self.scenarios = list(scenarios)
        field = self.fields["scenario"]
        field.queryset = scenarios
        field.widget.choices = [(scenario.pk, scenario.title) for scenario in self.scenarios]
        if len(self.scenarios) == 1:
            field.widget = forms.HiddenInput()
            field.initial = self.scenarios[0].pk
        self.fields["scheduled_at"].help_text = (
            f"In {timezone.get_default_timezone_name()} time. The session lasts as long as the role-play."
        )
        self.max_mb = recording_max_bytes() // 1024 // 1024
        self.recording_types = ", ".join(sorted(set(RECORDING_TYPES.values())))
        self.fields["recording"].help_text = f"A video or audio file ({self.recording_types}), up to {self.max_mb} MB."

    def clean_scheduled_at(self):
        return in_site_time_zone(self.cleaned_data.get("scheduled_at"))

    def clean(self):
        from django.utils import timezone

        from assessments.exceptions import EvaluationRefused
        from assessments.services import recording_check

        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode == self.LIVE:
            when = cleaned.get("scheduled_at")
            if when is None and "scheduled_at" not in self.errors:
                self.add_error("scheduled_at", "Choose the date and time of the session.")
            elif when is not None and when <= (self.now or timezone.now()):
                self.add_error("scheduled_at", "That time has passed: choose a time in the future.")
            if not (cleaned.get("location") or "").strip() and "location" not in self.errors:
                self.add_error("location", "Say where the session takes place: a room, or a video-call link.")
        elif mode == self.RECORDING:
            upload = cleaned.get("recording")
            if upload is None:
                if "recording" not in self.errors:
                    self.add_error("recording", "Choose the recording to upload.")
            else:
                try:
                    recording_check(upload)
                except EvaluationRefused as error:
                    self.add_error("recording", str(error))
        return cleaned

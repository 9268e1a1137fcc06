"""Level-2 role-plays: a rep's request, and the panel an enablement admin chooses."""

from django import forms

from ..dates import BOOKING_FUTURE_DAYS, SESSION_PAST_DAYS
from ..models import User
from .fields import date_in_window, with_time_zone_note


def _today(now):
    from django.utils import timezone

    return timezone.localdate(now) if now is not None else None


class EvaluationPanelForm(forms.Form):
    """The judges for an evaluation and, for a live session, when and where it takes place.

    The list offers the eligible judges, each with how many scorecards they have open. Any person
    sent is passed on, so the service can say why someone cannot sit on this panel.
    """

    judges = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Judges",
        help_text="People with the judge role, least busy first. The rep being assessed is not offered, nor "
        "anyone who manages them.",
    )
    managing_judges = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A judge who manages the rep scores their own direct report: choose one only if no one else can.",
    )
    include_managers = forms.BooleanField(
        required=False,
        label="I know they manage the rep and mean to include them",
    )
    scheduled_at = forms.DateTimeField(
        label="Date and time",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Moving the session sends everyone an updated calendar invitation.",
        error_messages={"invalid": "Enter a date and a time, such as 2025-05-14 10:30."},
    )
    location = forms.CharField(label="Location", max_length=300, help_text="A room, or a video-call link.")

    def __init__(self, *args, evaluation, eligible, managing=(), **kwargs):
        """`eligible` are the judges offered; `managing` the judges who manage the rep, offered apart and
        taken only with include_managers ticked."""
        from django.utils import timezone

        from assessments.models import EvaluationMode

        self.evaluation = evaluation
        managing = list(managing)
        managing_ids = {judge.pk for judge in managing}
        panel = [card.judge_id for card in evaluation.scorecards.all()]
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("judges", [pk for pk in panel if pk not in managing_ids])
        initial.setdefault("managing_judges", [pk for pk in panel if pk in managing_ids])
        initial.setdefault("include_managers", bool(managing_ids.intersection(panel)))
        super().__init__(*args, **kwargs)
        field = self.fields["judges"]
        field.queryset = User.objects.filter(is_active=True)
        field.widget.choices = [(judge.pk, self.judge_label(judge)) for judge in eligible]
        if managing:
            field = self.fields["managing_judges"]
            field.queryset = User.objects.filter(pk__in=managing_ids)
            field.widget.choices = [(judge.pk, self.judge_label(judge)) for judge in managing]
            field.label = f"Manages {evaluation.performer.display_name}: choose only if you mean to"
            self.fields["include_managers"].label = (
                f"I know they manage {evaluation.performer.display_name} and mean to include them"
            )
        else:
            del self.fields["managing_judges"], self.fields["include_managers"]
        if evaluation.mode == EvaluationMode.LIVE:
            self.fields["scheduled_at"].help_text = with_time_zone_note(self.fields["scheduled_at"].help_text)
            if evaluation.scheduled_at:
                self.initial.setdefault("scheduled_at", timezone.localtime(evaluation.scheduled_at))
            self.initial.setdefault("location", evaluation.location)
        else:
            del self.fields["scheduled_at"], self.fields["location"]

    @staticmethod
    def judge_label(judge) -> str:
        count = judge.open_scorecards
        return f"{judge.display_name} — {count} open scorecard{'s' if count != 1 else ''}"

    def clean(self):
        """The panel is the judges chosen plus any manager of the rep chosen knowingly (`panel` and
        `include_managers` in cleaned_data, for services.evaluation_panel_assign)."""
        cleaned = super().clean()
        managing = list(cleaned.get("managing_judges") or [])
        include = bool(cleaned.get("include_managers"))
        if managing and not include:
            self.add_error(
                "include_managers",
                f"Tick this to put someone who manages {self.evaluation.performer.display_name} on the panel, "
                "or leave them out.",
            )
        panel = list(cleaned.get("judges") or []) + [judge for judge in managing if include]
        if not panel and "judges" not in self.errors and "include_managers" not in self.errors:
            self.add_error("judges", "Choose at least one judge.")
        cleaned["panel"] = panel
        cleaned["include_managers"] = include
        return cleaned

    def clean_scheduled_at(self):
        """None when the time shown was left as it was (the field keeps minutes only), so nothing moves."""
        scheduled_at = date_in_window(
            self.cleaned_data["scheduled_at"], past_days=SESSION_PAST_DAYS, future_days=BOOKING_FUTURE_DAYS
        )
        current = self.evaluation.scheduled_at
        if current is not None and scheduled_at == current.replace(second=0, microsecond=0):
            return None
        return scheduled_at


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
        from assessments.services.evaluations import (
            RECORDING_TYPES,
            recording_max_bytes,
        )

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
        self.fields["scheduled_at"].help_text = with_time_zone_note("The session lasts as long as the role-play.")
        self.max_mb = recording_max_bytes() // 1024 // 1024
        self.recording_types = ", ".join(sorted(set(RECORDING_TYPES.values())))
        self.fields["recording"].help_text = f"A video or audio file ({self.recording_types}), up to {self.max_mb} MB."

    def clean_scheduled_at(self):
        value = self.cleaned_data.get("scheduled_at")
        # A time in the past, however long ago, is refused in clean() with its own message.
        return date_in_window(value, past_days=None, future_days=BOOKING_FUTURE_DAYS, today=_today(self.now))

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

"""How each kind of notice reaches a person (their own settings) or everyone by default (enablement admins)."""

from django import forms

from ..models import NoticeChannel


class NoticeChannelsForm(forms.Form):
    """One choice of channel per kind given: `kinds` is [(kind, label, current channel, default channel), ...]; the
    default is named under each choice (`default_label` says whose default it is)."""

    def __init__(self, *args, kinds, default_label="The site's default", **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label, channel, default in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=NoticeChannel.choices, initial=channel, widget=forms.RadioSelect,
                help_text=f"{default_label}: {NoticeChannel(default).label.lower()}.".replace("certifiable", "Certifiable"),
                error_messages={"required": "Choose how this kind of notice reaches you.",
                                "invalid_choice": "Choose one of the ways offered."},
            )  # fmt: skip

    def channels(self) -> dict:
        return dict(self.cleaned_data)

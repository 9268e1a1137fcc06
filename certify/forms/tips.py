"""Tips: sharing and editing one, filtering the list, replying, flagging and moderating."""

from django import forms

from ..models import Tip, TipFlag, TipFlagReason


def _lengths(low, high):
    return f"At least {low} and at most {high} characters (extra spaces and line breaks don't count)."


class TipTextForm(forms.Form):
    """A tip's title and text, as shared and as edited. The service checks the lengths and says what is wrong."""

    title = forms.CharField(
        max_length=200,
        label="Title",
        help_text="One line: what to do, e.g. “Ask for the forecast review, not a demo”. "
        + _lengths(Tip.TITLE_MIN, Tip.TITLE_MAX),
    )
    body = forms.CharField(
        max_length=5000,
        label="Your tip",
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="What you did and why it worked. Plain text with **bold**, *italic* and lines starting with “- ” "
        "or “1. ” for lists. " + _lengths(Tip.BODY_MIN, Tip.BODY_MAX),
    )


class TipForm(TipTextForm):
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
    stage = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All stages", to_field_name="slug", label="Stage or situation"
    )
    sort = forms.ChoiceField(required=False, choices=[], label="Sort by")
    verified = forms.BooleanField(required=False, label="Verified only")

    def __init__(self, *args, **kwargs):
        from content.models import BuyingStage, Product

        from ..selectors import TIP_SORTS

        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.active()
        self.fields["stage"].queryset = BuyingStage.objects.all()
        self.fields["sort"].choices = [(key, label) for key, (label, _order) in TIP_SORTS.items()]


class TipReplyForm(forms.Form):
    body = forms.CharField(max_length=2000, label="Reply", widget=forms.Textarea(attrs={"rows": 3}))


class TipFlagForm(forms.Form):
    reason = forms.ChoiceField(
        choices=TipFlagReason.choices, widget=forms.RadioSelect, label="What is wrong with this tip?"
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Anything enablement should know (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Only enablement admins read this. Up to {TipFlag.NOTE_MAX} characters; needed for “Something else”.",
    )


class TipModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("hide", "Hide"),
            ("show", "Show again"),
            ("verify", "Verify"),
            ("unverify", "Remove verification"),
            ("resolve", "Resolve the flags and keep the tip"),
        ]
    )
    reason = forms.CharField(required=False, max_length=1000, label="Reason (shown to the author)")

"""Tips: sharing one, filtering the list, replying and moderating."""

from django import forms


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


class TipModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", "Hide"), ("show", "Show again"), ("verify", "Verify"), ("unverify", "Remove verification")])
    reason = forms.CharField(required=False, max_length=1000, label="Reason (shown to the author)")

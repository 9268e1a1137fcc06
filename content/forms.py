"""The content hub's forms."""

from django import forms

from .models import CONTENT_PAGE_TYPES, BuyingStage, Product

TYPE_CHOICES = [(model._meta.model_name, model._meta.verbose_name.capitalize()) for model in CONTENT_PAGE_TYPES]


class ContentFilterForm(forms.Form):
    """The filters of a listing or search: free text, type, product and buying stage."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        error_messages={"max_length": "Search with fewer words: up to %(limit_value)d characters (this has %(show_value)d)."},
    )
    type = forms.ChoiceField(required=False, choices=[("", "All types"), *TYPE_CHOICES])
    product = forms.ModelChoiceField(
        required=False, queryset=Product.objects.active(), empty_label="All products", to_field_name="code"
    )
    stage = forms.ModelChoiceField(
        required=False, queryset=BuyingStage.objects.all(), empty_label="All stages", to_field_name="slug"
    )

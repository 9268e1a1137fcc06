"""A product's page: what it is, the content to learn it from and the tips reps shared about it."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from content.models import Product
from content.selectors import content_list

from ..selectors import tip_list, tip_marked_by

PRODUCT_TIPS = 5
PRODUCT_PAGES = 9


@require_safe
def product_view(request, code):
    """A product: what it is, the content to learn it from and the tips reps shared about it."""
    product = get_object_or_404(Product.objects.active(), code=code)
    tips = list(tip_list(viewer=request.user, product=product)[:PRODUCT_TIPS])
    return render(
        request,
        "certify/product.html",
        {
            "product": product,
            "pages": list(content_list(product=product)[:PRODUCT_PAGES]),
            "tips": tips,
            "marked": tip_marked_by(viewer=request.user, tips=tips),
        },
    )

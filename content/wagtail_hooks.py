from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import BuyingStage, ContentPage, Product
from .services import page_visit_record


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    list_display = ["name", "code", "active", "is_core"]
    list_filter = ["active", "is_core"]
    search_fields = ["name", "code"]
    # Through the ORM: the SQLite full-text index cannot search named fields (wagtail issue 10217).
    search_backend_name = None


class BuyingStageViewSet(SnippetViewSet):
    model = BuyingStage
    icon = "list-ol"
    menu_label = "Buying stages"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (ProductViewSet, BuyingStageViewSet)
    menu_icon = "tag"
    menu_label = "Catalogue"
    menu_name = "catalogue"
    menu_order = 200


register_snippet(CatalogueViewSetGroup)


@hooks.register("before_serve_page")
def record_reach(page, request, serve_args, serve_kwargs):
    """Count a signed-in person's visit to a content page (previews are not visits)."""
    if request.method == "GET" and request.user.is_authenticated and isinstance(page, ContentPage):
        page_visit_record(user=request.user, page=page)

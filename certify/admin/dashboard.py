"""The Wagtail dashboard's "Waiting on you" panel: a count and a link for each thing enablement admins act on."""

from wagtail.admin.ui.components import Component

from ..selectors.dashboard import waiting_on_admin


class WaitingOnYouPanel(Component):
    name = "waiting_on_you"
    template_name = "certify/admin/waiting_on_you.html"
    order = 50  # first: above Wagtail's own panels

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items, "total": sum(item.count for item in self.items)}


def waiting_on_you_panel(request, panels):
    """construct_homepage_panels: only people who can act on what waits see the panel."""
    items = waiting_on_admin(user=request.user)
    if items:
        panels.append(WaitingOnYouPanel(items))

"""The instruments' Wagtail admin listings: question banks, questions, quizzes, guides, role-play scenarios and evaluations."""

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import HelpPanel
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.time_zones import moment_text

from ..models import (
    AssessmentGuide,
    CriterionScore,
    Evaluation,
    EvaluationMode,
    EvaluationStatus,
    Question,
    QuestionBank,
    Quiz,
    RolePlayScenario,
    Scorecard,
)
from ..selectors import quiz_draw_sizes, quiz_draw_warnings
from .preview import preview_from_post, preview_of_guide

# Listings search their columns through the ORM (icontains), never through the search index: on SQLite's
# full-text index a search restricted to named fields fails ("no such column: name"; wagtail issue 10217).
ORM_SEARCH = None


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = "Question banks"
    list_display = ["name", "product", "topic"]
    search_fields = ["name", "topic", "product__name"]
    search_backend_name = ORM_SEARCH


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = ["name", "bank", "kind", "active", "updated_at"]
    list_filter = ["bank", "kind", "active"]
    search_fields = ["name", "text", "bank__name", "external_id"]
    search_backend_name = ORM_SEARCH
    list_per_page = 50

    def get_queryset(self, request):
        # Questions an import is still writing are not shown until it ends (and never if it is refused).
        return Question.objects.filter(staged_in=None).select_related("bank")


class QuizDrawPanel(HelpPanel):
    """Under the sections: whether the banks can serve the draw, and retakes something new."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "assessments/admin/quiz_draw_panel.html")
        kwargs.setdefault("heading", "The draw")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = quiz_draw_warnings(self.instance)
            context["sizes"] = quiz_draw_sizes([self.instance]) if self.instance.pk else {}
            context["served"] = context["sizes"].get(self.instance.pk)
            return context


def _quiz_panels():
    panels = list(Quiz.panels)
    after = next(index for index, panel in enumerate(panels) if getattr(panel, "relation_name", None) == "sections")
    return [*panels[: after + 1], QuizDrawPanel(), *panels[after + 1 :]]


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = "Quizzes"
    list_display = ["title", "pass_mark", "time_limit_minutes", "attempts_allowed"]
    search_fields = ["title", "intro"]
    search_backend_name = ORM_SEARCH
    panels = _quiz_panels()


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = "Quizzes"
    menu_name = "quizzes"
    menu_order = 230


class GuideVersionPanel(HelpPanel):
    """Which version of the guide is current, how many evaluations use it, and what saving will do."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "assessments/admin/guide_version_panel.html")
        kwargs.setdefault("heading", "Versions")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            guide = self.instance
            context["latest"] = latest = guide.versions.order_by("-number").first() if guide.pk else None
            if latest is not None:
                # One query for both counts, one to know whether a judge has scored with the latest version.
                context.update(
                    Evaluation.objects.filter(guide_version__guide=guide).aggregate(
                        evaluations=Count("pk"), on_latest=Count("pk", filter=Q(guide_version=latest))
                    )
                )
                context["scored"] = CriterionScore.objects.filter(scorecard__evaluation__guide_version=latest).exists()
                context["next_number"] = latest.number + 1
            return context


class GuideScorePreviewPanel(HelpPanel):
    """What each pattern of scores gives under the guide as the author edits it, with a warning when meeting every
    criterion fails. Worked out on the server by assessments/scoring.py (see admin/preview.py)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "assessments/admin/guide_score_preview_panel.html")
        kwargs.setdefault("heading", "What each pattern of scores gives")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            bound = self.form is not None and self.form.is_bound
            context["preview"] = preview_from_post(self.form.data) if bound else preview_of_guide(self.instance)
            context["preview_url"] = reverse("assessments_admin:guide_score_preview")
            return context


class AssessmentGuideViewSet(SnippetViewSet):
    model = AssessmentGuide
    icon = "clipboard-list"
    menu_label = "Assessment guides"
    list_display = [
        "title",
        "product",
        "pass_threshold",
        Column("latest_version", label="Latest version"),
        "updated_at",
    ]
    list_filter = ["product"]
    search_fields = ["title", "product__name"]
    search_backend_name = ORM_SEARCH
    panels = [GuideVersionPanel(), *AssessmentGuide.panels, GuideScorePreviewPanel()]

    def get_queryset(self, request):
        return AssessmentGuide.objects.select_related("product").annotate(latest_version=Max("versions__number"))


class RolePlayScenarioViewSet(SnippetViewSet):
    model = RolePlayScenario
    icon = "user"
    menu_label = "Role-play scenarios"
    list_display = ["title", "product", "guide", "duration_minutes", "active"]
    list_filter = ["guide", "product", "active"]
    search_fields = ["title", "guide__title", "product__name"]
    search_backend_name = ORM_SEARCH

    def get_queryset(self, request):
        return RolePlayScenario.objects.select_related("product", "guide")


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Evaluations change only through the services (panel, scorecards, moderation), each step on record.

    In the admin they are listed and inspected; nobody adds, edits or deletes one here, superusers included.
    """

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action == "view"])


def _when(moment):
    return moment_text(moment, "j M Y, H:i") if moment else "—"


class WhenColumn(Column):
    """A live session's time and place; for a recording, when it was sent; for a field observation, the call."""

    def __init__(self):
        super().__init__("when", label="When")

    def get_value(self, instance):
        if instance.is_field_observation:
            return format_html("Call {}<br><small>{}</small>", _when(instance.scheduled_at), instance.account)
        if instance.mode == EvaluationMode.LIVE:
            return format_html("{}<br><small>{}</small>", _when(instance.scheduled_at), instance.location or "")
        return format_html("Recording sent {}", _when(instance.requested_at))


class PanelColumn(Column):
    """The judges on the panel (prefetched with the rows), a tick for each who has submitted. A field
    observation shows its observer (the rep's manager) and, where one is needed, the second observer."""

    def __init__(self):
        super().__init__("panel", label="Panel")

    def get_value(self, instance):
        cards = instance.scorecards.all()
        if instance.is_field_observation:
            return self._observers(instance, cards)
        if not cards:
            return format_html('<span class="w-status w-status--label">{}</span>', "No panel yet")
        return format_html_join(
            ", ",
            "{}{}",
            ((card.judge.display_name, " ✓" if card.is_submitted else "") for card in cards),
        )

    @staticmethod
    def _observers(instance, cards):
        signed = any(card.is_submitted for card in cards)
        observer = instance.observer.display_name if instance.observer_id else "—"
        html = format_html("Observer: {}{}", observer, " ✓" if signed else "")
        if instance.countersigner_id:
            html += format_html(
                "<br><small>Second observer: {}{}</small>",
                instance.countersigner.display_name,
                " ✓" if instance.countersigned_at else "",
            )
        elif instance.countersign_required:
            html += format_html("<br><small>{}</small>", "Second observer not named yet")
        return html


class ScoreColumn(Column):
    def __init__(self):
        super().__init__("result", label="Score")

    def get_value(self, instance):
        if instance.status == EvaluationStatus.RELEASED and instance.score is not None:
            return f"{instance.score:.0f} % — {'passed' if instance.passed else 'not passed'}"
        if instance.status == EvaluationStatus.FLAGGED and instance.panel_score is not None:
            return f"Panel {instance.panel_score:.0f} %, to moderate"
        return "—"


class EvaluationIndexView(SnippetIndexView):
    """Each row links to the next step for it: choosing the panel (a button the app that chooses panels
    adds through Wagtail's register_snippet_listing_buttons hook), or moderating. No bulk actions."""

    @cached_property
    def columns(self):
        return [column for column in super().columns if not isinstance(column, BulkActionsCheckboxColumn)]

    @cached_property
    def can_moderate(self):
        return self.request.user.has_perm("assessments.moderate_evaluation")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == EvaluationStatus.FLAGGED and self.can_moderate:
            url = reverse("assessments_admin:evaluation_moderate", args=[instance.pk])
            buttons.append(ListingButton("Moderate", url=url, icon_name="warning", priority=5))
        return buttons


class EvaluationViewSet(SnippetViewSet):
    """Every evaluation, newest first, whatever its state. Nothing here changes or deletes one."""

    model = Evaluation
    icon = "user"
    menu_label = "Evaluations"
    index_view_class = EvaluationIndexView
    inspect_view_enabled = True
    inspect_view_fields = [
        "performer", "subject", "kind", "mode", "status", "scenario", "guide_version", "requested_at", "note",
        "scheduled_at", "location", "recording_name", "due_at", "panel_score", "score", "passed",
        "moderated_by", "moderated_at", "moderation_reason", "released_at",
        "account", "call_kind", "opportunity_ref", "observer", "countersigner", "countersigned_at",
        "countersign_statement",
    ]
    list_display = ["performer", "subject", "kind", "status", WhenColumn(), PanelColumn(), ScoreColumn()]
    list_filter = ["kind", "status", "mode"]
    search_fields = ["performer__first_name", "performer__last_name", "performer__email", "subject"]
    search_backend_name = ORM_SEARCH
    ordering = ["-requested_at"]
    list_per_page = 50

    def get_queryset(self, request):
        cards = Scorecard.objects.select_related("judge").order_by("assigned_at", "pk")
        return Evaluation.objects.select_related("performer", "observer", "countersigner").prefetch_related(
            Prefetch("scorecards", queryset=cards)
        )


class AssessmentsGroup(SnippetViewSetGroup):
    items = (AssessmentGuideViewSet, RolePlayScenarioViewSet, EvaluationViewSet)
    menu_icon = "clipboard-list"
    menu_label = "Assessments"
    menu_name = "assessments"
    menu_order = 240


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

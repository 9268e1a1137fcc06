from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import Question, QuestionBank, Quiz


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = "Question banks"
    list_display = ["name", "product", "topic"]
    search_fields = ["name", "topic"]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = ["name", "bank", "kind", "active", "updated_at"]
    list_filter = ["bank", "kind", "active"]
    search_fields = ["name", "text"]
    list_per_page = 50

    def get_queryset(self, request):
        return Question.objects.select_related("bank")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = "Quizzes"
    list_display = ["title", "pass_mark", "time_limit_minutes", "attempts_allowed"]
    search_fields = ["title"]


class QuizzesGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = "Quizzes"
    menu_name = "quizzes"
    menu_order = 230


register_snippet(QuizzesGroup)


@hooks.register("register_admin_urls")
def register_assessments_admin_urls():
    return [
        path("questions/import/", admin_views.question_import, name="assessments_question_import"),
        path("quizzes/item-analysis/", admin_views.item_analysis_view, name="assessments_item_analysis"),
        path("evaluations/<int:pk>/moderate/", admin_views.evaluation_moderate_view, name="evaluation_moderate"),
        path("evaluations/calibration/", admin_views.calibration_view, name="evaluation_calibration"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_item_analysis_menu_item():
    return PermissionMenuItem(
        "Item analysis", reverse("assessments_item_analysis"), icon_name="doc-full", order=60,
        permission="assessments.change_quiz",
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        "Import questions", reverse("assessments_question_import"), icon_name="upload", order=235,
        permission="assessments.add_question",
    )

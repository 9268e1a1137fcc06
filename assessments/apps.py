from django.apps import AppConfig
from django.db.models.signals import post_save


def _guide_saved(sender, instance, raw=False, **kwargs):
    """Every save of a guide, from the admin or anywhere else, keeps its versions in step."""
    if raw:
        return
    from .services import guide_version_sync

    guide_version_sync(instance)


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from .models import AssessmentGuide

        post_save.connect(_guide_saved, sender=AssessmentGuide, dispatch_uid="assessments.guide_version_sync")

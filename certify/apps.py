from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _award_for_attempt(sender, attempt, **kwargs):
    from .services import award_for_attempt

    award_for_attempt(attempt=attempt)


class CertifyConfig(AppConfig):
    name = "certify"
    verbose_name = "Certification"

    def ready(self):
        from assessments.signals import attempt_submitted

        from .roles import ensure_role_groups
        from .schedules import ensure_schedules

        post_migrate.connect(ensure_role_groups, dispatch_uid="certify.ensure_role_groups")
        post_migrate.connect(ensure_schedules, dispatch_uid="certify.ensure_schedules")
        attempt_submitted.connect(_award_for_attempt, dispatch_uid="certify.award_for_attempt")

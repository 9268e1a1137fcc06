from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from wagtail.users.apps import WagtailUsersAppConfig


def _award_for_attempt(sender, attempt, **kwargs):
    from .services import award_for_attempt

    award_for_attempt(attempt=attempt)


def _award_for_evaluation(sender, evaluation, **kwargs):
    from .services import award_for_evaluation

    award_for_evaluation(evaluation=evaluation)


def _evaluation_released_webhook(sender, evaluation, **kwargs):
    from .services import evaluation_released_emit

    evaluation_released_emit(evaluation=evaluation)


def _attempt_graded_webhook(sender, attempt, **kwargs):
    from .services import attempt_graded_emit

    attempt_graded_emit(attempt=attempt)


def _evaluation_flagged(sender, evaluation, **kwargs):
    from .services import evaluation_flagged_notice

    evaluation_flagged_notice(evaluation=evaluation)


def _evaluation_cancelled(sender, evaluation, actor, **kwargs):
    from .services import evaluation_cancelled_notice

    evaluation_cancelled_notice(evaluation=evaluation, actor=actor)


def _observation_answered(sender, evaluation, **kwargs):
    from .services import observation_answered_notice

    observation_answered_notice(evaluation=evaluation)


def _countersign_needed(sender, evaluation, **kwargs):
    from .services import observation_countersign_notice

    observation_countersign_notice(evaluation=evaluation)


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    if (update_fields is not None and "time_zone" not in update_fields) or (created and not instance.time_zone):
        return
    from .services import user_admin_time_zone_follow

    user_admin_time_zone_follow(user=instance)


class CertifyConfig(AppConfig):
    default = True
    name = "certify"
    verbose_name = "Certification"

    def ready(self):
        from assessments.signals import (
            attempt_submitted,
            evaluation_cancelled,
            evaluation_countersign_needed,
            evaluation_flagged,
            evaluation_released,
            observation_answered,
        )

        from .models import User
        from .roles import ensure_role_groups
        from .schedules import ensure_schedules

        post_migrate.connect(ensure_role_groups, dispatch_uid="certify.ensure_role_groups")
        post_migrate.connect(ensure_schedules, dispatch_uid="certify.ensure_schedules")
        attempt_submitted.connect(_award_for_attempt, dispatch_uid="certify.award_for_attempt")
        evaluation_released.connect(_award_for_evaluation, dispatch_uid="certify.award_for_evaluation")
        # After the award receivers, so a pass's award.granted goes out before its attempt or evaluation event.
        attempt_submitted.connect(_attempt_graded_webhook, dispatch_uid="certify.attempt_graded_webhook")
        evaluation_released.connect(_evaluation_released_webhook, dispatch_uid="certify.evaluation_released_webhook")
        evaluation_flagged.connect(_evaluation_flagged, dispatch_uid="certify.evaluation_flagged")
        evaluation_cancelled.connect(_evaluation_cancelled, dispatch_uid="certify.evaluation_cancelled")
        observation_answered.connect(_observation_answered, dispatch_uid="certify.observation_answered")
        evaluation_countersign_needed.connect(_countersign_needed, dispatch_uid="certify.countersign_needed")
        post_save.connect(_user_saved, sender=User, dispatch_uid="certify.user_time_zone_saved")


class CertifyUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user screens, with the fields the platform adds to a person (their start date)."""

    user_viewset = "certify.admin.users.UserViewSet"

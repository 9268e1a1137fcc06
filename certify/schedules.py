"""Recurring background work, kept in django-q2's schedule table after every migrate."""

from django.apps import apps as global_apps

# The reach report says its figures are this many minutes old at most.
REACH_REFRESH_MINUTES = 5
PROGRESS_REFRESH_MINUTES = 5
# Reminders run hourly: each step goes once, so a run more often only sends sooner in each reader's day.
REMINDERS_MINUTES = 60

# Schedules this version no longer has: removed after migrate, so no worker calls a task that is gone.
RETIRED = ["Tell reps about awards that expire within 30 days"]

SCHEDULES = [
    # name, task, how often ("minutes" with a number, "daily" or "weekly")
    ("Grade quiz attempts whose time ran out", "assessments.tasks.attempts_close_expired", 5),
    ("Count content reach again (the reach report reads it)", "certify.tasks.reach_rollup_refresh", REACH_REFRESH_MINUTES),
    (
        "Count certification progress again (the funnel and struggling list read it)",
        "certify.tasks.progress_rollup_refresh",
        PROGRESS_REFRESH_MINUTES,
    ),
    ("Send webhook deliveries that are due (retries with backoff)", "certify.tasks.webhook_deliveries_send_due", 1),
    ("Work out every rep's tier again (awards expire)", "certify.tasks.tiers_recompute_all", "daily"),
    ("Email the day's notices to people who take them as a digest", "certify.tasks.notification_digests_send", "daily"),
    ("Send each manager the week of their teams", "certify.tasks.team_digests_send", "weekly"),
    (
        "Send the reminders due (levels due or overdue, awards expiring, scorecards and observations waiting)",
        "certify.tasks.reminders_send",
        REMINDERS_MINUTES,
    ),
    ("Count last week's impact figures (readiness, tiers, pass rates)", "certify.tasks.impact_snapshot_take_weekly", "weekly"),
]


def ensure_schedules(sender=None, **kwargs):
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    from django_q.models import Schedule

    Schedule.objects.filter(name__in=RETIRED).delete()
    for name, func, every in SCHEDULES:
        if every == "daily":
            defaults = {"func": func, "schedule_type": Schedule.DAILY}
        elif every == "weekly":
            defaults = {"func": func, "schedule_type": Schedule.WEEKLY}
        else:
            defaults = {"func": func, "schedule_type": Schedule.MINUTES, "minutes": every}
        Schedule.objects.update_or_create(name=name, defaults=defaults)

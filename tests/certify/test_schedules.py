import pytest
from django.utils.module_loading import import_string
from django_q.models import Schedule

from assessments import tasks
from certify.schedules import SCHEDULES, ensure_schedules

pytestmark = pytest.mark.django_db


def test_expired_attempts_are_graded_on_a_schedule_that_migrate_keeps_in_place():
    Schedule.objects.all().delete()
    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(func="assessments.tasks.attempts_close_expired")
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 5
    assert Schedule.objects.count() == len(SCHEDULES)
    reach = Schedule.objects.get(func="certify.tasks.reach_rollup_refresh")
    assert reach.schedule_type == Schedule.MINUTES and reach.minutes == 5 and callable(import_string(reach.func))
    tiers = Schedule.objects.get(func="certify.tasks.tiers_recompute_all")
    assert tiers.schedule_type == Schedule.DAILY and callable(import_string(tiers.func))
    reminders = Schedule.objects.get(func="certify.tasks.reminders_send")
    assert reminders.schedule_type == Schedule.MINUTES and reminders.minutes == 60
    assert callable(import_string(reminders.func))
    assert import_string(schedule.func) is tasks.attempts_close_expired


def test_a_retired_schedule_is_removed_after_migrate_so_no_worker_calls_a_task_that_is_gone():
    Schedule.objects.create(
        name="Tell reps about awards that expire within 30 days", func="certify.tasks.award_expiry_notices_send",
        schedule_type=Schedule.DAILY,
    )  # fmt: skip
    ensure_schedules()
    assert not Schedule.objects.filter(func="certify.tasks.award_expiry_notices_send").exists()
    assert sorted(Schedule.objects.values_list("name", flat=True)) == sorted(name for name, _, _ in SCHEDULES)

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
    for func in ("certify.tasks.tiers_recompute_all", "certify.tasks.award_expiry_notices_send"):
        assert Schedule.objects.get(func=func).schedule_type == Schedule.DAILY
        assert callable(import_string(func))
    assert import_string(schedule.func) is tasks.attempts_close_expired

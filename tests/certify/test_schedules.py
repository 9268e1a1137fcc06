import pytest
from django.utils.module_loading import import_string
from django_q.models import Schedule

from assessments import tasks
from certify.schedules import ensure_schedules

pytestmark = pytest.mark.django_db


def test_expired_attempts_are_graded_on_a_schedule_that_migrate_keeps_in_place():
    Schedule.objects.all().delete()
    ensure_schedules()
    ensure_schedules()
    schedule = Schedule.objects.get(func="assessments.tasks.attempts_close_expired")
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 5
    assert Schedule.objects.count() == 1
    assert import_string(schedule.func) is tasks.attempts_close_expired

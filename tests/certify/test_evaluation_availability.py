"""Whether a rep may ask for an assessed level now, and why not: one selector (availability_from) checks the rules
in order and says why in words for the rep and for the manager who would observe them."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from certify.selectors import REFUSAL_WORDS, Refusal, availability_from
from tests.factories.observations import level3_certification, level_of

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 6, 3, 12, 0, tzinfo=UTC)


def _evaluation(*, open_=False, failed_at=None):
    """What the rule reads of one of the rep's evaluations for the level."""
    return SimpleNamespace(
        is_open=open_, is_released=failed_at is not None, passed=False if failed_at else None, released_at=failed_at
    )


@pytest.fixture
def level(db):
    return level_of(level3_certification(retry_wait_days=14))


def test_every_refusal_has_words_for_the_rep_and_for_their_manager():
    codes = {value for name, value in vars(Refusal).items() if name.isupper()}
    assert set(REFUSAL_WORDS) == codes and all(len(words) == 2 and all(words) for words in REFUSAL_WORDS.values())


def test_a_rep_who_may_ask_gets_no_reason_for_anyone(rep, level):
    availability = availability_from(level=level, evaluations=[], held=None, previous_held=True, now=NOW)

    assert availability.can_request is True and availability.code == ""
    assert availability.reason == "" and availability.reason_for_manager(rep) == ""


def test_an_open_observation_comes_first_whatever_else_is_missing(rep, level):
    open_one = _evaluation(open_=True)

    availability = availability_from(level=level, evaluations=[open_one], held=None, previous_held=False, now=NOW)

    assert (availability.can_request, availability.code, availability.open_evaluation) == (False, Refusal.OPEN, open_one)
    assert availability.reason == "You have already asked for an observation."
    assert availability.reason_for_manager(rep) == "an observation is already open."


def test_a_level_held_and_not_due_for_renewal_is_refused_before_the_level_below(rep, level):
    award = SimpleNamespace(valid_until=NOW + timedelta(days=300))  # what the rule reads of the rep's award

    availability = availability_from(level=level, evaluations=[], held=award, previous_held=False, now=NOW)

    assert availability.code == Refusal.HELD
    assert availability.reason == f"You already hold {level.label.lower()} until {award.valid_until:%-d %B %Y}."
    assert availability.reason_for_manager(rep) == f"{rep.display_name} holds it already."


def test_the_level_below_is_needed_first(rep, level):
    availability = availability_from(level=level, evaluations=[], held=None, previous_held=False, now=NOW)

    assert availability.code == Refusal.NEEDS_PREVIOUS
    assert availability.reason == "Pass level 2 first: level 3 builds on it."
    assert availability.reason_for_manager(rep) == f"{rep.display_name} needs level 2 first."


def test_after_a_fail_the_rep_practises_until_the_levels_waiting_time_is_over(rep, level):
    failed = _evaluation(failed_at=NOW - timedelta(days=4))

    waiting = availability_from(level=level, evaluations=[failed], held=None, previous_held=True, now=NOW)
    after = availability_from(level=level, evaluations=[failed], held=None, previous_held=True, now=NOW + timedelta(days=11))

    assert waiting.code == Refusal.PRACTISE and waiting.retry_after == NOW + timedelta(days=10)
    assert waiting.reason == "Practise what your last feedback names; you can ask again from 13 June 2030."
    assert waiting.reason_for_manager(rep) == f"after the last result, {rep.display_name} can be observed again from 13 June 2030."
    assert after.can_request is True

"""The enablement admin's side of level-3 field observations: the evaluations list (kind, observer, no panel to
choose) and moderating an observation the second observer disagreed with."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.models import EvaluationStatus
from certify.models import Award
from tests.factories.certify import ManagerFactory, RepFactory, TeamFactory
from tests.factories.evaluations import keys_of, level2_evaluation
from tests.factories.observations import field_observation
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("wagtailsnippets_assessments_evaluation:list")



def _observation(state, *, countersigner=None):
    """A rep's field observation, observed by their manager, taken to `state` (see field_observation)."""
    rep, manager = RepFactory(), ManagerFactory(first_name="Olive", last_name="Observer")
    TeamFactory(managers=[manager], members=[rep])
    if state in ("countersign", "flagged") and countersigner is None:
        countersigner = ManagerFactory(first_name="Sam", last_name="Second")
    return field_observation(rep=rep, manager=manager, countersigner=countersigner, state=state)


def test_the_list_shows_the_kind_and_a_field_observations_observer(client_for, enablement_admin):
    role_play = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    observation = _observation("countersign")
    html = client_for(enablement_admin).get(LIST_URL).content.decode()
    kinds = re.findall(r"<td >\s*(Role-play|Field observation)\s*</td>", html)
    assert sorted(kinds) == ["Field observation", "Role-play"]
    assert "Observer: Olive Observer ✓" in html and "Second observer: Sam Second" in html
    assert "Call " in html and observation.account in html
    # The rep's manager observes: there is no panel to choose for a field observation.
    assert reverse("certify_admin:evaluation_panel", args=[role_play.pk]) in html
    assert reverse("certify_admin:evaluation_panel", args=[observation.pk]) not in html
    assert reverse("certify:evaluation", args=[observation.pk]) in html


def test_the_list_filters_by_kind(client_for, enablement_admin):
    role_play = level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    observation = _observation("requested")
    client = client_for(enablement_admin)
    observations = client.get(LIST_URL, {"kind": "field_observation"}).content.decode()
    assert reverse("certify:evaluation", args=[observation.pk]) in observations
    assert reverse("certify:evaluation", args=[role_play.pk]) not in observations
    role_plays = client.get(LIST_URL, {"kind": "role_play"}).content.decode()
    assert reverse("certify:evaluation", args=[role_play.pk]) in role_plays
    assert reverse("certify:evaluation", args=[observation.pk]) not in role_plays


def test_a_flagged_field_observation_offers_moderate_but_never_a_panel(client_for, enablement_admin):
    observation = _observation("flagged")
    html = client_for(enablement_admin).get(LIST_URL).content.decode()
    assert reverse("assessments_admin:evaluation_moderate", args=[observation.pk]) in html
    assert reverse("certify_admin:evaluation_panel", args=[observation.pk]) not in html


def test_the_panel_page_of_a_field_observation_changes_nothing(client_for, enablement_admin, judge):
    observation = _observation("requested")
    url = reverse("certify_admin:evaluation_panel", args=[observation.pk])
    client = client_for(enablement_admin)
    page = client.get(url).content.decode()
    assert "it has no panel to choose" in page and 'name="judges"' not in page
    client.post(url, {"judges": [judge.pk]})
    observation.refresh_from_db()
    assert observation.status == EvaluationStatus.REQUESTED and not observation.scorecards.exists()


def test_the_evaluations_list_runs_the_same_queries_with_field_observations(client_for, enablement_admin):
    level2_evaluation(rep=RepFactory(), admin=enablement_admin)
    client = client_for(enablement_admin)
    client.get(LIST_URL)
    one = queries_for(client, LIST_URL)
    for state in ("requested", "scheduled", "countersign", "flagged"):
        _observation(state)
    _observation("requested")
    assert queries_for(client, LIST_URL) == one


def test_moderating_a_field_observation_shows_both_statements_and_needs_only_a_reason(
    client_for, enablement_admin, django_capture_on_commit_callbacks
):
    observation = _observation("flagged")
    assert observation.flagged_criteria == []
    card = observation.scorecards.get()
    url = reverse("assessments_admin:evaluation_moderate", args=[observation.pk])
    client = client_for(enablement_admin)

    page = client.get(url).content.decode()

    assert "did not agree with Olive Observer" in page
    assert card.attestation and escape(card.attestation) in page  # the observer's attestation
    assert escape(observation.countersign_statement) in page and "do not agree with the sign-off" in page
    assert escape("Keep the observer's score") in page
    assert observation.account in page and "Olive Observer" in page

    missing_reason = client.post(url, {"reason": " "})
    assert "Write the reason for the final scores." in missing_reason.content.decode()
    observation.refresh_from_db()
    assert observation.status == EvaluationStatus.FLAGGED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"reason": "The recording of the call shows budget was covered in the follow-up.", "confirm": "-"}
        )
    assert response.status_code == 302 and response["Location"] == LIST_URL
    observation.refresh_from_db()
    assert observation.status == EvaluationStatus.RELEASED and observation.final_scores == {}
    assert observation.passed is True and observation.moderated_by == enablement_admin
    assert Award.objects.filter(user=observation.performer, level__number=3, evaluation=observation).exists()


def test_moderating_a_field_observation_may_change_a_score(client_for, enablement_admin):
    observation = _observation("flagged")
    discovery = keys_of(observation)[0]
    response = client_for(enablement_admin).post(
        reverse("assessments_admin:evaluation_moderate", args=[observation.pk]),
        {
            f"final_{discovery}": 1,
            "reason": "The second observer is right: no discovery questions were asked.",
            "confirm": f"{discovery}=1",
        },
    )
    assert response.status_code == 302
    observation.refresh_from_db()
    assert observation.final_scores == {discovery: 1}
    assert observation.passed is False  # discovery must pass
    assert not Award.objects.filter(user=observation.performer, level__number=3).exists()


def test_enablement_admins_are_told_the_observers_disagreed(enablement_admin, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        observation = _observation("flagged")
    flagged = [message for message in mailoutbox if message.to == [enablement_admin.email]]
    assert len(flagged) == 1
    assert flagged[0].subject.startswith("Moderate: the observers disagreed on")
    assert "Sam Second" in flagged[0].body and "did not agree with Olive Observer's sign-off" in flagged[0].body
    assert reverse("assessments_admin:evaluation_moderate", args=[observation.pk]) in flagged[0].body

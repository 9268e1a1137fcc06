import pytest
from django.urls import reverse

from assessments.services import attempt_save_answers, attempt_start, attempt_submit
from certify.services import award_revoke
from tests.factories.certify import CertificationFactory

pytestmark = pytest.mark.django_db


def _take(rep, quiz, *, right):
    attempt = attempt_start(user=rep, quiz=quiz)
    answers = {q.position: [0 if right else 1] for q in attempt.questions.all()}
    attempt_save_answers(actor=rep, attempt_id=attempt.pk, answers=answers)
    return attempt_submit(actor=rep, attempt_id=attempt.pk)


def test_a_persons_page_shows_the_certifications_they_hold_and_never_their_failures(client_for, rep, other_rep):
    held = CertificationFactory(title="Atlas Data Platform")
    failed = CertificationFactory(title="Beacon Forecasting")
    _take(rep, held.levels.get().quiz, right=True)
    _take(rep, failed.levels.get().quiz, right=False)

    content = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()

    assert "Certifications held" in content and "Atlas Data Platform" in content
    assert "Beacon Forecasting" not in content
    assert "%" not in content.split("Certifications held")[1].split("Tips")[0]  # no scores


def test_a_revoked_award_is_no_longer_shown_as_held(client_for, rep, other_rep, enablement_admin):
    certification = CertificationFactory(title="Atlas Data Platform")
    attempt = _take(rep, certification.levels.get().quiz, right=True)
    award_revoke(actor=enablement_admin, award_id=attempt.awards.get().pk, reason="Passed with someone else's help.")

    content = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()

    assert "Atlas Data Platform" not in content


def test_quiz_results_on_a_persons_page_are_for_them_their_managers_and_admins_only(
    client_for, rep, other_rep, manager, other_manager, enablement_admin, team
):
    certification = CertificationFactory(title="Beacon Forecasting")
    _take(rep, certification.levels.get().quiz, right=False)
    url = reverse("certify:person", args=[rep.pk])

    for viewer in (rep, manager, enablement_admin):
        content = client_for(viewer).get(url).content.decode()
        assert "Quiz results" in content and "0%" in content, viewer
    for viewer in (other_rep, other_manager):
        content = client_for(viewer).get(url).content.decode()
        assert "Quiz results" not in content and "Beacon Forecasting" not in content, viewer


def test_a_rep_can_open_the_page_of_a_certification_they_hold_after_it_is_no_longer_offered(client_for, rep):
    certification = CertificationFactory(title="Atlas Data Platform", open_to_all=True)
    _take(rep, certification.levels.get().quiz, right=True)
    certification.open_to_all = False
    certification.active = False
    certification.save()

    response = client_for(rep).get(reverse("certify:certification_detail", args=[certification.slug]))

    assert response.status_code == 200
    assert "Held until" in response.content.decode()
    assert "Start the quiz" not in response.content.decode()


def test_a_persons_page_shows_each_certification_once_at_the_highest_level_held(client_for, rep, other_rep, enablement_admin):
    from certify.services import award_grant_by_person

    certification = CertificationFactory(title="Atlas Data Platform", levels=2)
    _take(rep, certification.levels.get(number=1).quiz, right=True)
    award_grant_by_person(
        actor=enablement_admin, user=rep, level=certification.levels.get(number=2), note="Role-play at kickoff."
    )

    content = client_for(other_rep).get(reverse("certify:person", args=[rep.pk])).content.decode()
    held = content.split("Certifications held")[1].split("<h2")[0]

    assert held.count("Atlas Data Platform") == 1
    assert "Level 2 — application" in held and "Level 1 — content mastery" not in held

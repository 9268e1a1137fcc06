"""Demo data for level 2: guides and role-plays for Pulse and Beacon, and evaluations in every state.

- rep@example.com (Riley): a Beacon role-play scored three weeks ago and released — not yet passed, with
  feedback, next steps and study links; the wait is over, so Riley can book again.
- priya@example.com: a Pulse role-play that began an hour ago — judge@example.com and manager@example.com
  both have it to score; and a Beacon role-play the judges disagreed on, flagged for moderation.
- rep2@example.com (Sam): a Beacon role-play next week with its panel chosen (coming up for the judge).
- tom@example.com: asked for a Beacon role-play; an enablement admin has yet to choose the panel.
"""

from datetime import timedelta

from django.utils import timezone

from assessments.models import AssessmentGuide, Evaluation, EvaluationKind, RolePlayScenario
from assessments.services import scorecard_save
from content.models import ContentPage, Product

from ..models import Assignment, Award, CertificationLevel
from ..services import award_grant_by_person, evaluation_panel_assign, level_evaluation_request

SCALE = [(1, "Below"), (2, "Meets"), (3, "Exceeds")]


def criterion(name, good, weight, descriptors, *, must_pass=False, study=()):
    """A guide criterion on the demo's 1-3 scale, as a StreamField block value."""
    return (
        "criterion",
        {
            "name": name,
            "good": good,
            "weight": weight,
            "must_pass": must_pass,
            "levels": [
                {"score": score, "label": label, "descriptor": text} for (score, label), text in zip(SCALE, descriptors)
            ],
            "study_pages": list(study),
        },
    )


def _guides(pages):
    discovery = pages.get("discovery-questions-that-surface-pain")
    objections = pages.get("objection-handling-exact-wording")
    executive = pages.get("running-the-executive-meeting")
    meddicc = pages.get("meddicc-qualification-at-helix")
    pulse = AssessmentGuide.objects.create(
        title="Pulse first meeting",
        product=Product.objects.get(code="PULSE"),
        introduction="A first meeting with a revenue leader who has agreed to 30 minutes. The panel looks for "
        "discovery that finds the cost of the problem before any demo, a value story in the buyer's own words, "
        "and a next step the buyer owns.",
        criteria=[
            criterion(
                "Discovery",
                "Open questions that uncover the pain, its cost and who owns it, before talking about Pulse.",
                3,
                [
                    "Pitches early; few questions, mostly closed.",
                    "Finds the pain and roughly what it costs; asks who else cares.",
                    "Quantifies the cost with the buyer and maps who decides and how.",
                ],
                must_pass=True,
                study=[page for page in (discovery, meddicc) if page],
            ),
            criterion(
                "Value story",
                "Connects what Pulse does to the pain the buyer described, with a customer story that fits.",
                2,
                [
                    "Lists features; no link to what the buyer said.",
                    "Ties two or three capabilities to the buyer's pain with one relevant story.",
                    "Uses the buyer's words and numbers; the story could be about them.",
                ],
                study=[page for page in (pages.get("pulse-first-call-primer"),) if page],
            ),
            criterion(
                "Objection handling",
                "Hears the concern out, asks what sits behind it, answers with evidence.",
                2,
                [
                    "Argues or gives way at once.",
                    "Clarifies the concern and answers it with a fact or a reference.",
                    "Turns the concern into a reason to continue, agreed by the buyer.",
                ],
                study=[page for page in (objections,) if page],
            ),
            criterion(
                "Next step",
                "Ends with a dated next step the buyer commits to, with the right people in it.",
                1,
                [
                    "Ends with “I'll send some information”.",
                    "Agrees a dated next meeting.",
                    "Agrees a dated step with the economic buyer and a reason to attend.",
                ],
                study=[page for page in (executive,) if page],
            ),
        ],
        meets_score=2,  # the pass line is the default: “meets” on every criterion
        combine="mean",
        tolerance=1,
    )
    beacon = AssessmentGuide.objects.create(
        title="Beacon forecast review",
        product=Product.objects.get(code="BEACON"),
        introduction="A CFO who no longer trusts the forecast. The panel looks for a diagnosis of why the forecast "
        "misses, a credible plan with Beacon, and respect for the CFO's time.",
        criteria=[
            criterion(
                "Diagnosis",
                "Finds where the forecast breaks: data, process or judgement, with the CFO's own examples.",
                3,
                [
                    "Assumes the problem; no examples from the buyer.",
                    "Finds one cause with an example from the buyer.",
                    "Separates causes and sizes each with the buyer.",
                ],
                must_pass=True,
                study=[page for page in (discovery,) if page],
            ),
            criterion(
                "Credible plan",
                "A short path to a forecast the board can follow, with proof from a customer like them.",
                2,
                [
                    "Generic demo promises.",
                    "A plan in phases with one matching reference.",
                    "A plan tied to their board calendar, with a reference they can call.",
                ],
                study=[page for page in (pages.get("lumenfold-beacon-forecast-accuracy"),) if page],
            ),
            criterion(
                "Executive presence",
                "Concise, calm, leads with a point of view, listens more than talks.",
                1,
                [
                    "Rambles or reads slides.",
                    "Clear and to the point; checks for understanding.",
                    "Owns the room; the CFO asks for the next meeting.",
                ],
                study=[page for page in (executive,) if page],
            ),
        ],
        meets_score=2,  # the pass line is the default: “meets” on every criterion
        combine="median",
        tolerance=1,
    )
    return pulse, beacon


def _scenarios(pulse_guide, beacon_guide, pages):
    pulse = RolePlayScenario.objects.create(
        title="Carrow-style freight: the Monday spreadsheet",
        product=pulse_guide.product,
        guide=pulse_guide,
        duration_minutes=30,
        situation="<p>A mid-size freight company builds its pipeline report by hand every Monday. The VP of Sales "
        "took your call after a LinkedIn post about forecast accuracy. You have 30 minutes.</p>",
        buyer="<p>Dana Whitfield, VP of Sales. Eighteen months in the role, from a larger competitor. Her CRO is "
        "new and asks hard questions about pipeline.</p>",
        objectives="<p>Find out what the Monday spreadsheet costs and who feels it, and agree a next meeting with "
        "the CRO.</p>",
        buyer_script="<p>Play Dana as busy but curious. Open with “You have 20 minutes, not 30.” Push back once on "
        "price (“Quotient is cheaper”) and once on timing (“we're mid-quarter”). Warm up only if the rep asks "
        "about the cost of the spreadsheet.</p>",
        buyer_reveals_when_asked="<p>Only if asked who else is affected: the CRO missed the last board forecast by "
        "14 %. Only if asked what the spreadsheet costs: two analysts spend every Monday on it.</p>",
        model_page=pages.get("carrow-freight-replaces-quotient"),
    )
    beacon = RolePlayScenario.objects.create(
        title="A CFO who stopped trusting the forecast",
        product=beacon_guide.product,
        guide=beacon_guide,
        duration_minutes=25,
        situation="<p>An insurance broker network missed its forecast two quarters running. The CFO agreed to a "
        "review after the board asked why.</p>",
        buyer="<p>Marcus Hale, CFO. Numbers first, little patience for slides.</p>",
        objectives="<p>Diagnose why the forecast misses and leave with agreement to a working session with his "
        "finance team.</p>",
        buyer_script="<p>Play Marcus as sceptical. Say the last vendor “promised AI and delivered a dashboard”. "
        "Interrupt any slide after 30 seconds.</p>",
        buyer_reveals_when_asked="<p>Only if asked how the forecast is built: regional managers override the model "
        "with their own numbers, and nobody tracks the overrides.</p>",
        model_page=pages.get("lumenfold-beacon-forecast-accuracy"),
    )
    return pulse, beacon


def score_as(evaluation, judge, scores, *, overall, next_steps, when, attest=False):
    """`judge` submits their scorecard with `scores` in the guide's criterion order, as of `when`."""
    card = evaluation.scorecards.get(judge=judge)
    keys = [criterion["key"] for criterion in evaluation.guide_version.criteria]
    payload = {key: (score, comment) for key, (score, comment) in zip(keys, scores)}
    scorecard_save(
        actor=judge, scorecard_id=card.pk, scores=payload, overall_feedback=overall, next_steps=next_steps,
        submit=True, attest=attest, now=when,
    )


def load(*, people: dict, admin) -> int:
    """Create the level-2 demo once; returns how many evaluations there are."""
    role_plays = Evaluation.objects.filter(kind=EvaluationKind.ROLE_PLAY)
    if AssessmentGuide.objects.filter(scenarios__isnull=False).exists():
        return role_plays.count()
    now = timezone.now()
    pages = {page.slug: page for page in ContentPage.objects.live()}
    pulse_guide, beacon_guide = _guides(pages)
    pulse_scenario, beacon_scenario = _scenarios(pulse_guide, beacon_guide, pages)
    levels = {}
    for slug, guide, scenario in (("pulse", pulse_guide, pulse_scenario), ("beacon", beacon_guide, beacon_scenario)):
        level = CertificationLevel.objects.get(certification__slug=slug, number=2)
        level.guide = guide
        level.retry_wait_days = 14
        level.save()
        level.scenarios.add(scenario)
        level.save()
        levels[slug] = level
    beacon = levels["beacon"].certification
    for person in (people["rep2@example.com"], people["tom@example.com"]):
        Assignment.objects.get_or_create(
            level=beacon.levels.get(number=2), user=person,
            defaults={"due_date": (now + timedelta(days=45)).date(), "assigned_by": admin, "assigned_at": now - timedelta(days=3)},
        )

    judge, maria = people["judge@example.com"], people["manager@example.com"]
    riley, priya, sam, tom = (people[email] for email in ("rep@example.com", "priya@example.com", "rep2@example.com", "tom@example.com"))
    for person, slug in ((sam, "beacon"), (tom, "beacon"), (riley, "beacon"), (priya, "beacon"), (priya, "pulse")):
        level_one = levels[slug].certification.levels.get(number=1)
        if not Award.objects.current().filter(user=person, level=level_one).exists():
            award_grant_by_person(
                actor=admin, user=person, level=level_one, note="Passed content mastery in last year's programme."
            )

    # Maria manages team East and judges too: the admin put her on her own reps' panels knowingly (there are
    # two judges in the demo), which the panel form asks for with a tick.

    # Riley: a released result, not yet passed, three weeks ago.
    asked = now - timedelta(days=30)
    riley_eval = level_evaluation_request(
        actor=riley, level=levels["beacon"], scenario=beacon_scenario, mode="live",
        scheduled_at=now - timedelta(days=23), location="Boston office, room 4B", note="", now=asked,
    )
    evaluation_panel_assign(actor=admin, evaluation=riley_eval, judges=[judge, maria], include_managers=True, now=asked + timedelta(hours=3))
    after = now - timedelta(days=23) + timedelta(hours=1)
    score_as(riley_eval, judge, [(1, "Went to the demo after two questions; never found out how the forecast is built."),
                               (2, ""), (2, "")],
           overall="Good energy and a clear plan, but the diagnosis was skipped: the CFO never told you why the "
           "forecast misses.", next_steps="Practise the discovery questions on forecast process with your manager; "
           "ask how the number is built before showing anything.", when=after)
    score_as(riley_eval, maria, [(1, "Missed the overrides entirely: ask how regional numbers get into the forecast."),
                               (2, "The Lumenfold story landed."), (2, "")],
           overall="You handled Marcus's interruptions calmly. Slow down in the first ten minutes.",
           next_steps="Rehearse the first ten minutes twice with a peer and book again.", when=after + timedelta(hours=2))

    # Priya: a Pulse role-play that started an hour ago; both judges have it to score.
    asked = now - timedelta(days=6)
    live = level_evaluation_request(
        actor=priya, level=levels["pulse"], scenario=pulse_scenario, mode="live",
        scheduled_at=now - timedelta(hours=1), location="https://meet.example.com/pulse-roleplay-priya", now=asked,
    )
    evaluation_panel_assign(actor=admin, evaluation=live, judges=[judge, maria], include_managers=True, now=asked + timedelta(hours=2))

    # Priya: a Beacon role-play the panel disagreed on.
    asked = now - timedelta(days=12)
    flagged = level_evaluation_request(
        actor=priya, level=levels["beacon"], scenario=beacon_scenario, mode="live",
        scheduled_at=now - timedelta(days=5), location="Boston office, room 2A", now=asked,
    )
    evaluation_panel_assign(actor=admin, evaluation=flagged, judges=[judge, maria], include_managers=True, now=asked + timedelta(hours=1))
    after = now - timedelta(days=5) + timedelta(hours=1)
    score_as(flagged, judge, [(3, ""), (2, ""), (3, "")], overall="A model diagnosis: Marcus named the overrides himself.",
           next_steps="Bring this structure to the enablement session as an example.", when=after)
    score_as(flagged, maria, [(1, "The overrides came up, but Priya named them, not the CFO."), (2, ""), (2, "")],
           overall="Solid plan; the diagnosis was led rather than found.",
           next_steps="Let the buyer get there: ask, then wait.", when=after + timedelta(hours=3))

    # Sam: booked for next week with a panel of one.
    asked = now - timedelta(days=2)
    upcoming = level_evaluation_request(
        actor=sam, level=levels["beacon"], scenario=beacon_scenario, mode="live",
        scheduled_at=(now + timedelta(days=7)).replace(minute=0, second=0, microsecond=0),
        location="https://meet.example.com/beacon-sam", now=asked,
    )
    evaluation_panel_assign(actor=admin, evaluation=upcoming, judges=[judge], now=asked + timedelta(hours=1))

    # Tom: waiting for an enablement admin to choose the panel.
    level_evaluation_request(
        actor=tom, level=levels["beacon"], scenario=beacon_scenario, mode="live",
        scheduled_at=(now + timedelta(days=10)).replace(minute=30, second=0, microsecond=0),
        location="Chicago office, room 12", note="Tuesdays work best for me.", now=now - timedelta(hours=5),
    )
    return role_plays.count()

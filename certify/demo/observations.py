"""Demo data for level 3: field guides, and observations of real calls.

- Every level 3 gets a field guide: "New-product sales call" for the products, "Presenting to a senior
  executive" (with a second observer's countersign) for the executive certification.
- rep@example.com (Riley) holds Atlas level 2 from last year's programme and has asked manager@example.com
  to observe a discovery call next week: it waits on Maria's home page.
- diego@example.com (team East) holds Beacon level 3 on the evidence of a call Maria observed and signed off.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from assessments.models import AssessmentGuide, CallKind, Evaluation, EvaluationKind
from content.models import ContentPage

from ..models import Award, CertificationLevel
from ..services import award_grant_by_person, level_observation_request, observation_answer
from .evaluations import criterion, score_as
from .tiers import EXECUTIVE_SLUG


def _field_guides(pages):
    discovery = pages.get("discovery-questions-that-surface-pain")
    executive = pages.get("running-the-executive-meeting")
    meddicc = pages.get("meddicc-qualification-at-helix")
    sales_call = AssessmentGuide.objects.create(
        title="New-product sales call",
        introduction="A real customer call, observed by the rep's manager. The manager looks for preparation, "
        "discovery that finds the business problem, a message in the customer's terms and a committed next step.",
        criteria=[
            criterion(
                "Preparation",
                "Knows the account, the people on the call and what the call must achieve; has a plan for it.",
                1,
                ["Arrives without a plan.", "A clear goal and an agenda the customer agreed.",
                 "Researched each person; the agenda answers what they care about."],
                study=[page for page in (meddicc,) if page],
            ),
            criterion(
                "Discovery",
                "Uncovers the business problem, its cost and who owns it before presenting.",
                2,
                ["Presents before asking.", "Finds the problem and who owns it.",
                 "The customer quantifies the problem in their own words."],
                must_pass=True,
                study=[page for page in (discovery,) if page],
            ),
            criterion(
                "Message",
                "Positions the product against the problem the customer described, with proof.",
                2,
                ["Generic pitch.", "Ties capabilities to the customer's problem with one proof point.",
                 "The customer repeats the value back in their own words."],
            ),
            criterion(
                "Next step",
                "Ends with a dated step the customer commits to.",
                1,
                ["No next step.", "A dated next meeting.", "A dated step with the economic buyer."],
                study=[page for page in (executive,) if page],
            ),
        ],
        meets_score=2,  # the pass line is the default: “meets” on every criterion
        combine="mean",
        tolerance=1,
    )
    executive_guide = AssessmentGuide.objects.create(
        title="Presenting to a senior executive",
        introduction="A real meeting with a senior executive. The observers look for a point of view, the "
        "executive's own numbers, brevity and a clear ask.",
        criteria=[
            criterion("Point of view", "Opens with an insight about the executive's business, not the product.", 2,
                       ["Opens with the company story.", "Opens with a relevant insight.",
                        "The insight reframes how the executive sees the problem."], must_pass=True,
                       study=[page for page in (executive,) if page]),
            criterion("Their numbers", "Speaks to the executive's metrics and what moves them.", 2,
                       ["No numbers.", "Uses the executive's key metric.", "Quantifies impact on their metric."]),
            criterion("Brevity", "Makes the point in the time given; listens.", 1,
                       ["Runs over; talks most of the time.", "On time, with room for questions.",
                        "Finishes early; the executive talks most."]),
            criterion("The ask", "Asks for a specific decision or next step.", 1,
                       ["No ask.", "A clear ask.", "A clear ask the executive accepts in the meeting."]),
        ],
        meets_score=2,
        # Deliberately more than “meets” everywhere: an executive meeting needs a strength somewhere.
        pass_threshold=Decimal("62.5"),
        combine="mean",
        tolerance=1,
    )
    return sales_call, executive_guide


def load(*, people: dict, admin) -> int:
    """Create the level-3 demo once; returns how many field observations there are."""
    observations = Evaluation.objects.filter(kind=EvaluationKind.FIELD_OBSERVATION)
    if AssessmentGuide.objects.filter(title="New-product sales call").exists():
        return observations.count()
    now = timezone.now()
    pages = {page.slug: page for page in ContentPage.objects.live()}
    sales_call, executive_guide = _field_guides(pages)
    for level in CertificationLevel.objects.filter(number=3, guide__isnull=True).select_related("certification"):
        executive = level.certification.slug == EXECUTIVE_SLUG
        level.guide = executive_guide if executive else sales_call
        level.countersign_required = executive
        level.save()

    riley, diego, maria = people["rep@example.com"], people["diego@example.com"], people["manager@example.com"]
    atlas = {level.number: level for level in CertificationLevel.objects.filter(certification__slug="atlas")}
    if not Award.objects.current().filter(user=riley, level=atlas[2]).exists():
        award_grant_by_person(actor=admin, user=riley, level=atlas[2], note="Passed the Atlas role-play in last year's programme.")
    # Riley asks Maria to observe a discovery call next week.
    level_observation_request(
        actor=riley, level=atlas[3], observer=maria,
        call_at=(now + timedelta(days=6)).replace(hour=15, minute=0, second=0, microsecond=0),
        account="Northwind Logistics", call_kind=CallKind.DISCOVERY, opportunity_ref="006HX00000NWL01",
        location="Video call", note="First call with their new VP of Operations.", now=now - timedelta(hours=20),
    )
    # Diego: Maria observed a Beacon call last month and signed it off.
    beacon3 = CertificationLevel.objects.get(certification__slug="beacon", number=3)
    call_at = now - timedelta(days=26)
    observed = level_observation_request(
        actor=diego, level=beacon3, observer=maria, call_at=call_at, account="Lumenfold",
        call_kind=CallKind.DEMONSTRATION, opportunity_ref="006HX00000LUM03", location="Lumenfold, Cambridge",
        now=call_at - timedelta(days=3),
    )
    observed = observation_answer(actor=maria, evaluation=observed, accept=True, now=call_at - timedelta(days=2))
    score_as(
        observed, maria, [(3, ""), (3, ""), (2, ""), (3, "")],
        overall="Diego let the CFO size the problem before showing anything, and left with a workshop booked.",
        next_steps="Coach Priya on the discovery you ran here.", when=call_at + timedelta(hours=3), attest=True,
    )
    return observations.count()

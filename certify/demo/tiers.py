"""Demo tiers and deals: bronze, silver and gold as the field practises them, and a CRM export to import.

The deals come in through the same import enablement admins use, from a
Salesforce-style export written with dates relative to today. The demo puts
at least one rep in each tier and leaves rep@example.com one level short of
bronze: Riley was at bronze until last year's Pulse level 1 lapsed nine days
ago, and Pulse is due again in five days.
"""

import csv
import io
from datetime import date, timedelta

from django.utils import timezone

from assessments.models import QuestionBank, Quiz, QuizSection, ReviewOption

from ..services import deals_import
from ..models import Certification, CertificationLevel, Role, Tier, TierRequiredLevel, User, add_months
from ..services import award_grant, award_grant_by_person, tier_recompute
from ..tier_rules import last_complete_quarters

EXECUTIVE_SLUG = "presenting-to-executives"
BEFORE_THE_PLATFORM = "Certified in the 2025 enablement programme, before Certifiable; records checked by enablement."
ROLE_PLAY = "Role-play passed at the sales kickoff, scored by a panel of two judges."
LAPSED_DAYS = 9  # how long ago Riley's Pulse level 1 from last year's programme ran out
FIELD_CALL = "Observed on a live customer call and signed off by the rep's manager."

# email, account, amount (USD), when it closed (days ago, or "Q-1" / "Q-2": mid-way through the last or the
# one-before-last complete quarter, so gold's sustained revenue holds whatever the day), stage
DEALS = [
    ("diego@example.com", "Carrow Freight", "182000", 20, "Closed Won"),
    ("diego@example.com", "Lumenfold Health", "126500", "Q-1", "Closed Won"),
    ("diego@example.com", "Northwind Mutual", "98000", "Q-2", "Closed Won"),
    ("diego@example.com", "Orbital Retail, Inc.", "141250", "Q-2", "Closed Won"),
    ("diego@example.com", "Brightpath Schools", "64000", 300, "Closed Won"),
    ("hannah@example.com", "St. Brennan Hospital", "58400", 45, "Closed Won"),
    ("hannah@example.com", "Kestrel Logistics", "36000", 170, "Closed Won"),
    ("priya@example.com", "Quarry & Vale", "24500", 12, "Closed Won"),
    ("rep2@example.com", "Harbor Analytics", "41000", 8, "Negotiation"),
    ("tom@example.com", "Meridian Bank", "88000", 30, "Closed Lost"),
]


def load(*, people: dict, admin) -> int:
    """Create the demo tiers once and place every rep; returns how many reps have a tier."""
    if Tier.objects.exists():
        return User.objects.filter(tier_status__tier__isnull=False).count()
    executive = _executive_certification()
    levels = {
        (level.certification.slug, level.number): level
        for level in CertificationLevel.objects.select_related("certification")
    }
    Tier.objects.create(
        name="Bronze",
        rank=1,
        description="Out of boot camp: knows every core product.",
        core_level=1,
    )
    silver = Tier.objects.create(
        name="Silver",
        rank=2,
        description="Has closed a first deal and can run the conversation on our lead offerings.",
        min_deals=1,
    )
    TierRequiredLevel.objects.create(tier=silver, certification=levels[("pulse", 2)].certification, number=2)
    TierRequiredLevel.objects.create(tier=silver, certification=levels[("beacon", 2)].certification, number=2)
    gold = Tier.objects.create(
        name="Gold",
        rank=3,
        description="Sells at scale, quarter after quarter, and holds the room with senior executives.",
        sustained_quarters=2,
        sustained_amount=100_000,
    )
    TierRequiredLevel.objects.create(tier=gold, certification=executive, number=3)

    def grant(email, slug, number, note):
        award_grant_by_person(actor=admin, user=people[email], level=levels[(slug, number)], note=note)

    # Priya passed Atlas and Pulse on the platform; Beacon came from last year's programme.
    grant("priya@example.com", "beacon", 1, BEFORE_THE_PLATFORM)
    # Riley passed Atlas on the platform and Beacon last year: Pulse (due in five days) is all bronze still needs.
    grant("rep@example.com", "beacon", 1, BEFORE_THE_PLATFORM)
    _lapsed_from_bronze(people["rep@example.com"], levels[("pulse", 1)], admin)
    # Hannah: silver.
    for slug in ("pulse", "beacon"):
        grant("hannah@example.com", slug, 1, BEFORE_THE_PLATFORM)
        grant("hannah@example.com", slug, 2, ROLE_PLAY)
    # Diego: gold.
    for slug in ("pulse", "beacon"):
        grant("diego@example.com", slug, 1, BEFORE_THE_PLATFORM)
        grant("diego@example.com", slug, 2, ROLE_PLAY)
    grant("diego@example.com", EXECUTIVE_SLUG, 1, BEFORE_THE_PLATFORM)
    grant("diego@example.com", EXECUTIVE_SLUG, 2, ROLE_PLAY)
    grant("diego@example.com", EXECUTIVE_SLUG, 3, FIELD_CALL)

    deals_import(actor=admin, file_name="salesforce-closed-won.csv", data=_salesforce_export())
    reps = User.objects.filter(is_active=True, groups__name=Role.REP.label)
    for rep in reps:
        tier_recompute(user=rep)
    return User.objects.filter(tier_status__tier__isnull=False).count()


def _lapsed_from_bronze(rep, pulse, admin) -> None:
    """The rep held Pulse level 1 from last year's programme, which with Atlas and Beacon put them at bronze; it
    ran out LAPSED_DAYS ago and the nightly recompute took bronze away. Both changes are recorded as the tier
    service records them, at the time each happened."""
    now = timezone.now()
    lapsed = now - timedelta(days=LAPSED_DAYS)
    award_grant(
        user=rep, level=pulse, granted_by=admin, note=BEFORE_THE_PLATFORM, now=add_months(lapsed, -pulse.validity_months)
    )
    tier_recompute(user=rep, now=now - timedelta(days=60))  # at bronze while Pulse was held
    tier_recompute(user=rep, now=lapsed + timedelta(hours=3))  # the night after it ran out


def _executive_certification() -> Certification:
    """A topic certification for gold: presenting to a senior executive, level 1 a short quiz from the selling bank."""
    bank = QuestionBank.objects.get(topic="Selling approach")
    quiz = Quiz.objects.create(
        title="Presenting to senior executives: content mastery",
        intro="Five questions on meeting senior executives with a point of view.",
        pass_mark=80,
        time_limit_minutes=10,
        attempts_allowed=3,
        wait_hours=24,
        review=ReviewOption.FULL,
    )
    QuizSection.objects.create(quiz=quiz, bank=bank, count=5, sort_order=0)
    certification = Certification.objects.create(
        title="Presenting to a senior executive",
        slug=EXECUTIVE_SLUG,
        topic="Executive presence",
        description="Opening with a point of view, speaking to the executive's numbers, and asking for the next step. "
        "Level 3 is a real executive meeting observed by your manager.",
        open_to_all=True,
    )
    for number, validity in ((1, 24), (2, 24), (3, None)):
        CertificationLevel.objects.create(
            certification=certification,
            number=number,
            quiz=quiz if number == 1 else None,
            validity_months=validity,
            sort_order=number,
        )
    return certification


def _salesforce_export() -> bytes:
    """The demo deals as a Salesforce opportunity report would export them (US dates, $ amounts)."""
    today = timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Opportunity ID", "Opportunity Name", "Account Name", "Owner Email", "Stage", "Amount", "Amount Currency", "Close Date"]
    )
    quarters = last_complete_quarters(today, 2)  # oldest first
    for number, (email, account, amount, when, stage) in enumerate(DEALS, start=1):
        if isinstance(when, str):
            year, quarter = quarters[-int(when[-1])]
            closed = date(year, 3 * quarter - 1, 15)
        else:
            closed = today - timedelta(days=when)
        writer.writerow(
            [
                f"006DEMO{number:011d}",
                f"{account} — platform",
                account,
                email,
                stage,
                f"${int(amount):,}.00",
                "USD",
                f"{closed.month}/{closed.day}/{closed.year}",
            ]
        )
    return out.getvalue().encode()


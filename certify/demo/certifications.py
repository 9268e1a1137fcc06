"""Demo certifications: a level-1 quiz per product and for the selling approach, assignments, and past attempts.

Questions come in through the same GIFT import enablement admins use. Past
attempts are made through the quiz services with a simulated rep's answers,
so awards, item analysis and "My certifications" show real history.
"""

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from assessments.models import QuestionBank, Quiz, QuizSection, ReviewOption
from assessments.services import attempt_save_answers, attempt_start, attempt_submit, questions_import
from content.models import ContentPage, Product

from ..models import Assignment, Certification, CertificationLevel, Team
from ..services import assignment_create
from .questions.study import STUDY_PAGES

QUESTIONS_DIR = Path(__file__).parent / "questions"

# file, bank name, product code or topic, quiz settings
BANKS = [
    ("pulse.gift", "Pulse Revenue Insights", "PULSE", {"count": 10, "minutes": 15, "attempts": 3, "wait": 24}),
    ("beacon.gift", "Beacon Forecasting", "BEACON", {"count": 10, "minutes": 15, "attempts": 3, "wait": 24}),
    ("atlas.gift", "Atlas Data Platform", "ATLAS", {"count": 10, "minutes": 15, "attempts": 3, "wait": 24}),
    ("sentinel.gift", "Sentinel Access Controls", "SENTINEL", {"count": 10, "minutes": 20, "attempts": None, "wait": 4}),
    ("selling.gift", "The Helix selling approach", None, {"count": 8, "minutes": None, "attempts": None, "wait": 0}),
]
SELLING_TOPIC = "Selling approach"

# Simulated reps: how often each answers right, per quiz, and how many days ago they tried.
PAST_ATTEMPTS = [
    ("rep@example.com", "ATLAS", [(0.25, 75), (1.0, 72)]),
    ("priya@example.com", "ATLAS", [(0.95, 70)]),
    ("diego@example.com", "ATLAS", [(0.6, 68), (0.85, 64)]),
    ("hannah@example.com", "ATLAS", [(0.9, 66)]),
    ("tom@example.com", "ATLAS", [(0.2, 60), (0.3, 55)]),
    ("rep2@example.com", "ATLAS", [(0.85, 62)]),
    ("priya@example.com", "PULSE", [(0.9, 6)]),
    ("priya@example.com", None, [(0.95, 40)]),
    ("diego@example.com", None, [(0.5, 45), (0.8, 44)]),
    ("hannah@example.com", None, [(0.9, 38)]),
    ("tom@example.com", None, [(0.45, 50), (0.55, 49), (0.7, 47)]),
    ("rep2@example.com", None, [(0.75, 35), (0.9, 33)]),
    ("rep@example.com", None, [(0.6, 12)]),
]


def load(*, people: dict, admin) -> int:
    """Create the demo certifications once; returns how many there are."""
    if Certification.objects.exists():
        return Certification.objects.count()
    now = timezone.now()
    pages = {page.slug: page for page in ContentPage.objects.live()}
    quizzes = {}
    for file_name, name, code, settings in BANKS:
        product = Product.objects.get(code=code) if code else None
        bank = QuestionBank.objects.create(name=name, product=product, topic="" if product else SELLING_TOPIC)
        questions_import(
            actor=None,
            bank=bank,
            file_name=file_name,
            data=(QUESTIONS_DIR / file_name).read_bytes(),
            file_format="gift",
        )
        for question in bank.questions.all():
            question.study_page = pages.get(STUDY_PAGES.get(question.name, ""))
            question.save(update_fields=["study_page"])
        quiz = Quiz.objects.create(
            title=f"{name}: content mastery",
            intro=f"{settings['count']} questions drawn from what every rep needs to know about {name}. "
            "Each is about something in the study material listed below.",
            pass_mark=75 if product is None else 80,
            time_limit_minutes=settings["minutes"],
            attempts_allowed=settings["attempts"],
            wait_hours=settings["wait"],
            review=ReviewOption.WRONG if code == "BEACON" else ReviewOption.FULL,
        )
        QuizSection.objects.create(quiz=quiz, bank=bank, count=settings["count"], sort_order=0)
        study = []
        for slug in dict.fromkeys(STUDY_PAGES[question.name] for question in bank.questions.all()):
            if slug in pages and len(study) < 5:
                study.append(("page", pages[slug]))
        certification = Certification.objects.create(
            title=name if product else "Helix selling approach",
            slug=(code or "selling-approach").lower(),
            product=product,
            topic="" if product else SELLING_TOPIC,
            description=product.description
            if product
            else "How we sell at Helix: discovery that finds the real pain, MEDDICC qualification, handling the "
            "objections we hear most, and meeting senior executives with a point of view.",
            open_to_all=product is None,
        )
        CertificationLevel.objects.create(
            certification=certification, number=1, quiz=quiz, validity_months=12, study_material=study, sort_order=0
        )
        if product is not None:
            CertificationLevel.objects.create(certification=certification, number=2, validity_months=24, sort_order=1)
            CertificationLevel.objects.create(certification=certification, number=3, sort_order=2)
        quizzes[code] = quiz

    levels = {level.certification.slug: level for level in CertificationLevel.objects.filter(number=1).select_related("certification")}
    east, west = Team.objects.get(name="East"), Team.objects.get(name="West")
    # Atlas was assigned to everyone last quarter; the others are due now.
    for team in (east, west):
        Assignment.objects.create(
            level=levels["atlas"],
            team=team,
            due_date=(now - timedelta(days=40)).date(),
            assigned_by=admin,
            assigned_at=now - timedelta(days=80),
        )
    today = timezone.localdate()
    assignment_create(
        actor=admin,
        level=levels["pulse"],
        users=[people["rep@example.com"], people["priya@example.com"]],
        due_date=today + timedelta(days=5),
    )
    assignment_create(actor=admin, level=levels["beacon"], teams=[east], due_date=today + timedelta(days=30))
    assignment_create(actor=admin, level=levels["sentinel"], teams=[west], due_date=today + timedelta(days=21))

    for email, code, tries in PAST_ATTEMPTS:
        for skill, days_ago in tries:
            # Like a real rep: once passed, no more tries.
            if simulate_attempt(people[email], quizzes[code], skill=skill, when=now - timedelta(days=days_ago, hours=3)):
                break
    return Certification.objects.count()


def simulate_attempt(user, quiz, *, skill: float, when) -> bool:
    """One attempt answered by someone who gets a question right with probability `skill`."""
    chance = random.Random(f"{user.email}/{quiz.pk}/{when:%Y%m%d}")
    attempt = attempt_start(user=user, quiz=quiz, now=when)
    answers = {}
    for served in attempt.questions.all():
        right = [index for index, choice in enumerate(served.choices) if Decimal(choice["fraction"]) > 0]
        wrong = [index for index, choice in enumerate(served.choices) if Decimal(choice["fraction"]) <= 0]
        if chance.random() < skill or not wrong:
            answers[served.position] = right if served.kind == "multiple" else right[:1]
        elif served.kind == "multiple":
            answers[served.position] = right[:1] + [chance.choice(wrong)]
        else:
            answers[served.position] = [chance.choice(wrong)]
    attempt_save_answers(actor=user, attempt_id=attempt.pk, answers=answers, now=when + timedelta(minutes=6))
    return attempt_submit(actor=user, attempt_id=attempt.pk, now=when + timedelta(minutes=9)).passed

"""Build a benchmark dataset in the SQLite database named by DATABASE_URL (already migrated).

    python bench/dataset.py pages              # demo hub, products, pages, plus extra articles (~60 pages)
    python bench/dataset.py people SIZE OUT    # people, teams, roles, page views and sessions; SIZE is small|large

`pages` runs once on a base database that is then copied for each size; `people`
adds everything that differs by size with bulk inserts, creates one signed-in
session per measured identity and writes them (with the URLs to measure) to OUT as JSON.
"""

import json
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from allauth.mfa.totp.internal.auth import TOTP  # noqa: E402
from certify import demo  # noqa: E402
from certify.demo.data.articles import ARTICLES  # noqa: E402
from certify.demo.hub import hub_page, section  # noqa: E402
from certify.services import impact_snapshots_backfill, progress_rollup_refresh, reach_rollup_refresh  # noqa: E402
from decimal import Decimal  # noqa: E402

from assessments.models import (  # noqa: E402
    Attempt,
    AttemptQuestion,
    AttemptStatus,
    CriterionScore,
    Evaluation,
    EvaluationMode,
    EvaluationStatus,
    Question,
    Scorecard,
    ScorecardStatus,
)
from assessments.services import attempt_save_answers, attempt_start  # noqa: E402
from certify.models import (  # noqa: E402
    Assignment,
    Award,
    CertificationLevel,
    Deal,
    LevelEvaluation,
    NoticeKind,
    Notification,
    Role,
    Team,
    Tip,
    TipHelpfulMark,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from certify.tasks import tiers_recompute  # noqa: E402
from content.models import ArticlePage, BuyingStage, ContentPage, PageView, Product  # noqa: E402

TARGET_PAGES = 60
SIZES = {
    # reps, teams, page views per rep
    "small": (10, 1, 3),
    "large": (10_000, 200, 10),
}
PASSWORD = "certifiable-bench"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
BATCH = 2000


def build_pages():
    """The demo content, then more articles (some about forecasting) until there are TARGET_PAGES."""
    demo.load()
    hub = hub_page()
    articles = section(hub, "articles")
    products = list(Product.objects.all())
    stages = list(BuyingStage.objects.all())
    n = ContentPage.objects.count()
    k = 0
    while n < TARGET_PAGES:
        template = ARTICLES[k % len(ARTICLES)]
        topic = "Forecast" if k % 3 == 0 else "Pipeline"
        page = ArticlePage(
            title=f"{topic} practice {k + 1:02d}: {template['title']}",
            slug=f"bench-article-{k + 1:02d}",
            summary=f"{topic} practice for reps. {template['summary']}"[:300],
            body=[(kind, value) for kind, value in template["body"]],
        )
        articles.add_child(instance=page)
        page.products.set([products[k % len(products)]])
        page.stages.set([stages[k % len(stages)]])
        page.save_revision().publish()
        n += 1
        k += 1
    _checkpoint()
    print(f"pages: {ContentPage.objects.live().count()} live content pages")


def build_people(size, out):
    n_reps, n_teams, views_per_rep = SIZES[size]
    started = time.monotonic()
    password = make_password(PASSWORD)  # hashed once, shared by every bench person
    now = timezone.now()
    groups = {role: Group.objects.get(name=role.label) for role in Role}

    with transaction.atomic():
        # People: reps, one manager per team, one judge, one enablement admin.
        people = [
            User(
                email=f"rep{i:05d}@bench.example.com", first_name="Rep", last_name=f"{i:05d}", password=password,
                start_date=(now - timedelta(days=30 + (i * 7) % 540)).date(),  # hired over eighteen months
            )  # fmt: skip
            for i in range(n_reps)
        ]
        people += [
            User(email=f"manager{t:03d}@bench.example.com", first_name="Manager", last_name=f"{t:03d}", password=password)
            for t in range(n_teams)
        ]
        people += [
            User(email="judge@bench.example.com", first_name="Judge", last_name="Bench", password=password),
            User(email="admin@bench.example.com", first_name="Admin", last_name="Bench", password=password),
        ]
        User.objects.bulk_create(people, batch_size=BATCH)
        ids = dict(User.objects.filter(email__endswith="@bench.example.com").values_list("email", "pk"))
        rep_ids = [ids[f"rep{i:05d}@bench.example.com"] for i in range(n_reps)]
        manager_ids = [ids[f"manager{t:03d}@bench.example.com"] for t in range(n_teams)]
        judge_id = ids["judge@bench.example.com"]
        admin_id = ids["admin@bench.example.com"]

        # Roles are group memberships.
        UserGroup = User.groups.through
        memberships = [UserGroup(user_id=pk, group_id=groups[Role.REP].pk) for pk in rep_ids]
        memberships += [UserGroup(user_id=pk, group_id=groups[Role.MANAGER].pk) for pk in manager_ids]
        memberships += [
            UserGroup(user_id=judge_id, group_id=groups[Role.JUDGE].pk),
            UserGroup(user_id=admin_id, group_id=groups[Role.ENABLEMENT_ADMIN].pk),
        ]
        UserGroup.objects.bulk_create(memberships, batch_size=BATCH)

        # Teams: reps spread evenly, one manager each.
        Team.objects.bulk_create(
            [Team(name=f"Bench team {t:03d}", region=f"Region {t % 10}") for t in range(n_teams)], batch_size=BATCH
        )
        team_ids = list(Team.objects.filter(name__startswith="Bench team ").order_by("name").values_list("pk", flat=True))
        Members, Managers = Team.members.through, Team.managers.through
        Members.objects.bulk_create(
            [Members(team_id=team_ids[i % n_teams], user_id=pk) for i, pk in enumerate(rep_ids)], batch_size=BATCH
        )
        Managers.objects.bulk_create(
            [Managers(team_id=team_ids[t], user_id=pk) for t, pk in enumerate(manager_ids)], batch_size=BATCH
        )

        # Reading history: each rep viewed `views_per_rep` distinct pages, spread over two months.
        page_ids = list(ContentPage.objects.live().order_by("path").values_list("pk", flat=True))
        n_pages = len(page_ids)
        step = max(1, n_pages // views_per_rep)
        views = []
        for i, pk in enumerate(rep_ids):
            for k in range(views_per_rep):
                seen = now - timedelta(days=(i + 3 * k) % 60, minutes=i % 1440)
                views.append(
                    PageView(
                        user_id=pk,
                        page_id=page_ids[(i + k * step) % n_pages],
                        first_seen=seen - timedelta(days=k),
                        last_seen=seen,
                        count=1 + (i + k) % 4,
                    )
                )
        PageView.objects.bulk_create(views, batch_size=BATCH)

        # Tips: one in every twenty reps shared two, each marked helpful by a few colleagues.
        product_ids = list(Product.objects.values_list("pk", flat=True))
        stage_ids = list(BuyingStage.objects.values_list("pk", flat=True))
        tips = [
            Tip(
                author_id=pk,
                title=f"Bench tip {i}-{j}: ask about the last forecast miss",
                body="Ask what the last forecast miss cost, in dollars, before any demo.",
                product_id=product_ids[(i + j) % len(product_ids)],
                stage_id=stage_ids[(i + j) % len(stage_ids)],
                page_id=page_ids[(i + j) % n_pages],
                created_at=now - timedelta(days=(i + j) % 80),
                verified_at=now if (i + j) % 7 == 0 else None,
            )
            for i, pk in enumerate(rep_ids[::20])
            for j in range(2)
        ]
        Tip.objects.bulk_create(tips, batch_size=BATCH)
        tip_ids = list(Tip.objects.values_list("pk", flat=True))
        marks = [
            TipHelpfulMark(tip_id=tip_id, user_id=rep_ids[(n * 37 + k * 11 + 1) % n_reps])
            for n, tip_id in enumerate(tip_ids)
            for k in range(n % 6)
        ]
        TipHelpfulMark.objects.bulk_create(marks, batch_size=BATCH, ignore_conflicts=True)

        quiz_attempts = _build_certifications(rep_ids, team_ids, now)
        evaluations = _build_evaluations(rep_ids, manager_ids, judge_id, now)
        webhooks = _build_webhooks(now)
        reach_rollup_refresh()  # the reach report reads the rollup the schedule keeps
        progress_rollup_refresh()  # and the funnel and struggling list theirs
        _build_notifications(rep_ids, now)
        impact_snapshots_backfill(weeks=12)  # twelve weekly snapshots for the trends page to draw

    # The enablement admin needs an authenticator, or the MFA middleware redirects them.
    admin = User.objects.get(pk=admin_id)
    TOTP.activate(admin, TOTP_SECRET)

    identities = {"rep": rep_ids[0], "judge": judge_id, "manager": manager_ids[0], "admin": admin_id}
    sessions = {name: _session_for(User.objects.get(pk=pk)) for name, pk in identities.items()}
    article = ArticlePage.objects.live().order_by("path").first()
    data = {
        "size": size,
        "sessions": sessions,
        "team_id": team_ids[0],
        "article_url": article.get_url(),
        **quiz_attempts,
        **evaluations,
        **webhooks,
        "counts": {
            "users": User.objects.count(),
            "teams": Team.objects.count(),
            "content_pages": n_pages,
            "page_views": PageView.objects.count(),
            "tips": Tip.objects.count(),
            "attempts": Attempt.objects.count(),
            "awards": Award.objects.count(),
            "deals": Deal.objects.count(),
            "evaluations": Evaluation.objects.count(),
            "criterion_scores": CriterionScore.objects.count(),
        },
        "seconds": round(time.monotonic() - started, 1),
    }
    Path(out).write_text(json.dumps(data, indent=2))
    _checkpoint()
    print(f"people ({size}): {data['counts']} in {data['seconds']}s")


def _snapshot(questions):
    return [
        {"text": c.text, "fraction": str(c.fraction), "feedback": c.feedback} for c in questions.choices.all()
    ]


def _build_notifications(rep_ids, now):
    """Every rep has a few notifications, a third of them unread; rep 0 has 500 (the list pages through them)."""
    rows = [
        Notification(user_id=pk, kind=NoticeKind.ASSIGNMENT, subject=f"Certification due: Pulse Revenue Insights ({k})",
                     link="/certifications/pulse/", created_at=now - timedelta(hours=i % 500 + k),
                     read_at=None if k % 3 == 0 else now)
        for i, pk in enumerate(rep_ids) for k in range(500 if i == 0 else 3)
    ]  # fmt: skip
    Notification.objects.bulk_create(rows, batch_size=BATCH)


def _build_certifications(rep_ids, team_ids, now):
    """Every team assigned Pulse level 1; half of each team's reps passed it, one in ten failed once; rep 0 is mid-way
    through Beacon.

    Attempts keep ten served questions each, so item analysis aggregates over ten rows per attempt.
    """
    pulse = CertificationLevel.objects.select_related("quiz").get(certification__slug="pulse", number=1)
    beacon = CertificationLevel.objects.select_related("quiz").get(certification__slug="beacon", number=1)
    Assignment.objects.bulk_create(
        [Assignment(level=pulse, team_id=pk, due_date=(now + timedelta(days=14)).date()) for pk in team_ids],
        batch_size=BATCH,
    )
    questions = list(Question.objects.filter(bank__name="Pulse Revenue Insights").prefetch_related("choices")[:10])
    snapshots = [_snapshot(question) for question in questions]
    attempts = []
    for i, pk in enumerate(rep_ids):
        # By a rep's place in their team (reps are dealt to teams in turn), so that every team has both: its
        # manager's struggling list has reps on it.
        place = i // len(team_ids)
        if place % 2 and place % 10 != 1:
            continue
        passed = place % 2 == 0
        right = 9 if passed else 5
        when = now - timedelta(days=1 + i % 90, minutes=i % 600)
        attempts.append(
            Attempt(
                quiz=pulse.quiz, user_id=pk, number=1, status=AttemptStatus.SUBMITTED, started_at=when,
                submitted_at=when + timedelta(minutes=9), pass_mark=80, review="full", points=right,
                max_points=10, score=right * 10, passed=passed,
            )
        )
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    served = []
    for attempt in Attempt.objects.filter(quiz=pulse.quiz, user_id__in=rep_ids).values("pk", "points", "user_id"):
        for position, (question, choices) in enumerate(zip(questions, snapshots), start=1):
            correct = position <= attempt["points"]
            score = 1 if correct else 0
            right = [k for k, c in enumerate(choices) if Decimal(c["fraction"]) > 0][:1]
            wrong = [k for k, c in enumerate(choices) if Decimal(c["fraction"]) <= 0][:1]
            served.append(
                AttemptQuestion(
                    attempt_id=attempt["pk"], position=position, question=question, kind=question.kind,
                    scoring=question.scoring, text=question.text, explanation=question.explanation, choices=choices,
                    selected=right if correct or not wrong else wrong, answered_at=now, score=score,
                )
            )
    AttemptQuestion.objects.bulk_create(served, batch_size=BATCH)
    Award.objects.bulk_create(
        [
            Award(
                user_id=row["user_id"], certification_id=pulse.certification_id, level=pulse, attempt_id=row["pk"],
                awarded_at=row["submitted_at"], valid_until=pulse.valid_until(row["submitted_at"]),
            )
            for row in Attempt.objects.filter(quiz=pulse.quiz, passed=True, user_id__in=rep_ids).values(
                "pk", "user_id", "submitted_at"
            )
        ],
        batch_size=BATCH,
    )
    _build_tiers(rep_ids, now)
    rep = User.objects.get(pk=rep_ids[0])
    in_progress = attempt_start(user=rep, quiz=beacon.quiz)
    attempt_save_answers(actor=rep, attempt_id=in_progress.pk, answers={1: [0], 2: [1]})
    result = Attempt.objects.get(quiz=pulse.quiz, user=rep)
    token = Award.objects.filter(user=rep, level=pulse).values_list("verification_token", flat=True).first()
    return {"open_attempt_id": in_progress.pk, "result_attempt_id": result.pk, "verification_token": token}


def _build_evaluations(rep_ids, manager_ids, judge_id, now):
    """Level-2 role-plays on Pulse: every fourth rep has a released result scored by the bench judge and their
    team's manager; the judge also has 30 role-plays to score now and 30 coming up. Returns the ids to measure."""
    from assessments.scoring import criteria_of, evaluate, rules_of, scorecard_percentage

    level = CertificationLevel.objects.select_related("guide").get(certification__slug="pulse", number=2)
    version = level.guide.versions.order_by("-number").first()
    scenario = level.scenarios.first()
    keys = [criterion["key"] for criterion in version.criteria]
    criteria, rules = criteria_of(version), rules_of(version)
    n_teams = len(manager_ids)

    def make(i, pk, status, when, **extra):
        return Evaluation(
            performer_id=pk, subject="Pulse Revenue Insights — level 2", guide_version=version, scenario=scenario,
            status=status, mode=EvaluationMode.LIVE, requested_at=when - timedelta(days=7), requested_by_id=pk,
            scheduled_at=when, location="https://meet.example.com/bench", duration_minutes=30,
            due_at=when + timedelta(days=3), **extra,
        )

    released, panels = [], []
    for i, pk in enumerate(rep_ids):
        if i % 4:
            continue
        when = now - timedelta(days=2 + i % 60, minutes=i % 600)
        judge_scores = [2 + (i + k) % 2 for k in range(len(keys))]
        manager_scores = [1 + (i + k) % 3 for k in range(len(keys))]
        panel = {key: [a, b] for key, a, b in zip(keys, judge_scores, manager_scores)}
        result = evaluate(criteria, panel, rules)
        final = evaluate(criteria, panel, rules, final_scores={key: judge_scores[n] for n, key in enumerate(keys)})
        outcome = final if result.flagged else result
        released.append(
            make(
                i, pk, EvaluationStatus.RELEASED, when, panel_score=result.score, score=outcome.score,
                passed=outcome.passed, flagged_criteria=result.flagged_keys, released_at=when + timedelta(days=1),
            )
        )
        panels.append((judge_scores, manager_scores, manager_ids[i % n_teams], when))
    Evaluation.objects.bulk_create(released, batch_size=BATCH)
    released_ids = list(
        Evaluation.objects.filter(status=EvaluationStatus.RELEASED, performer_id__in=rep_ids).order_by("pk").values_list("pk", flat=True)
    )
    queue = [make(n, rep_ids[(2 * n + 1) % len(rep_ids)], EvaluationStatus.SCHEDULED, now - timedelta(hours=1 + n)) for n in range(30)]
    queue += [make(n, rep_ids[(2 * n + 3) % len(rep_ids)], EvaluationStatus.SCHEDULED, now + timedelta(days=1 + n)) for n in range(30)]
    Evaluation.objects.bulk_create(queue, batch_size=BATCH)
    queue_ids = list(Evaluation.objects.filter(status=EvaluationStatus.SCHEDULED, performer_id__in=rep_ids).order_by("scheduled_at").values_list("pk", flat=True))
    LevelEvaluation.objects.bulk_create(
        [LevelEvaluation(evaluation_id=pk, level=level) for pk in released_ids + queue_ids], batch_size=BATCH
    )
    cards = []
    for pk, (judge_scores, manager_scores, manager_id, when) in zip(released_ids, panels):
        for who, scores in ((judge_id, judge_scores), (manager_id, manager_scores)):
            cards.append(
                Scorecard(
                    evaluation_id=pk, judge_id=who, status=ScorecardStatus.SUBMITTED, assigned_at=when - timedelta(days=6),
                    submitted_at=when + timedelta(hours=2), overall_feedback="Clear structure; slow down in discovery.",
                    next_steps="Practise the discovery questions.", score=scorecard_percentage(criteria, dict(zip(keys, scores)), rules.scale),
                )
            )
    cards += [Scorecard(evaluation_id=pk, judge_id=judge_id, assigned_at=now - timedelta(days=6)) for pk in queue_ids]
    Scorecard.objects.bulk_create(cards, batch_size=BATCH)
    scores = []
    card_rows = Scorecard.objects.filter(evaluation_id__in=released_ids).values_list("pk", "evaluation_id", "judge_id")
    by_evaluation = dict(zip(released_ids, panels))
    for card_id, evaluation_id, who in card_rows:
        judge_scores, manager_scores, _manager, _when = by_evaluation[evaluation_id]
        values = judge_scores if who == judge_id else manager_scores
        scores += [
            CriterionScore(scorecard_id=card_id, criterion_key=key, score=value, comment="" if value >= 2 else "Ask before you show.")
            for key, value in zip(keys, values)
        ]
    CriterionScore.objects.bulk_create(scores, batch_size=BATCH)
    # Level 3: every team's first rep holds level 2 and has asked the team's manager to observe a call.
    from certify.services import award_grant, level_observation_request

    from assessments.models import CallKind

    field = CertificationLevel.objects.get(certification__slug="pulse", number=3)
    observation_id = None
    for t, manager_id in enumerate(manager_ids):
        rep = User.objects.get(pk=rep_ids[t])
        manager = User.objects.get(pk=manager_id)
        for number in (1, 2):
            held = Award.objects.current().filter(user=rep, level__certification=field.certification, level__number=number)
            if not held.exists():
                award_grant(user=rep, level=CertificationLevel.objects.get(certification=field.certification, number=number))
        observation = level_observation_request(
            actor=rep, level=field, observer=manager, call_at=now + timedelta(days=3), account=f"Bench account {t}",
            call_kind=CallKind.DISCOVERY,
        )
        observation_id = observation_id or observation.pk
    return {
        "result_evaluation_id": released_ids[0],
        "scorecard_evaluation_id": queue_ids[0],
        "observation_id": observation_id,
    }


def _build_webhooks(now):
    """An endpoint with two thousand deliveries behind it, each tried once and failed, for its deliveries page."""
    endpoint = WebhookEndpoint.objects.create(name="Bench CRM", url="http://127.0.0.1:9/hook", events=["award.granted"])
    events = WebhookEvent.objects.bulk_create(
        [WebhookEvent(type="award.granted", data={"n": n}, created_at=now - timedelta(minutes=n)) for n in range(2000)],
        batch_size=BATCH,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(event=event, endpoint=endpoint, status="failed", tries=1, created_at=event.created_at)
         for event in events],
        batch_size=BATCH,
    )
    WebhookAttempt.objects.bulk_create(
        [WebhookAttempt(delivery=delivery, at=delivery.created_at, status_code=500, error="HTTP 500") for delivery in
         deliveries],
        batch_size=BATCH,
    )
    return {"webhook_endpoint_id": endpoint.pk}


def _build_tiers(rep_ids, now):
    """Two closed-won deals for every third rep, and every rep's tier worked out as the nightly task does."""
    deals = [
        Deal(
            external_id=f"006BENCH{i:07d}{k}",
            rep_id=pk,
            account=f"Bench account {i % 500}",
            amount=Decimal(20000 + (i * 37) % 90000),
            currency="USD",
            close_date=(now - timedelta(days=5 + (i * 13 + k * 40) % 400)).date(),
        )
        for i, pk in enumerate(rep_ids)
        if i % 3 == 0
        for k in range(2)
    ]
    Deal.objects.bulk_create(deals, batch_size=BATCH)
    tiers_recompute(rep_ids)


def _session_for(user):
    """A signed-in session for `user`, as the login view would store it."""
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _checkpoint():
    """Fold the WAL into the main file, so the database can be copied as one file."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["pages"]:
        build_pages()
    elif sys.argv[1:2] == ["people"] and len(sys.argv) == 4 and sys.argv[2] in SIZES:
        build_people(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)

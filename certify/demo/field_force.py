"""The demo's field force: 32 more reps in teams Central and South, hired over the last eighteen months, so the
impact pages have a population to count.

Each rep has a start date, studies (or not) before their level-1 quizzes, takes the quizzes through the quiz
services (some pass first time, some need another go, a few have not passed yet), some pass the Pulse and Beacon
role-plays, and closes deals — more often once certified, which is the association the impact pages show and
label as such. Their history is played in the order it happened, and every tier change is recorded at the moment
it happened. They have no password: they are not logins.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from content.models import ContentPage
from content.services import page_view_record

from ..models import Assignment, Award, CertificationLevel, Deal, Role, Team, TierChange, User
from ..services import assignment_create, award_grant, tier_recompute, user_set_roles
from .certifications import simulate_attempt

# name, team: first names and surnames from many places, like a real sales force.
FIELD_FORCE = [
    ("Amara Obi", "Central"), ("Luca Romano", "Central"), ("Mei Tanaka", "Central"), ("Jonas Berg", "Central"),
    ("Fatima Zahra", "Central"), ("Noah Fischer", "Central"), ("Sofia Marquez", "Central"), ("Kwame Mensah", "Central"),
    ("Ines Duarte", "Central"), ("Oliver Grant", "Central"), ("Leila Haddad", "Central"), ("Mateo Cruz", "Central"),
    ("Hana Kim", "Central"), ("Arjun Mehta", "Central"), ("Chloe Dubois", "Central"), ("Ethan Brooks", "Central"),
    ("Zara Ahmed", "South"), ("Felix Wagner", "South"), ("Yuki Sato", "South"), ("Isaac Cohen", "South"),
    ("Nadia Petrova", "South"), ("Samuel Adeyemi", "South"), ("Lucia Ferreira", "South"), ("Owen Walsh", "South"),
    ("Aisha Bello", "South"), ("Henrik Larsen", "South"), ("Maya Singh", "South"), ("Diego Ramos", "South"),
    ("Elena Popescu", "South"), ("Tariq Aziz", "South"), ("Grace Liu", "South"), ("Marcus Reid", "South"),
]  # fmt: skip
FIELD_TEAMS = [("Central", "US Central", "manager@example.com"), ("South", "US South", "west.manager@example.com")]
ROLE_PLAY = "Role-play passed at a regional workshop, scored by a panel of two judges."
ACCOUNTS = [
    "Alderbank", "Bluewater Foods", "Cobalt Insurance", "Dunmore Steel", "Evergreen Clinics", "Foxglove Retail",
    "Granite Telecom", "Hollis Freight", "Ironleaf Energy", "Juniper Labs", "Keystone Credit", "Larkspur Hotels",
    "Marlow Pharma", "Northgate Utilities", "Oakridge Schools", "Pinecrest Media",
]  # fmt: skip
QUIZ_ORDER = ("atlas", "pulse", "beacon")


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@example.com"


def load(*, people: dict, admin) -> int:
    """Create the field force once (nothing if its first rep exists); returns how many reps it has."""
    if User.objects.filter(email=_email(FIELD_FORCE[0][0])).exists():
        return User.objects.filter(email__in=[_email(name) for name, _team in FIELD_FORCE]).count()
    chance = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    teams = {}
    for name, region, manager in FIELD_TEAMS:
        teams[name] = Team.objects.create(name=name, region=region)
        teams[name].managers.add(people[manager])
    reps = []
    for index, (name, team) in enumerate(FIELD_FORCE):
        first, last = name.split(" ", 1)
        rep = User.objects.create_user(email=_email(name), first_name=first, last_name=last)
        # Hired every fortnight or so over eighteen months: six quarterly cohorts.
        rep.start_date = today - timedelta(days=35 + index * 16 + chance.randint(0, 9))
        rep.save(update_fields=["start_date"])
        user_set_roles(user=rep, roles=[Role.REP])
        teams[team].members.add(rep)
        reps.append(rep)
    for team in teams.values():
        team.save()
    levels = {
        (level.certification.slug, level.number): level
        for level in CertificationLevel.objects.select_related("certification", "quiz")
    }
    # Boot camp: the three core products' level 1 for both teams, Atlas overdue; then the Pulse role-play.
    for team in teams.values():
        # Assigned in the spring; the due date passed six weeks ago (the service refuses a due date in the past).
        Assignment.objects.create(
            level=levels[("atlas", 1)], team=team, due_date=today - timedelta(days=45), assigned_by=admin,
            assigned_at=now - timedelta(days=200),
        )  # fmt: skip
    for slug, due in (("pulse", 20), ("beacon", 40)):
        assignment_create(actor=admin, level=levels[(slug, 1)], teams=list(teams.values()), due_date=today + timedelta(days=due))
    assignment_create(actor=admin, level=levels[("pulse", 2)], teams=list(teams.values()), due_date=today + timedelta(days=75))
    study = {slug: _study_pages(levels[(slug, 1)]) for slug in QUIZ_ORDER}
    for rep in reps:
        _history(rep, chance=chance, levels=levels, study=study, admin=admin, now=now)
    return len(reps)


def _study_pages(level) -> list:
    ids = [block.value.pk for block in level.study_material if block.value is not None]
    return list(ContentPage.objects.filter(pk__in=ids).order_by("pk"))


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _history(rep, *, chance, levels, study, admin, now):
    """Play one rep's first months in order: reading, quizzes, role-plays and deals, recomputing the tier as each
    happens so every tier change carries the moment it happened."""
    diligence = chance.random()  # how much the rep studies; it lifts their scores, as it would
    started = _at(rep.start_date, 9)
    moments = []  # (when, what, detail)
    day = 10 + int((1 - diligence) * 25)
    for slug in QUIZ_ORDER:
        first_try = started + timedelta(days=day + chance.randint(0, 6))
        pages = study[slug]
        if pages and diligence > 0.35:
            for page in pages[: 1 + int(diligence * len(pages))]:
                moments.append((first_try - timedelta(days=chance.randint(2, 8)), "read", page))
        moments.append((first_try, "quiz", slug))
        day += 12 + chance.randint(0, 10)
    if diligence > 0.45:
        moments.append((started + timedelta(days=day + 30 + chance.randint(0, 25)), "role-play", "pulse"))
        moments.append((started + timedelta(days=day + 45 + chance.randint(0, 25)), "role-play", "beacon"))
    # Deals: the first some months in, then every so often; the pace picks up once the rep is certified.
    moments.append((started + timedelta(days=70 + chance.randint(0, 80) + int((1 - diligence) * 60)), "deals", None))
    moments.sort(key=lambda moment: moment[0])
    certified_at = None
    for when, what, detail in moments:
        if when >= now:
            break
        if what == "read":
            page_view_record(user=rep, page=detail, when=when)
        elif what == "quiz":
            skill = 0.5 + 0.45 * diligence
            for attempt in range(3):
                moment = when + timedelta(days=2 * attempt)
                if moment >= now:
                    break
                before = _last_change(rep)
                passed = simulate_attempt(rep, levels[(detail, 1)].quiz, skill=min(skill + 0.15 * attempt, 0.98), when=moment)
                _date_changes(rep, before, moment)
                if passed:
                    certified_at = certified_at or (moment if detail == "pulse" else None)
                    break
        elif what == "role-play" and _holds(rep, levels[(detail, 1)], when):
            before = _last_change(rep)
            award_grant(user=rep, level=levels[(detail, 2)], granted_by=admin, note=ROLE_PLAY, now=when)
            _date_changes(rep, before, when)
        elif what == "deals":
            _deals(rep, chance=chance, first=when, certified_at=lambda: certified_at, now=now)
    tier_recompute(user=rep, now=now)


def _deals(rep, *, chance, first, certified_at, now):
    when = first
    while when < now:
        before = _last_change(rep)
        Deal.objects.create(
            external_id=f"006FIELD{rep.pk:05d}{when:%Y%m%d}",
            rep=rep,
            account=chance.choice(ACCOUNTS),
            amount=Decimal(chance.randrange(18_000, 96_000, 500)),
            currency="USD",
            close_date=timezone.localdate(when),
        )
        tier_recompute(user=rep, now=when + timedelta(hours=1))
        _date_changes(rep, before, when + timedelta(hours=1))
        certified = certified_at()
        gap = 40 if certified is not None and certified <= when else 95
        when += timedelta(days=gap + chance.randint(-12, 20))


def _holds(rep, level, when) -> bool:
    return Award.objects.current(when).filter(user=rep, level=level, awarded_at__lte=when).exists()


def _last_change(rep) -> int:
    return TierChange.objects.filter(user=rep).order_by("-pk").values_list("pk", flat=True).first() or 0


def _date_changes(rep, after_pk: int, when) -> None:
    """Tier changes the services recorded just now for something that happened at `when` carry that moment."""
    TierChange.objects.filter(user=rep, pk__gt=after_pk).update(at=when)

"""Reads of people, teams and reach that views loop over."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.db.models import Count, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from content.models import ContentPage, PageView, Product
from content.selectors import pages_not_viewed_by, recently_updated_content

from .models import (
    Assignment,
    Award,
    Certification,
    CertificationLevel,
    Invitation,
    Role,
    Team,
    Tip,
    TipHelpfulMark,
    User,
)

REACH_WINDOW_DAYS = 30


def reps():
    """Active people holding the rep role."""
    return User.objects.filter(is_active=True, groups__name=Role.REP.label)


def teams_managed_by(user):
    return Team.objects.filter(managers=user).order_by("name")


def team_members_with_reach(*, team, since=None):
    """The team's members with how many content pages each opened since `since` (and ever)."""
    since = since or timezone.now() - timedelta(days=REACH_WINDOW_DAYS)
    return (
        team.members.filter(is_active=True)
        .annotate(
            pages_recent=Count("page_views", filter=Q(page_views__last_seen__gte=since), distinct=True),
            pages_ever=Count("page_views", distinct=True),
            last_seen_content=Max("page_views__last_seen"),
            levels_held=Coalesce(
                Subquery(
                    Award.objects.current()
                    .filter(user=OuterRef("pk"))
                    .order_by()
                    .values("user")
                    .annotate(n=Count("level", distinct=True))
                    .values("n")[:1]
                ),
                0,
            ),
        )
        .order_by("first_name", "last_name", "email")
    )


def teams_with_counts(teams):
    return teams.annotate(member_count=Count("members", filter=Q(members__is_active=True), distinct=True))


@dataclass
class Home:
    """What the home page shows one person, one section per role they hold."""

    user: User
    roles: frozenset
    start_here: list = field(default_factory=list)
    recent: list = field(default_factory=list)
    my_teams: list = field(default_factory=list)
    managed_teams: list = field(default_factory=list)
    admin_counts: dict = field(default_factory=dict)
    core_products: list = field(default_factory=list)
    certifications_due: list = field(default_factory=list)


def home_for(user) -> Home:
    """Everything the home page needs for this person, in a fixed number of queries."""
    roles = user.roles
    home = Home(user=user, roles=roles)
    home.recent = recently_updated_content(limit=6)
    if Role.REP in roles:
        home.core_products = list(Product.objects.core())
        home.start_here = pages_not_viewed_by(user=user, products=home.core_products or None, limit=6)
        home.my_teams = list(user.teams.all())
        home.certifications_due = my_certifications(user=user).assigned[:3]
    if Role.MANAGER in roles:
        home.managed_teams = list(teams_with_counts(teams_managed_by(user)))
    if Role.ENABLEMENT_ADMIN in roles:
        now = timezone.now()
        home.admin_counts = User.objects.filter(is_active=True).aggregate(
            people=Count("pk", distinct=True),
            reps=Count("pk", filter=Q(groups__name=Role.REP.label), distinct=True),
            managers=Count("pk", filter=Q(groups__name=Role.MANAGER.label), distinct=True),
            judges=Count("pk", filter=Q(groups__name=Role.JUDGE.label), distinct=True),
        )
        home.admin_counts["open_invitations"] = Invitation.objects.filter(
            accepted_at__isnull=True, superseded_at__isnull=True, expires_at__gt=now
        ).count()
        home.admin_counts["live_pages"] = ContentPage.objects.live().count()
        home.admin_counts["teams"] = Team.objects.count()
    return home


def reach_by_page():
    """Per live content page: how many reps opened it, and how often it was viewed in all.

    Aggregated in the database with correlated subqueries, one row per page.
    """
    rep_group = Group.objects.filter(name=Role.REP.label).values("pk")[:1]
    # One row per (user, page) and per (user, group): a plain count is a count of distinct reps.
    rep_views = PageView.objects.filter(page=OuterRef("pk"), user__groups=Subquery(rep_group), user__is_active=True)
    return (
        ContentPage.objects.live()
        .select_related("content_type")
        .annotate(
            rep_viewers=Coalesce(
                Subquery(rep_views.order_by().values("page").annotate(n=Count("pk")).values("n")[:1]),
                0,
            ),
            total_views=Coalesce(
                Subquery(
                    PageView.objects.filter(page=OuterRef("pk"))
                    .order_by()
                    .values("page")
                    .annotate(n=Sum("count"))
                    .values("n")[:1]
                ),
                0,
            ),
            last_viewed=Subquery(
                PageView.objects.filter(page=OuterRef("pk"))
                .order_by()
                .values("page")
                .annotate(last=Max("last_seen"))
                .values("last")[:1]
            ),
        )
    )


def reach_by_team(*, page):
    """Per team: its reps, and how many of them opened the page."""
    return (
        Team.objects.annotate(
            rep_count=Count(
                "members",
                filter=Q(members__is_active=True, members__groups__name=Role.REP.label),
                distinct=True,
            ),
            viewers=Count(
                "members",
                filter=Q(
                    members__is_active=True,
                    members__groups__name=Role.REP.label,
                    members__page_views__page=page,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def share(part, whole) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


# --- Tips ------------------------------------------------------------------------

TIP_SORTS = {
    "helpful": ("Most helpful", ["-helpful_count", "-created_at"]),
    "newest": ("Newest", ["-created_at"]),
    "verified": ("Verified first", [F("verified_at").desc(nulls_last=True), "-created_at"]),
}


def tip_list(*, viewer, product=None, stage=None, sort="helpful", author=None, page=None, verified_only=False):
    """Tips the viewer may see, with their helpful and reply counts, ready for cards."""
    tips = Tip.objects.visible_to(viewer)
    if product is not None:
        tips = tips.filter(product=product)
    if stage is not None:
        tips = tips.filter(stage=stage)
    if author is not None:
        tips = tips.filter(author=author)
    if page is not None:
        tips = tips.filter(page=page)
    if verified_only:
        tips = tips.filter(verified_at__isnull=False)
    ordering = TIP_SORTS.get(sort, TIP_SORTS["helpful"])[1]
    return tips.with_counts().select_related("author", "product", "stage", "page").order_by(*ordering)


def tip_marked_by(*, viewer, tips) -> set:
    """Which of these tips the viewer has marked helpful (one query)."""
    return set(
        TipHelpfulMark.objects.filter(user=viewer, tip__in=[tip.pk for tip in tips]).values_list("tip_id", flat=True)
    )


def tip_detail(*, viewer, pk):
    return tip_list(viewer=viewer).get(pk=pk)


def tip_replies(*, tip):
    return list(tip.replies.select_related("author"))


def quarter_start(now=None):
    now = timezone.localtime(now or timezone.now())
    month = 3 * ((now.month - 1) // 3) + 1
    return now.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def top_contributors(*, since=None, limit=5):
    """People whose visible tips this quarter were marked helpful most (then who shared most).

    Aggregated from the tips side (a few thousand rows at most), then the people loaded by id.
    """
    since = since or quarter_start()
    rows = list(
        Tip.objects.filter(hidden_at__isnull=True, created_at__gte=since, author__is_active=True)
        .values("author")
        .annotate(tips_shared=Count("pk", distinct=True), helpful_received=Count("helpful_marks"))
        .order_by("-helpful_received", "-tips_shared", "author")[:limit]
    )
    people = User.objects.in_bulk([row["author"] for row in rows])
    leaders = []
    for row in rows:
        person = people[row["author"]]
        person.tips_shared, person.helpful_received = row["tips_shared"], row["helpful_received"]
        leaders.append(person)
    return leaders


def person_profile(*, viewer, pk):
    """A person's public face: their tips (visible to the viewer) and helpful marks received."""
    person = User.objects.filter(is_active=True).get(pk=pk)
    visible = Tip.objects.visible_to(viewer).filter(author=person)
    person.helpful_received = TipHelpfulMark.objects.filter(tip__in=visible.filter(hidden_at__isnull=True)).count()
    person.tips_shared = visible.filter(hidden_at__isnull=True).count()
    # Certifications earned may be shown to everyone; failures never are.
    person.certifications_held = list(
        Award.objects.current()
        .filter(user=person)
        .select_related("level", "certification")
        .order_by("certification__title", "level__number")
    )
    return person


def tip_search(tips, query):
    """Narrow tips to those containing every word of the query in the title or text."""
    for word in (query or "").split():
        tips = tips.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return tips


# Certifications ------------------------------------------------------------

DUE_SOON_DAYS = 14
EXPIRY_WARNING_DAYS = 30


@dataclass
class LevelRow:
    """One certification level as it stands for one person."""

    certification: Certification
    level: CertificationLevel
    award: Award | None = None
    due_date: date | None = None
    open_attempt: object = None
    prerequisite_met: bool = True
    today: date = field(default_factory=timezone.localdate)

    @property
    def overdue(self):
        return self.due_date is not None and self.award is None and self.due_date < self.today

    @property
    def due_soon(self):
        return (
            self.due_date is not None
            and self.award is None
            and self.today <= self.due_date <= self.today + timedelta(days=DUE_SOON_DAYS)
        )

    @property
    def days_left(self):
        return (self.due_date - self.today).days if self.due_date else None


@dataclass
class MyCertifications:
    assigned: list
    held: list
    next_steps: list
    open: list

    @property
    def is_empty(self):
        return not (self.assigned or self.held or self.next_steps or self.open)


def _assignments_for(user):
    team_ids = list(user.teams.values_list("pk", flat=True))
    return Assignment.objects.filter(Q(user=user) | Q(team_id__in=team_ids))


def _levels_prefetch():
    return Prefetch("levels", queryset=CertificationLevel.objects.select_related("quiz").order_by("number"))


def my_certifications(*, user, now=None) -> MyCertifications:
    """What the person is asked to hold and by when, what they hold and until when, and what comes next.

    Six queries whatever the numbers: teams, assignments, current awards, open
    attempts, certifications, their levels.
    """
    from assessments.models import Attempt

    now = now or timezone.now()
    due = {}
    for level_id, due_date in _assignments_for(user).values_list("level_id", "due_date"):
        due[level_id] = min(due_date, due.get(level_id, due_date))
    awards = list(
        Award.objects.current(now)
        .filter(user=user)
        .select_related("level", "certification__product")
        .order_by("certification__title", "level__number", "-awarded_at")
    )
    held = {}
    for award in awards:
        held.setdefault(award.level_id, award)
    open_attempts = {attempt.quiz_id: attempt for attempt in Attempt.objects.open().filter(user=user)}
    certifications = list(
        Certification.objects.filter(active=True)
        .filter(
            Q(open_to_all=True)
            | Q(pk__in=CertificationLevel.objects.filter(pk__in=list(due)).values("certification_id"))
            | Q(pk__in={award.certification_id for award in awards})
        )
        .select_related("product")
        .prefetch_related(_levels_prefetch())
        .order_by("title")
    )
    today = timezone.localdate()
    assigned, next_steps, open_ = [], [], []
    for certification in certifications:
        levels = list(certification.levels.all())
        held_numbers = {level.number for level in levels if level.pk in held}

        def row(level):
            return LevelRow(
                certification=certification,
                level=level,
                award=held.get(level.pk),
                due_date=due.get(level.pk),
                open_attempt=open_attempts.get(level.quiz_id) if level.quiz_id else None,
                prerequisite_met=level.number == 1 or level.number - 1 in held_numbers,
                today=today,
            )

        assigned_levels = [level for level in levels if level.pk in due and level.pk not in held]
        assigned += [row(level) for level in assigned_levels]
        if assigned_levels:
            continue
        following = [level for level in levels if level.number > max(held_numbers, default=0)]
        if held_numbers and following:
            next_steps.append(row(following[0]))
        elif not held_numbers and certification.open_to_all and levels:
            open_.append(row(levels[0]))
    assigned.sort(key=lambda item: (item.due_date, item.certification.title, item.level.number))
    held_rows = sorted(held.values(), key=lambda award: (award.certification.title, award.level.number))
    return MyCertifications(assigned=assigned, held=held_rows, next_steps=next_steps, open=open_)


@dataclass
class LevelDetail:
    level: CertificationLevel
    award: Award | None
    due_date: date | None
    prerequisite_met: bool
    can_take: bool
    availability: object
    attempts: list
    question_count: int
    renewable: bool

    @property
    def overdue(self):
        return self.due_date is not None and self.award is None and self.due_date < timezone.localdate()

    @property
    def offers_quiz(self):
        """The person may take (or renew) this level's quiz."""
        return self.can_take and self.prerequisite_met and (self.award is None or self.renewable)

    @property
    def expires_soon(self):
        return (
            self.award is not None
            and self.award.valid_until is not None
            and self.award.valid_until - timezone.now() <= timedelta(days=EXPIRY_WARNING_DAYS)
        )


def certification_for_person(*, user, certification: Certification, now=None) -> list:
    """Each level of a certification as it stands for the person: held, due, open attempt, attempts left."""
    from assessments.models import Attempt
    from assessments.selectors import attempt_availability

    from .permissions import can_take_level
    from .services import award_renewable

    now = now or timezone.now()
    levels = list(
        certification.levels.select_related("quiz").prefetch_related("quiz__sections").order_by("number")
    )
    held = {}
    for award in Award.objects.current(now).filter(user=user, certification=certification).order_by("-awarded_at"):
        held.setdefault(award.level_id, award)
    due = dict(
        _assignments_for(user)
        .filter(level__certification=certification)
        .values("level_id")
        .annotate(due=Min("due_date"))
        .values_list("level_id", "due")
    )
    quiz_ids = [level.quiz_id for level in levels if level.quiz_id]
    attempts = {}
    for attempt in Attempt.objects.filter(user=user, quiz_id__in=quiz_ids).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    may_take = bool(levels) and can_take_level(user, levels[0])
    held_numbers = {level.number for level in levels if level.pk in held}
    details = []
    for level in levels:
        award = held.get(level.pk)
        level_attempts = attempts.get(level.quiz_id, []) if level.quiz_id else []
        details.append(
            LevelDetail(
                level=level,
                award=award,
                due_date=due.get(level.pk),
                prerequisite_met=level.number == 1 or level.number - 1 in held_numbers,
                can_take=bool(may_take and level.quiz_id),
                availability=attempt_availability(quiz=level.quiz, attempts=level_attempts, now=now)
                if level.quiz_id
                else None,
                attempts=[attempt for attempt in reversed(level_attempts) if not attempt.is_open],
                question_count=sum(section.count for section in level.quiz.sections.all()) if level.quiz_id else 0,
                renewable=award is not None and award_renewable(award, now),
            )
        )
    return details


def award_history(*, user, certification=None):
    """Every award the person has had, revoked and expired ones included."""
    awards = Award.objects.filter(user=user).select_related("level", "certification", "granted_by", "revoked_by")
    if certification is not None:
        awards = awards.filter(certification=certification)
    return awards.order_by("-awarded_at")


def quiz_results(*, person):
    """A person's submitted quiz attempts, newest first (private: callers check who may see them)."""
    from assessments.models import Attempt

    return Attempt.objects.submitted().filter(user=person).select_related("quiz").order_by("-submitted_at")

"""Reads of people, teams, home pages and reach."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.selectors import judge_queue, judge_queue_counts
from content.models import ContentPage, Product
from content.selectors import pages_not_viewed_by, recently_updated_content

from ..models import Award, Invitation, ReachRefresh, RepTier, Role, Team, TeamPageReach, User
from .evaluations import observations_waiting_for
from .home import rep_todo
from .readiness import waiting_action

REACH_WINDOW_DAYS = 30
HOME_SCORECARDS = 5
HOME_WAITING = 10
# Who may be asked to observe a call (managers) or to countersign one (managers, judges, enablement admins).
OBSERVING_ROLES = frozenset({Role.MANAGER, Role.JUDGE, Role.ENABLEMENT_ADMIN})


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
    tier_status: object = None
    todo: object = None  # a rep's to-do list (selectors.home.RepTodo): coming up, just happened, the next step
    judge_counts: dict = field(default_factory=dict)
    judge_due: list = field(default_factory=list)
    waiting: list = field(default_factory=list)  # field observations waiting on the person, oldest call first
    waiting_more: bool = False


def home_for(user) -> Home:
    """Everything the home page needs for this person, in a fixed number of queries."""
    roles = user.roles
    home = Home(user=user, roles=roles)
    home.recent = recently_updated_content(limit=6)
    if Role.REP in roles:
        home.core_products = list(Product.objects.core())
        home.start_here = pages_not_viewed_by(user=user, products=home.core_products or None, limit=6)
        home.my_teams = list(user.teams.all())
        home.tier_status = RepTier.objects.select_related("tier", "next_tier").filter(user=user).first()
        home.todo = rep_todo(user=user, teams=home.my_teams, tier_status=home.tier_status)
    if Role.JUDGE in roles:
        now = timezone.now()
        home.judge_counts = judge_queue_counts(judge=user, now=now)
        home.judge_due = list(judge_queue(judge=user, tab="due", now=now)[:HOME_SCORECARDS])
        for card in home.judge_due:
            card.overdue = card.evaluation.due_at is not None and card.evaluation.due_at < now
    if roles & OBSERVING_ROLES:
        waiting = list(observations_waiting_for(manager=user)[: HOME_WAITING + 1])
        home.waiting, home.waiting_more = waiting[:HOME_WAITING], len(waiting) > HOME_WAITING
        for evaluation in home.waiting:
            evaluation.waiting_action = waiting_action(evaluation, user)
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
    """Per live content page: how many reps opened it, how often it was viewed in all and when last, as of the
    reach rollup's last refresh (services.reach_rollup_refresh): one join to the rollup, no views read."""
    return (
        ContentPage.objects.live()
        .select_related("content_type")
        .annotate(
            rep_viewers=Coalesce(F("reach__rep_viewers"), 0),
            total_views=Coalesce(F("reach__total_views"), 0),
            last_viewed=F("reach__last_viewed"),
        )
    )


def reach_by_team(*, page):
    """Per team: its active reps now, and how many of them had opened the page at the rollup's last refresh."""
    return (
        Team.objects.annotate(
            rep_count=Count(
                "members",
                filter=Q(members__is_active=True, members__groups__name=Role.REP.label),
                distinct=True,
            ),
            viewers=Coalesce(Subquery(TeamPageReach.objects.filter(team=OuterRef("pk"), page=page).values("viewers")[:1]), 0),
        )
        .order_by("name")
    )


def reach_refreshed():
    """When the reach rollup was last rebuilt and the reps it counted (None: never yet)."""
    return ReachRefresh.objects.first()


def share(part, whole) -> float:
    return round(100 * part / whole, 1) if whole else 0.0

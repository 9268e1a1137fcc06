"""A manager's weekly digest: their teams' progress over the week, what is overdue, and what waits on them."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q

from ..models import Award, Role, Team, User
from .evaluations import observations_waiting_for
from .impact import impact_scope, overdue_levels_for

DIGEST_ITEMS = 20  # each list in the email shows at most this many, and says how many more


@dataclass
class TeamDigest:
    manager: User
    teams: list  # the names of the teams they manage
    reps: int
    earned: list  # the week's awards to their reps, newest first (at most DIGEST_ITEMS)
    earned_total: int
    overdue: list  # (rep, OverdueLevel), soonest due first (at most DIGEST_ITEMS)
    overdue_total: int
    waiting: list  # field observations waiting on the manager (at most DIGEST_ITEMS)
    waiting_total: int

    @property
    def has_news(self) -> bool:
        return bool(self.earned_total or self.overdue_total or self.waiting_total)


def managers_with_teams():
    """Active managers who manage at least one team, by id."""
    managed = Team.managers.through.objects.values("user_id")
    return User.objects.filter(is_active=True, groups__name=Role.MANAGER.label, pk__in=managed).order_by("pk")


def team_digest(*, manager, now) -> TeamDigest:
    """The digest of the week up to `now` for `manager` (their teams' active reps only): a fixed number of queries,
    whatever the size of the teams."""
    scope = impact_scope(viewer=manager)
    teams = list(scope.teams.order_by("name").values_list("name", flat=True))
    rep_ids = list(scope.reps().values_list("pk", flat=True))
    earned = (
        Award.objects.filter(user__in=rep_ids, revoked_at__isnull=True, awarded_at__gt=now - timedelta(days=7), awarded_at__lte=now)
        .select_related("user", "certification", "level")
        .order_by("-awarded_at", "-pk")
    )
    overdue_by_rep = overdue_levels_for(scope=scope, rep_ids=rep_ids, now=now)
    reps_by_id = {rep.pk: rep for rep in User.objects.filter(pk__in=list(overdue_by_rep))}
    overdue = sorted(
        ((reps_by_id[pk], level) for pk, levels in overdue_by_rep.items() for level in levels),
        key=lambda item: (item[1].due_date, item[0].display_name),
    )
    waiting = observations_waiting_for(manager=manager).filter(~Q(performer=manager))
    return TeamDigest(
        manager=manager, teams=teams, reps=len(rep_ids),
        earned=list(earned[:DIGEST_ITEMS]), earned_total=earned.count(),
        overdue=overdue[:DIGEST_ITEMS], overdue_total=len(overdue),
        waiting=list(waiting[:DIGEST_ITEMS]), waiting_total=waiting.count(),
    )  # fmt: skip

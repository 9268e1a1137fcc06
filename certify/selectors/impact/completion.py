"""Assignment completion per team: the rep × level pairs assigned to each team's reps, how many are held now and
how many are overdue — counted per membership by correlated subqueries, then summed per team in one query.

Each membership's subqueries start from the rep's own assignments (made to them, or to a team of theirs, found by
index through their memberships), and the levels counted are a condition on the counts, not on the rows: a
condition on the rows would let the database start from the level's assignments to every team instead."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ...charts import percent
from ...models import Assignment, Role, Team
from .scope import ImpactScope, assignment_asks
from .struggling import held_now

COMPLETION_PAGE_SIZE = 25


@dataclass
class TeamCompletion:
    team: Team
    reps: int
    assigned: int  # rep × level pairs: a level assigned to a rep, directly or through any team of theirs
    held: int  # of those, held now
    overdue: int  # of those, due before today and not held now

    @property
    def completion(self) -> float | None:
        return percent(self.held, self.assigned)


def completion_teams(scope: ImpactScope):
    """The teams counted: the one the filter chose, or every team the viewer may read, by name."""
    if scope.team is not None:
        return Team.objects.filter(pk=scope.team.pk)
    return scope.teams.order_by("name", "pk")


def completion_for(*, scope: ImpactScope, teams: list, now=None) -> list:
    """A TeamCompletion per team in `teams` (already loaded), in their order: one query whatever the numbers."""
    now = now or timezone.now()
    if not teams:
        return []
    counted = Q(level__certification__active=True)
    if scope.certification is not None:
        counted &= Q(level__certification=scope.certification)
    assigned = Assignment.objects.filter(assignment_asks(OuterRef("user_id"))).annotate(
        held=held_now(now=now, user=OuterRef(OuterRef("user_id")), level=OuterRef("level"))
    )

    def levels(condition):
        """How many distinct levels of the membership's rep's assignments meet `condition` (0 when none)."""
        whole = assigned.order_by().annotate(_whole=Value(1)).values("_whole")
        count = whole.annotate(n=Count("level", distinct=True, filter=counted & condition)).values("n")
        return Coalesce(Subquery(count, output_field=IntegerField()), 0)

    memberships = (
        Team.members.through.objects.filter(
            team_id__in=[team.pk for team in teams], user__is_active=True, user__groups__name=Role.REP.label
        )
        .annotate(
            _assigned=levels(Q()),
            _held=levels(Q(held=True)),
            _overdue=levels(Q(held=False, due_date__lt=scope.today)),
        )
        .order_by()
        .values("team_id")
        .annotate(reps=Count("user_id"), assigned=Sum("_assigned"), held=Sum("_held"), overdue=Sum("_overdue"))
    )
    figures = {row["team_id"]: row for row in memberships}
    empty = {"reps": 0, "assigned": 0, "held": 0, "overdue": 0}
    return [
        TeamCompletion(
            team=team,
            **{name: figures.get(team.pk, empty)[name] or 0 for name in ("reps", "assigned", "held", "overdue")},
        )
        for team in teams
    ]


@dataclass
class Completion:
    scope: ImpactScope
    page_obj: object
    rows: list  # TeamCompletion for the page's teams


def completion_page(*, scope: ImpactScope, page=None, now=None) -> Completion:
    """One page of teams with their figures: three queries (how many teams, the page of them, their figures)."""
    page_obj = Paginator(completion_teams(scope), COMPLETION_PAGE_SIZE).get_page(page)
    teams = list(page_obj.object_list)
    return Completion(scope=scope, page_obj=page_obj, rows=completion_for(scope=scope, teams=teams, now=now))


def completion_batches(*, scope: ImpactScope, batch=200, now=None):
    """Every team counted, with its figures, in batches of `batch`: two queries a batch."""
    teams = completion_teams(scope)
    start = 0
    while True:
        chunk = list(teams[start : start + batch])
        if not chunk:
            return
        yield completion_for(scope=scope, teams=chunk, now=now)
        if len(chunk) < batch:
            return
        start += batch

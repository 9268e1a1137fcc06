"""Whose facts an impact page counts: the reps an enablement admin or a manager may read figures about."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import OuterRef, Q, QuerySet
from django.utils import timezone

from ...models import Certification, Role, Team, User

# The windows an impact page may count over, in months (the filter offers these and nothing else).
WINDOW_MONTHS = (3, 6, 12, 24)
DEFAULT_WINDOW_MONTHS = 12
# How figures name reps who have not reached any tier.
NO_TIER = "No tier yet"


def impact_teams_for(user) -> QuerySet:
    """Enablement admins read every team; a manager reads only the teams they manage; anyone else none."""
    if not user.is_authenticated:
        return Team.objects.none()
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return Team.objects.all()
    if user.has_role(Role.MANAGER):
        return Team.objects.filter(managers=user)
    return Team.objects.none()


@dataclass
class ImpactScope:
    """The reps counted, the certification looked at (or all), and the window of time, for one reader."""

    viewer: User
    teams: QuerySet  # every team the viewer may read
    team: Team | None  # the one chosen, or None for all of them
    certification: Certification | None
    months: int
    today: date

    @property
    def is_admin(self) -> bool:
        return self.viewer.has_role(Role.ENABLEMENT_ADMIN)

    @property
    def window_start(self) -> date:
        return self.today - timedelta(days=round(self.months * 365.25 / 12))

    @property
    def window_start_moment(self):
        return timezone.make_aware(timezone.datetime.combine(self.window_start, timezone.datetime.min.time()))

    def reps(self) -> QuerySet:
        """The active reps counted: the chosen team's, the viewer's teams' (a manager), or every rep (an admin)."""
        reps = User.objects.filter(is_active=True, groups__name=Role.REP.label)
        if self.team is not None:
            return reps.filter(pk__in=Team.members.through.objects.filter(team=self.team).values("user_id"))
        if self.is_admin:
            return reps
        # The members of the viewer's teams as a set of ids: no DISTINCT over a join, and the database starts from
        # those few members rather than from every rep.
        return reps.filter(pk__in=Team.members.through.objects.filter(team__in=self.teams).values("user_id"))

    def rep_ids(self) -> QuerySet:
        """The reps counted as a subquery of ids, for `__in` filters that stay one query."""
        return self.reps().values("pk")

    def rollup_rows(self, queryset: QuerySet) -> QuerySet:
        """Rows of a rollup (models.progress) about the reps counted: for every rep (an admin, no team chosen) the
        rows marked as an active rep's at the refresh — a column, not a join over every rep's groups; else the
        rows of the scope's reps."""
        if self.team is None and self.is_admin:
            return queryset.filter(active_rep=True)
        return queryset.filter(user__in=self.rep_ids())


def impact_scope(*, viewer, team=None, certification=None, months=DEFAULT_WINDOW_MONTHS, today=None) -> ImpactScope:
    """The scope for `viewer`; a `team` they may not read is refused by the form that chose it, never here."""
    return ImpactScope(
        viewer=viewer,
        teams=impact_teams_for(viewer),
        team=team,
        certification=certification,
        months=months if months in WINDOW_MONTHS else DEFAULT_WINDOW_MONTHS,
        today=today or timezone.localdate(),
    )


def deeper(ref):
    """A rep given as a pk stays a pk one subquery deeper; an OuterRef becomes an OuterRef of it."""
    return ref if isinstance(ref, int) else OuterRef(ref)


def teams_of_rep(rep):
    """The ids of the teams `rep` (a pk, or an OuterRef of the subquery this is nested in) belongs to."""
    return Team.members.through.objects.filter(user=rep).values("team_id")


def assignment_asks(rep) -> Q:
    """The one rule for an Assignment asking `rep` (a pk or an OuterRef) to hold its level: made to them, or to a
    team of theirs.

    The team side is an IN over the rep's own memberships, so the database finds a rep's few assignments by index
    (through the rep's teams) instead of joining every member of every team assigned a level."""
    return Q(user=rep) | Q(team__in=teams_of_rep(deeper(rep)))

"""A team's readiness: for each rep, where they stand on each certification that matters to the team."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus

from ..models import Assignment, Award, Certification, CertificationLevel, LevelNumber, Role, Team
from .certifications import EXPIRY_WARNING_DAYS
from .evaluations import observations_waiting_for

READINESS_PAGE_SIZE = 25


@dataclass
class ReadinessCell:
    """One rep on one certification: the highest level held now, and what needs attention."""

    certification: Certification
    top_level: int | None = None
    expires: date | None = None  # the soonest end, within EXPIRY_WARNING_DAYS, of a level held now
    expires_level: int | None = None
    recertify_by: date | None = None  # the level's content changed: the soonest day to take it again by
    recertify_level: int | None = None
    due_date: date | None = None  # the soonest assigned level not held now
    due_level: int | None = None
    overdue: bool = False
    open_request: Evaluation | None = None  # a level 2 evaluation or level 3 observation under way
    observe_level: CertificationLevel | None = None  # level 3 the viewer may start observing

    @property
    def is_empty(self) -> bool:
        return not (self.top_level or self.expires or self.due_date or self.open_request or self.observe_level)


@dataclass
class ReadinessRow:
    rep: object
    cells: list
    waiting: list = field(default_factory=list)  # observations from this rep waiting on the viewer


@dataclass
class CertificationTotals:
    certification: Certification
    numbers: list  # the level numbers the certification has
    held: dict  # {level number: reps holding it now}

    def counts(self) -> list:
        """(level number, reps holding it, whether the certification has that level) for levels 1–3."""
        return [(number, self.held.get(number, 0), number in self.numbers) for number in LevelNumber.values]


@dataclass
class Readiness:
    team: Team
    certifications: list  # every certification that matters to the team (for the filter)
    shown: list  # the columns: all of them, or the one filtered on
    totals: list
    page_obj: object
    rows: list
    rep_count: int
    can_observe: bool


def team_reps(team):
    """The team's active reps, by name."""
    return team.members.filter(is_active=True, groups__name=Role.REP.label).order_by("first_name", "last_name", "email")


def team_certifications(team):
    """Active certifications that matter to the team: open to everyone, or assigned to the team or one of its
    members (directly or through another of their teams). With their levels (two queries)."""
    members = team.members.all().values("pk")
    assigned = Assignment.objects.filter(
        Q(team=team) | Q(user__in=members) | Q(team__in=Team.objects.filter(members__in=members).values("pk"))
    ).values("level__certification_id")
    return (
        Certification.objects.filter(active=True)
        .filter(Q(open_to_all=True) | Q(pk__in=assigned))
        .prefetch_related(Prefetch("levels", queryset=CertificationLevel.objects.order_by("number")))
        .order_by("title")
    )


def team_readiness(*, team, viewer, certifications=None, only=None, page=None, now=None) -> Readiness:
    """One page of the team's reps against the certifications that matter to the team (`certifications`, as
    team_certifications loaded them, or loaded here), or against `only` one of them.

    A fixed number of queries whatever the numbers: the certifications with their levels (2), whether the viewer
    manages the team (1), the number of reps and the page of them (2), then over the page's reps: their teams,
    current awards grouped per rep × level, assignments, open evaluations and what waits on the viewer (5), and
    the totals per certification over every rep of the team, aggregated in the database (1).
    """
    now = now or timezone.now()
    certifications = list(team_certifications(team)) if certifications is None else certifications
    shown = [only] if only is not None else certifications
    can_observe = Role.MANAGER in viewer.roles and team.managers.filter(pk=viewer.pk).exists()
    reps = team_reps(team)
    page_obj = Paginator(reps, READINESS_PAGE_SIZE).get_page(page)
    reps_on_page = list(page_obj.object_list)
    rows = readiness_rows(reps=reps_on_page, certifications=shown, viewer=viewer, can_observe=can_observe, now=now)
    return Readiness(
        team=team,
        certifications=certifications,
        shown=shown,
        totals=readiness_totals(reps=reps, certifications=shown, now=now),
        page_obj=page_obj,
        rows=rows,
        rep_count=page_obj.paginator.count,
        can_observe=can_observe,
    )


def readiness_totals(*, reps, certifications, now=None) -> list:
    """How many of `reps` hold each level of each certification now (one query, counted in the database)."""
    now = now or timezone.now()
    if not certifications:
        return []
    held = {}
    rows = (
        Award.objects.current(now)
        .filter(user__in=reps.order_by().values("pk"), certification__in=[c.pk for c in certifications])
        .order_by()
        .values("certification_id", "level__number")
        .annotate(reps=Count("user", distinct=True))
    )
    for row in rows:
        held.setdefault(row["certification_id"], {})[row["level__number"]] = row["reps"]
    return [
        CertificationTotals(
            certification=certification,
            numbers=[level.number for level in certification.levels.all()],
            held=held.get(certification.pk, {}),
        )
        for certification in certifications
    ]


def readiness_rows(*, reps: list, certifications: list, viewer, can_observe=False, now=None) -> list:
    """A ReadinessRow per rep in `reps` (already loaded), a cell per certification (levels prefetched).

    Five queries whatever the numbers: the reps' teams, their current awards (grouped per rep × level), the
    assignments to them or their teams, their open evaluations, and the observations waiting on the viewer.
    """
    now = now or timezone.now()
    if not reps:
        return []
    rep_ids = [rep.pk for rep in reps]
    certification_ids = [certification.pk for certification in certifications]
    today = timezone.localdate(now)
    warn_until = now + timedelta(days=EXPIRY_WARNING_DAYS)

    # Current awards, one row per rep × level: whether one never ends, else the latest end.
    held = {}  # (rep, certification) -> {number: end or None}
    held_levels = set()  # (rep, level)
    awards = (
        Award.objects.current(now)
        .filter(user_id__in=rep_ids, certification_id__in=certification_ids)
        .order_by()
        .values("user_id", "certification_id", "level_id", "level__number")
        .annotate(
            ends=Max("valid_until"), forever=Count("pk", filter=Q(valid_until__isnull=True)), recertify=Min("recertify_by")
        )
    )
    recertify = {}  # (rep, certification) -> (the soonest day to recertify by, level number)
    for row in awards:
        ends = None if row["forever"] else row["ends"]
        key = (row["user_id"], row["certification_id"])
        held.setdefault(key, {})[row["level__number"]] = ends
        held_levels.add((row["user_id"], row["level_id"]))
        if row["recertify"] is not None and (key not in recertify or row["recertify"] < recertify[key][0]):
            recertify[key] = (row["recertify"], row["level__number"])

    # Assignments to the reps or to any of their teams; the earliest due date per rep × level.
    teams_of = {}
    for user_id, team_id in Team.members.through.objects.filter(user_id__in=rep_ids).values_list("user_id", "team_id"):
        teams_of.setdefault(team_id, []).append(user_id)
    due = {}  # (rep, certification) -> (due date, level number), the soonest not held
    assigned = set()  # (rep, certification): the rep may take it, as can_take_level has it
    assignments = Assignment.objects.filter(level__certification_id__in=certification_ids).filter(
        Q(user_id__in=rep_ids) | Q(team_id__in=list(teams_of))
    )
    for user_id, team_id, level_id, certification_id, number, due_date in assignments.values_list(
        "user_id", "team_id", "level_id", "level__certification_id", "level__number", "due_date"
    ):
        for rep_id in [user_id] if user_id else teams_of.get(team_id, []):
            assigned.add((rep_id, certification_id))
            if (rep_id, level_id) in held_levels:
                continue
            key = (rep_id, certification_id)
            if key not in due or (due_date, number) < due[key]:
                due[key] = (due_date, number)

    # Level 2 evaluations and level 3 observations under way.
    open_requests = {}
    for evaluation in (
        Evaluation.objects.open()
        .filter(performer_id__in=rep_ids, level_link__level__certification_id__in=certification_ids)
        .select_related("level_link__level")
        .order_by("requested_at", "pk")
    ):
        open_requests.setdefault((evaluation.performer_id, evaluation.level_link.level.certification_id), evaluation)

    waiting = {}
    for evaluation in observations_waiting_for(manager=viewer).filter(performer_id__in=rep_ids):
        evaluation.waiting_action = waiting_action(evaluation, viewer)
        waiting.setdefault(evaluation.performer_id, []).append(evaluation)

    rows = []
    for rep in reps:
        cells = []
        for certification in certifications:
            key = (rep.pk, certification.pk)
            levels = held.get(key, {})
            cell = ReadinessCell(certification=certification, top_level=max(levels, default=None))
            ending = sorted((ends, number) for number, ends in levels.items() if ends is not None and ends <= warn_until)
            if ending:
                ends, cell.expires_level = ending[0]
                cell.expires = timezone.localdate(ends)
            if key in recertify:
                cell.recertify_by, cell.recertify_level = recertify[key]
            if key in due:
                cell.due_date, cell.due_level = due[key]
                cell.overdue = cell.due_date < today
            cell.open_request = open_requests.get(key)
            may_take = certification.open_to_all or key in assigned
            if can_observe and may_take and rep.pk != viewer.pk and cell.open_request is None:
                cell.observe_level = _observable_level(certification, levels)
            cells.append(cell)
        rows.append(ReadinessRow(rep=rep, cells=cells, waiting=waiting.get(rep.pk, [])))
    return rows


def waiting_action(evaluation, viewer) -> str:
    """What a field observation waits for from the viewer, in their words."""
    if evaluation.status == EvaluationStatus.COUNTERSIGN and evaluation.countersigner_id == viewer.pk:
        return "Countersign"
    if evaluation.status == EvaluationStatus.REQUESTED:
        return "Answer the request"
    return "Score the call"


def _observable_level(certification, levels: dict):
    """Level 3 of the certification, when it is observed with a guide and the rep holds level 2 but not level 3."""
    level3 = next((level for level in certification.levels.all() if level.number == LevelNumber.FIELD), None)
    if level3 is None or level3.guide_id is None:
        return None
    if LevelNumber.APPLICATION not in levels or LevelNumber.FIELD in levels:
        return None
    return level3

"""The readiness index: one number per rep, team and certification, by a formula printed on the page.

For a rep, over the levels required of them (assigned to them, or to a team they belong to):

    index = 100 × Σ weight(required level held now) ÷ Σ weight(required level)
            − overdue penalty × required levels not held by their due date
            − expiring penalty × required levels held whose every award ends within EXPIRY_WARNING_DAYS

kept between 0 and 100. A rep with nothing required (or whose required levels weigh nothing) has no index.
A team's index is the mean of its reps' indexes; a certification's the mean, over the reps required to hold a
level of it, of their index counted on that certification's levels alone.

Everything is counted in the database: each rep's index is one correlated subquery over the levels required of
them, so a page asks a fixed number of queries whatever the number of reps, levels and awards.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, NullIf
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from ...models import (
    DEFAULT_WEIGHTS,
    Assignment,
    Award,
    Certification,
    CertificationLevel,
    ReadinessFormula,
    Role,
    Team,
    User,
)
from ..certifications import EXPIRY_WARNING_DAYS
from .scope import ImpactScope, assignment_asks, deeper, teams_of_rep

READINESS_PAGE_SIZE = 25
READINESS_TEAMS_PAGE_SIZE = 20


def readiness_formula_current(*, at=None) -> ReadinessFormula:
    """The weights in force now (or at the moment `at`): the latest version saved by then, or version 1 with the
    default weights while none is (that version is saved the first time an admin changes the weights)."""
    formulas = ReadinessFormula.objects.order_by("-version")
    if at is not None:
        formulas = formulas.filter(created_at__lte=at)
    return formulas.first() or ReadinessFormula(version=1, **DEFAULT_WEIGHTS)


def readiness_formula_history():
    """Every version of the weights, newest first, with who saved it."""
    return ReadinessFormula.objects.select_related("created_by").order_by("-version")


def held_at(moment) -> Q:
    """An award held at `moment`: awarded by then, and neither revoked nor ended by then (the past reads alike)."""
    return (
        Q(awarded_at__lte=moment)
        & (Q(revoked_at__isnull=True) | Q(revoked_at__gt=moment))
        & (Q(valid_until__isnull=True) | Q(valid_until__gt=moment))
    )


def required_levels(*, rep, now, certification=None):
    """The active levels required of `rep` at `now` (a pk, or an OuterRef to the rep of an enclosing query), each
    annotated: `due` (the earliest due date of its assignments), `held` (held at `now`) and `lasting` (an award of
    it held at `now` runs past EXPIRY_WARNING_DAYS from then, or never ends). `certification`, when given (a
    certification, a pk or an OuterRef), keeps only its levels."""
    rep_below = deeper(rep)
    assigned = Assignment.objects.filter(level=OuterRef("pk"), assigned_at__lte=now).filter(assignment_asks(rep_below))
    held = Award.objects.filter(held_at(now), user=rep_below, level=OuterRef("pk"))
    warn_until = now + timedelta(days=EXPIRY_WARNING_DAYS)
    levels = CertificationLevel.objects.filter(certification__active=True).filter(Exists(assigned))
    if certification is not None:
        levels = levels.filter(certification=certification)
    return levels.annotate(
        due=Subquery(assigned.order_by("due_date").values("due_date")[:1]),
        held=Exists(held),
        lasting=Exists(held.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=warn_until))),
    )


def required_assignments(*, rep, now):
    """The same levels as `required_levels`, one row each, read from the rep's side: of the assignments asking
    `rep` for a level at `now`, the one due first (ties to the lowest id), so its `due` is the level's earliest due
    date — annotated `due`, `held`, `lasting` and `number` (the level's) like `required_levels`.

    Starting from the rep's own assignments (by index, a handful) rather than from every level keeps the
    per-rep subquery cheap; the two "is there an earlier one" checks look up (level, rep) and (level, team)."""
    rep_below = deeper(rep)
    earlier = Assignment.objects.filter(level=OuterRef("level"), assigned_at__lte=now).filter(
        Q(due_date__lt=OuterRef("due_date")) | Q(due_date=OuterRef("due_date"), pk__lt=OuterRef("pk"))
    )
    held = Award.objects.filter(held_at(now), user=rep_below, level=OuterRef("level"))
    warn_until = now + timedelta(days=EXPIRY_WARNING_DAYS)
    rows = (
        Assignment.objects.filter(assigned_at__lte=now, level__certification__active=True)
        .filter(assignment_asks(rep))
        .filter(~Exists(earlier.filter(user=rep_below)))
        .filter(~Exists(earlier.filter(team__in=teams_of_rep(deeper(rep_below)))))
    )
    return rows.annotate(
        number=F("level__number"),
        due=F("due_date"),
        held=Exists(held),
        lasting=Exists(held.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=warn_until))),
    )


def _weight(formula):
    return Case(
        *[When(number=number, then=Value(float(formula.weight_of(number)))) for number in (1, 2, 3)],
        default=Value(0.0),
        output_field=FloatField(),
    )


def _facts(formula, today, certification=None):
    """The aggregates over a rep's required levels that the index is made of; with `certification` (a
    certification, a pk or an OuterRef) over its levels alone.

    The certification is a condition on each aggregate, not on the rows: filtering the rows by it lets the
    database start from the certification's assignments (every team's) instead of the rep's own few."""

    def where(condition=None):
        if certification is None:
            return condition
        only = Q(level__certification=certification)
        return only if condition is None else condition & only

    weight = _weight(formula)
    return {
        "required": Count("pk", filter=where()),
        "held_count": Count("pk", filter=where(Q(held=True))),
        "required_weight": Sum(weight, filter=where()),
        "held_weight": Sum(
            Case(When(held=True, then=weight), default=Value(0.0), output_field=FloatField()), filter=where()
        ),
        "overdue": Count("pk", filter=where(Q(held=False, due__lt=today))),
        "expiring": Count("pk", filter=where(Q(held=True, lasting=False))),
    }


def _index(formula, today, certification=None):
    facts = _facts(formula, today, certification)
    raw = ExpressionWrapper(
        Value(100.0) * facts["held_weight"] / NullIf(facts["required_weight"], Value(0.0))
        - Value(float(formula.overdue_penalty)) * facts["overdue"]
        - Value(float(formula.expiring_penalty)) * facts["expiring"],
        output_field=FloatField(),
    )
    # `raw` written once (a CASE comparing it with 0 and with 100 would repeat every held-award check in it three
    # times); GREATEST/LEAST skip a NULL on PostgreSQL, so the no-index case is its own branch (weights are >= 0).
    return Case(
        When(GreaterThan(facts["required_weight"], Value(0.0)), then=Least(Greatest(raw, Value(0.0)), Value(100.0))),
        default=Value(None),
        output_field=FloatField(),
    )


def _one_row(queryset, **aggregates):
    """`queryset` aggregated whole into one row (no GROUP BY), to be read as a scalar subquery."""
    return queryset.order_by().annotate(_whole=Value(1)).values("_whole").annotate(**aggregates)


def rep_index(*, rep, formula, now, today, certification=None):
    """The readiness index of `rep` (an OuterRef to the rep of the enclosing query, or a pk) as one scalar
    subquery; None when nothing is required of them."""
    levels = required_assignments(rep=rep, now=now)
    return Subquery(_one_row(levels, value=_index(formula, today, certification)).values("value"), output_field=FloatField())


def rep_fact(name, *, rep, formula, now, today, certification=None):
    """One of the facts behind a rep's index ("required", "held_count", "overdue", "expiring", ...) as a subquery."""
    levels = required_assignments(rep=rep, now=now)
    aggregate = _facts(formula, today, certification)[name]
    return Subquery(_one_row(levels, value=aggregate).values("value"), output_field=aggregate.output_field)


@dataclass
class ReadinessOverview:
    scope: ImpactScope
    formula: ReadinessFormula
    mean: float | None  # the scope's index: the mean of its reps'
    indexed: int  # reps with an index
    reps: int  # reps counted
    teams_page: object  # rows: {"team_id", "team__name", "mean", "indexed", "reps"}
    certifications: list  # Certification rows annotated with mean, indexed
    reps_page: object  # User rows annotated with index, required, held_count, overdue, expiring


def _moments(scope, now):
    now = now or timezone.now()
    return now, scope.today


REP_FACTS = ("required", "held_count", "overdue", "expiring")


def _rep_facts(*, scope, formula, now, today):
    common = {"rep": OuterRef("pk"), "formula": formula, "now": now, "today": today, "certification": scope.certification}
    return {name: rep_fact(name, **common) for name in REP_FACTS}


def readiness_reps(*, scope: ImpactScope, formula: ReadinessFormula, now=None, facts=True):
    """The scope's reps with their index and (unless `facts` is False) the facts behind it, lowest index first (no
    index last)."""
    now, today = _moments(scope, now)
    index = rep_index(rep=OuterRef("pk"), formula=formula, now=now, today=today, certification=scope.certification)
    reps = scope.reps().annotate(index=index)
    if facts:
        reps = reps.annotate(**_rep_facts(scope=scope, formula=formula, now=now, today=today))
    return reps.order_by(F("index").asc(nulls_last=True), "first_name", "last_name", "pk")


def _add_rep_facts(reps: list, *, scope, formula, now):
    """Set the facts behind the index on `reps` (a page of them) in one query, so the facts are counted for the
    page alone while the index orders every rep."""
    if not reps:
        return
    now, today = _moments(scope, now)
    found = {
        row["pk"]: row
        for row in User.objects.filter(pk__in=[rep.pk for rep in reps])
        .annotate(**_rep_facts(scope=scope, formula=formula, now=now, today=today))
        .values("pk", *REP_FACTS)
    }
    for rep in reps:
        for name in REP_FACTS:
            setattr(rep, name, found[rep.pk][name])


def _teams_of(scope):
    if scope.team is not None:
        return Team.objects.filter(pk=scope.team.pk)
    return scope.teams


def _memberships(scope):
    """The memberships of the scope's reps in the teams counted. The teams are already the viewer's (or the one
    chosen), so a member counts when they are an active rep — checked for each membership's own user (an IN over
    every rep of the scope, or a join from the reps, would be probed once per team for every rep)."""
    a_rep = User.objects.filter(pk=OuterRef("user_id"), is_active=True, groups__name=Role.REP.label)
    memberships = Team.members.through.objects.filter(Exists(a_rep))
    if scope.team is None and scope.is_admin:
        return memberships  # every team: an IN over all of them would be probed once per rep
    return memberships.filter(team__in=_teams_of(scope).values("pk"))


def readiness_team_rows(*, scope: ImpactScope):
    """The teams `readiness_teams` lists, with how many reps each has, without their index (to page through)."""
    return (
        _memberships(scope).values("team_id", "team__name").annotate(reps=Count("user_id")).order_by("team__name", "team_id")
    )


def readiness_teams(*, scope: ImpactScope, formula: ReadinessFormula, now=None, team_ids=None):
    """Per team the viewer may read (or the one chosen; or of those, the `team_ids` given): the mean index of its
    reps, how many have one, how many reps it has — one GROUP BY over team memberships, by team name."""
    now, today = _moments(scope, now)
    memberships = _memberships(scope)
    if team_ids is not None:
        memberships = memberships.filter(team_id__in=team_ids)
    index = rep_index(rep=OuterRef("user_id"), formula=formula, now=now, today=today, certification=scope.certification)
    return (
        memberships.annotate(index=index)
        .values("team_id", "team__name")
        .annotate(mean=Avg("index"), indexed=Count("index"), reps=Count("user_id"))
        .order_by("team__name", "team_id")
    )


def _asked_per_certification(*, scope: ImpactScope, now):
    """One row per rep of the scope and active certification they are asked for a level of at `now`: an assignment
    joined to the reps it asks (the rep it was made to, or each member of the team), keeping, of a rep's
    assignments on one certification, the first by level and id. Annotated `rep` and `certification`."""
    rep = Coalesce(F("user"), F("team__members"))
    first = Assignment.objects.filter(
        assigned_at__lte=now,
        level__certification=OuterRef("level__certification"),
    ).filter(Q(level__lt=OuterRef("level")) | Q(level=OuterRef("level"), pk__lt=OuterRef("pk")))
    return (
        Assignment.objects.filter(assigned_at__lte=now, level__certification__active=True)
        .annotate(rep=rep, certification=F("level__certification"))
        .filter(rep__in=scope.rep_ids())
        .filter(~Exists(first.filter(user=OuterRef("rep"))))
        .filter(~Exists(first.filter(team__in=teams_of_rep(OuterRef(OuterRef("rep"))))))
    )


def readiness_certifications(*, scope: ImpactScope, formula: ReadinessFormula, now=None) -> list:
    """Per active certification with a level assigned (or the one chosen): the mean, over the scope's reps required
    to hold a level of it, of their index counted on its levels alone, and how many such reps.

    Two queries: the certifications, then one GROUP BY certification over (rep, certification) pairs — each rep's
    index counted once per certification they are asked for, never for every rep and every certification."""
    now, today = _moments(scope, now)
    certifications = Certification.objects.filter(active=True).filter(
        Exists(Assignment.objects.filter(level__certification=OuterRef("pk")))
    )
    if scope.certification is not None:
        certifications = certifications.filter(pk=scope.certification.pk)
    certifications = list(certifications.order_by("title"))
    pairs = _asked_per_certification(scope=scope, now=now).filter(certification__in=[c.pk for c in certifications])
    index = rep_index(rep=OuterRef("rep"), formula=formula, now=now, today=today, certification=OuterRef("certification"))
    # With every level weighing something, every rep asked for a level has an index: count the pairs rather than
    # the index, which the database would count a second time.
    weighed = all(formula.weight_of(number) > 0 for number in (1, 2, 3))
    indexed = Count("pk") if weighed else Count("index")
    figures = {
        row["certification"]: row
        for row in pairs.annotate(index=index).order_by().values("certification").annotate(mean=Avg("index"), indexed=indexed)
    }
    for certification in certifications:
        row = figures.get(certification.pk, {})
        certification.mean, certification.indexed = row.get("mean"), row.get("indexed", 0)
    return certifications


def readiness_whole(*, scope: ImpactScope, formula: ReadinessFormula, now=None) -> dict:
    """The scope's index (the mean of its reps'), how many reps have one and how many are counted (one query)."""
    now, today = _moments(scope, now)
    index = rep_index(rep=OuterRef("pk"), formula=formula, now=now, today=today, certification=scope.certification)
    # DISTINCT (over rows already distinct) keeps the reps a subquery of its own, so each index is counted once for
    # the mean and the count alike rather than once for each.
    reps = scope.reps().annotate(index=index).values("pk", "index").distinct()
    return reps.aggregate(mean=Avg("index"), indexed=Count("index"), reps=Count("pk"))


def readiness_overview(*, scope: ImpactScope, teams_page=None, reps_page=None, now=None) -> ReadinessOverview:
    """The readiness page: the formula (1 query), the scope's index (1), the teams (count, page, their figures: 3),
    the certifications (2) and the reps (count, page ordered by index, the page's facts: 3) — ten queries whatever
    the numbers. The teams' figures and the reps' facts are counted for the page shown alone."""
    formula = readiness_formula_current()
    now, _today = _moments(scope, now)
    whole = readiness_whole(scope=scope, formula=formula, now=now)
    teams = Paginator(readiness_team_rows(scope=scope), READINESS_TEAMS_PAGE_SIZE).get_page(teams_page)
    team_ids = [row["team_id"] for row in teams.object_list]
    if team_ids:
        figures = {row["team_id"]: row for row in readiness_teams(scope=scope, formula=formula, now=now, team_ids=team_ids)}
        teams.object_list = [figures[team_id] for team_id in team_ids]
    reps = Paginator(readiness_reps(scope=scope, formula=formula, now=now, facts=False), READINESS_PAGE_SIZE).get_page(
        reps_page
    )
    reps.object_list = list(reps.object_list)
    _add_rep_facts(reps.object_list, scope=scope, formula=formula, now=now)
    return ReadinessOverview(
        scope=scope,
        formula=formula,
        mean=whole["mean"],
        indexed=whole["indexed"],
        reps=whole["reps"],
        teams_page=teams,
        certifications=readiness_certifications(scope=scope, formula=formula, now=now),
        reps_page=reps,
    )


def readiness_rep_in_scope(*, scope: ImpactScope, pk: int):
    """The rep `pk` if the scope counts them, else None (the view answers 404 alike for missing and not yours)."""
    return scope.reps().filter(pk=pk).first()


@dataclass
class ReadinessFact:
    """One level required of a rep, and what it adds to or takes off their index."""

    certification: str
    number: int
    weight: float
    held: bool
    ends: date | None  # the last day the level is held, when it ends
    due: date | None
    overdue: bool
    expiring: bool


@dataclass
class RepReadiness:
    rep: User
    formula: ReadinessFormula
    facts: list
    index: float | None  # as the database counted it

    @property
    def required_weight(self) -> float:
        return sum(fact.weight for fact in self.facts)

    @property
    def held_weight(self) -> float:
        return sum(fact.weight for fact in self.facts if fact.held)

    @property
    def overdue(self) -> int:
        return sum(fact.overdue for fact in self.facts)

    @property
    def expiring(self) -> int:
        return sum(fact.expiring for fact in self.facts)

    @property
    def share(self) -> float | None:
        return 100 * self.held_weight / self.required_weight if self.required_weight else None

    @property
    def raw(self) -> float | None:
        if self.share is None:
            return None
        return (
            self.share
            - float(self.formula.overdue_penalty) * self.overdue
            - float(self.formula.expiring_penalty) * self.expiring
        )

    @property
    def clamped(self) -> float | None:
        return None if self.raw is None else min(100.0, max(0.0, self.raw))


def rep_readiness(*, scope: ImpactScope, rep: User, now=None) -> RepReadiness:
    """Every fact behind one rep's index: each required level (held or not, its weight, due date, expiry), and the
    index the database counts from them. Three queries: the formula, the levels, the index."""
    formula = readiness_formula_current()
    now, today = _moments(scope, now)
    warn_until = now + timedelta(days=EXPIRY_WARNING_DAYS)
    held = Award.objects.filter(held_at(now), user=rep.pk, level=OuterRef("pk"))
    levels = (
        required_levels(rep=rep.pk, now=now, certification=scope.certification)
        .annotate(
            ends=Subquery(held.order_by(F("valid_until").desc(nulls_first=True)).values("valid_until")[:1]),
            weight=_weight(formula),
        )
        .values("certification__title", "number", "weight", "held", "lasting", "ends", "due")
        .order_by("certification__title", "number")
    )
    facts = [
        ReadinessFact(
            certification=row["certification__title"],
            number=row["number"],
            weight=row["weight"],
            held=row["held"],
            ends=timezone.localdate(row["ends"]) if row["held"] and row["ends"] else None,
            due=row["due"],
            overdue=not row["held"] and row["due"] is not None and row["due"] < today,
            expiring=row["held"] and not row["lasting"] and row["ends"] is not None and row["ends"] <= warn_until,
        )
        for row in levels
    ]
    index = (
        User.objects.filter(pk=rep.pk)
        .annotate(index=rep_index(rep=OuterRef("pk"), formula=formula, now=now, today=today, certification=scope.certification))
        .values_list("index", flat=True)
        .first()
    )
    return RepReadiness(rep=rep, formula=formula, facts=facts, index=index)

"""Who may see and do what. Fetch helpers answer 404 alike for "missing" and "not yours"."""

from django.http import Http404

from assessments.models import EvaluationStatus

from .models import Role, Team


def can_use_admin(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def can_invite(user) -> bool:
    return can_use_admin(user)


def can_change_settings_of(user, person) -> bool:
    """A person's own settings (the time zone they read times in) are theirs alone to change."""
    return user.is_authenticated and user.is_active and person is not None and user.pk == person.pk


def can_manage_api_tokens(user) -> bool:
    """Issuing and revoking API and SCIM tokens: enablement admins only."""
    return can_use_admin(user)


def can_view_reach(user) -> bool:
    return can_use_admin(user)


def can_view_impact(user) -> bool:
    """The impact pages: enablement admins (every rep) and managers (their own teams' reps)."""
    return user.is_authenticated and (user.has_role(Role.ENABLEMENT_ADMIN) or user.has_role(Role.MANAGER))


def can_edit_readiness_formula(user) -> bool:
    """The readiness index's weights: enablement admins only (managers read the formula, never change it)."""
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def can_view_team(user, team) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return True
    return user.has_role(Role.MANAGER) and team.managers.filter(pk=user.pk).exists()


def team_get_for_user(user, pk) -> Team:
    """The team, if the person may see it (its manager or an enablement admin); 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    teams = Team.objects.all()
    if not user.has_role(Role.ENABLEMENT_ADMIN):
        if not user.has_role(Role.MANAGER):
            raise Http404
        teams = teams.filter(managers=user)
    try:
        return teams.get(pk=pk)
    except (Team.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_moderate_tips(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def tip_get_for_user(user, pk):
    """A tip the person may see (hidden tips: author and enablement admins only); 404 otherwise."""
    from .models import Tip

    try:
        return Tip.objects.visible_to(user).select_related("author", "product", "stage", "page").get(pk=pk)
    except (Tip.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_edit_tip(user, tip) -> bool:
    """Only a tip's author edits it (moderators hide, show or delete it instead)."""
    return user.is_authenticated and tip.author_id == user.pk and not tip.is_deleted


def can_delete_tip(user, tip) -> bool:
    return not tip.is_deleted and (can_edit_tip(user, tip) or can_moderate_tips(user))


def can_flag_tip(user, tip) -> bool:
    """Someone else's tip that reps can see may be flagged for moderation."""
    return user.is_authenticated and tip.author_id != user.pk and not tip.is_hidden and not tip.is_deleted


def _tip_get_if(user, pk, allowed):
    tip = tip_get_for_user(user, pk)
    if not allowed(user, tip):
        raise Http404
    return tip


def tip_get_for_editing(user, pk):
    """The person's own tip; anyone else's (or none) is not found."""
    return _tip_get_if(user, pk, can_edit_tip)


def tip_get_for_deleting(user, pk):
    return _tip_get_if(user, pk, can_delete_tip)


def tip_get_for_flagging(user, pk):
    return _tip_get_if(user, pk, can_flag_tip)


def tip_reply_get_for_editing(user, tip_pk, pk):
    """The person's own reply on a tip they can see; anyone else's (or none) is not found."""
    from .models import TipReply

    tip = tip_get_for_user(user, tip_pk)
    try:
        reply = tip.replies.select_related("author").get(pk=pk)
    except (TipReply.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not user.is_authenticated or reply.author_id != user.pk:
        raise Http404
    reply.tip = tip
    return reply


def can_manage_certifications(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def certifications_visible_to(user):
    """Active certifications open to everyone or assigned to the person (directly or through a team),
    and any the person has been awarded. Enablement admins see every active certification.
    """
    from django.db.models import Q

    from .models import Certification

    if not user.is_authenticated:
        return Certification.objects.none()
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return Certification.objects.filter(active=True)
    assigned = Q(levels__assignments__user=user) | Q(levels__assignments__team__members=user)
    offered = Certification.objects.filter(active=True).filter(Q(open_to_all=True) | assigned).values("pk")
    # What a person holds (or held) stays theirs to look at, even once withdrawn or retired.
    awarded = Certification.objects.filter(awards__user=user).values("pk")
    return Certification.objects.filter(Q(pk__in=offered) | Q(pk__in=awarded))


def certification_get_for_user(user, slug):
    from .models import Certification

    try:
        return certifications_visible_to(user).select_related("product").get(slug=slug)
    except (Certification.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_take_level(user, level) -> bool:
    """Quizzes are taken by the people a certification is open or assigned to."""
    from django.db.models import Q

    from .models import Assignment

    if not user.is_authenticated or not level.certification.active:
        return False
    if level.certification.open_to_all:
        return True
    return Assignment.objects.filter(
        Q(user=user) | Q(team__members=user), level__certification_id=level.certification_id
    ).exists()


def can_view_results_of(user, person) -> bool:
    """A rep's scores: the rep, the rep's managers and enablement admins."""
    if not user.is_authenticated:
        return False
    if user.pk == person.pk or user.has_role(Role.ENABLEMENT_ADMIN):
        return True
    return user.has_role(Role.MANAGER) and Team.objects.filter(managers=user, members=person).exists()


def attempt_get_for_user(user, pk, *, to_change=False):
    """An attempt the person may see: their own; a submitted one also for the rep's managers and admins."""
    from assessments.models import Attempt

    try:
        attempt = Attempt.objects.select_related("quiz", "user").get(pk=pk)
    except (Attempt.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if attempt.user_id == user.pk:
        return attempt
    if to_change or attempt.is_open or not can_view_results_of(user, attempt.user):
        raise Http404
    return attempt


def evaluation_get_for_user(user, pk):
    """An evaluation the person may see: the performer, the judges on its panel, the performer's managers and
    enablement admins. Anyone else gets 404, as for one that does not exist."""
    from assessments.models import Evaluation

    if not user.is_authenticated:
        raise Http404
    try:
        evaluation = Evaluation.objects.select_related(
            "performer", "scenario", "guide_version", "level_link__level__certification", "observer", "countersigner"
        ).get(pk=pk)
    except (Evaluation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if evaluation.performer_id == user.pk or user.has_role(Role.ENABLEMENT_ADMIN):
        return evaluation
    if evaluation.scorecards.filter(judge=user).exists() or user.pk in (evaluation.observer_id, evaluation.countersigner_id):
        return evaluation
    if user.has_role(Role.MANAGER) and Team.objects.filter(managers=user, members=evaluation.performer_id).exists():
        return evaluation
    raise Http404


def can_see_buyer_script(user, evaluation) -> bool:
    """The buyer's script is for the judges on the panel and enablement admins; never for the performer."""
    if not user.is_authenticated or evaluation.performer_id == user.pk:
        return False
    return user.has_role(Role.ENABLEMENT_ADMIN) or evaluation.scorecards.filter(judge=user).exists()


def scorecard_get_for_user(user, evaluation_pk):
    """The person's own scorecard on an evaluation; 404 for anyone not on its panel."""
    from assessments.models import Scorecard

    if not user.is_authenticated:
        raise Http404
    try:
        scorecard = Scorecard.objects.select_related(
            "evaluation__performer", "evaluation__scenario", "evaluation__guide_version", "evaluation__countersigner"
        ).get(evaluation_id=evaluation_pk, judge=user)
    except (Scorecard.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if scorecard.evaluation.performer_id == user.pk:
        raise Http404
    return scorecard


def can_observe(user, rep) -> bool:
    """Only a rep's own manager observes and signs off their calls; nobody their own."""
    if not user.is_authenticated or user.pk == rep.pk or not user.has_role(Role.MANAGER):
        return False
    return Team.objects.filter(managers=user, members=rep).exists()


# --- The evaluation page: who may see and do what on one evaluation --------------------------
# `scorecards`, where a caller has loaded the evaluation's scorecards already, saves a query.

# Every scorecard is submitted in these: the panel's scores exist.
_SCORED = (EvaluationStatus.RELEASED, EvaluationStatus.FLAGGED, EvaluationStatus.COUNTERSIGN)
_CANCELLABLE = (EvaluationStatus.REQUESTED, EvaluationStatus.SCHEDULED)


def _cards(user, evaluation, scorecards):
    if scorecards is None:
        scorecards = evaluation.scorecards.filter(judge=user)
    return [card for card in scorecards if card.judge_id == user.pk]


def can_see_panel_scores(user, evaluation, *, scorecards=None) -> bool:
    """Blind scoring, decided here only: each judge's scores (the panel's table) show once every judge has
    submitted — the evaluation released, flagged for moderation, or waiting for a countersign — to a judge
    who submitted, to the second observer and to enablement admins. Never to the performer, who reads the
    released result instead."""
    if not user.is_authenticated or evaluation.performer_id == user.pk or evaluation.status not in _SCORED:
        return False
    if user.has_role(Role.ENABLEMENT_ADMIN) or evaluation.countersigner_id == user.pk:
        return True
    return any(card.is_submitted for card in _cards(user, evaluation, scorecards))


def can_withdraw_evaluation(user, evaluation, *, scorecards=None) -> bool:
    """The performer withdraws their own request while it is open and no judge has submitted scores."""
    if not user.is_authenticated or evaluation.performer_id != user.pk or evaluation.status not in _CANCELLABLE:
        return False
    cards = evaluation.scorecards.all() if scorecards is None else scorecards
    return not any(card.is_submitted for card in cards)


def can_cancel_evaluation(user, evaluation) -> bool:
    """An enablement admin cancels someone else's open evaluation (with a reason the rep reads)."""
    return (
        user.is_authenticated
        and user.has_role(Role.ENABLEMENT_ADMIN)
        and evaluation.performer_id != user.pk
        and evaluation.status in _CANCELLABLE
    )


def can_answer_observation(user, evaluation) -> bool:
    """The manager asked to observe a call accepts or declines, while the request waits for them."""
    return (
        user.is_authenticated
        and evaluation.is_field_observation
        and evaluation.observer_id == user.pk
        and evaluation.status == EvaluationStatus.REQUESTED
    )


def can_countersign(user, evaluation) -> bool:
    """The second observer countersigns a signed-off observation (never the rep)."""
    return (
        user.is_authenticated
        and evaluation.is_field_observation
        and evaluation.countersigner_id == user.pk
        and evaluation.performer_id != user.pk
        and evaluation.status == EvaluationStatus.COUNTERSIGN
    )


def award_get_for_holder(user, pk):
    """One of the person's own awards; 404 alike for another person's award and for none."""
    from .models import Award

    award = (
        Award.objects.select_related("user", "level__quiz", "certification").filter(pk=pk, user_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    if award is None:
        raise Http404
    return award


def can_nudge(user, rep) -> bool:
    """A nudge about an overdue level: an enablement admin to any active rep, a manager to the reps of the teams they
    manage. Nobody else (a failure is private, and so is what is overdue)."""
    if not user.is_authenticated or rep is None or not rep.is_active or not rep.has_role(Role.REP) or user.pk == rep.pk:
        return False
    if user.has_role(Role.ENABLEMENT_ADMIN):
        return True
    return user.has_role(Role.MANAGER) and Team.objects.filter(managers=user, members=rep).exists()


def rep_get_for_nudge(user, pk):
    """The rep, if the person may nudge them; 404 alike for "no such rep" and "not yours"."""
    from .models import User

    if not user.is_authenticated:
        raise Http404
    try:
        rep = User.objects.get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_nudge(user, rep):
        raise Http404
    return rep


def can_set_notification_defaults(user) -> bool:
    """How notices reach people by default: enablement admins only."""
    return user.is_authenticated and user.has_role(Role.ENABLEMENT_ADMIN)


def notice_kinds_for(user) -> list:
    """The kinds of notice that can reach `user` (by their roles), in NoticeKind's order: what their settings offer."""
    from .models import KIND_ROLES, NoticeKind

    roles = {role.value for role in user.roles} if user.is_authenticated else set()
    return [kind for kind in NoticeKind.values if roles & set(KIND_ROLES.get(kind, ()))]

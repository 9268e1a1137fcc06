"""django-q2 entry points: take ids, load, call a service."""

from .models import Invitation
from .services import invitation_email_send as _invitation_email_send


def invitation_email_send(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("user", "invited_by").filter(pk=invitation_id).first()
    if invitation is not None:
        _invitation_email_send(invitation=invitation)


def assignment_emails_send(assignment_ids: list) -> int:
    from .models import Assignment
    from .services import assignment_emails_send as _assignment_emails_send

    assignments = Assignment.objects.filter(pk__in=assignment_ids).select_related(
        "user", "team", "assigned_by", "level__certification"
    )
    return _assignment_emails_send(assignments=assignments)


def tiers_recompute(user_ids: list) -> int:
    from .models import User
    from .selectors import tier_rules_all
    from .services import tier_recompute

    rules = tier_rules_all()
    done = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        done += tier_recompute(user=user, rules=rules) is not None
    return done


def tiers_recompute_all() -> int:
    """Nightly: awards expire with nobody touching them, so every rep's tier is worked out again."""
    from .models import Role, User
    from .services import award_expired_events_emit

    ids = list(User.objects.filter(is_active=True, groups__name=Role.REP.label).values_list("pk", flat=True))
    done = tiers_recompute(ids)
    # The awards that ran out are announced to webhooks once each (award.expired).
    award_expired_events_emit()
    return done


def tier_promotion_emails_send(change_id: int) -> int:
    from .models import TierChange
    from .services import tier_promotion_emails_send as _send

    change = TierChange.objects.select_related("user").filter(pk=change_id).first()
    return _send(change=change) if change else 0


def reminders_send() -> int:
    """Hourly: the reminders due now (levels due and overdue, awards expiring, scorecards and observation
    requests waiting), each step once; returns the emails sent."""
    from .services import reminders_send as _send

    return _send()


def evaluation_request_emails_send(evaluation_id: int) -> int:
    from .services import evaluation_request_emails_send as _send

    return _send(evaluation_id=evaluation_id)


def evaluation_panel_emails_send(
    evaluation_id: int, added_judge_ids: list, moved: bool = False, tell_rep: bool = True
) -> int:
    from .services import evaluation_panel_emails_send as _send

    return _send(evaluation_id=evaluation_id, added_judge_ids=added_judge_ids, moved=moved, tell_rep=tell_rep)


def evaluation_flagged_emails_send(evaluation_id: int) -> int:
    from .services import evaluation_flagged_emails_send as _send

    return _send(evaluation_id=evaluation_id)


def evaluation_result_email_send(evaluation_id: int) -> int:
    from .services import evaluation_result_email_send as _send

    return _send(evaluation_id=evaluation_id)


def evaluation_cancelled_emails_send(evaluation_id: int, actor_id: int) -> int:
    from .services import evaluation_cancelled_emails_send as _send

    return _send(evaluation_id=evaluation_id, actor_id=actor_id)


def observation_request_email_send(evaluation_id: int) -> int:
    from .services import observation_request_email_send as _send

    return _send(evaluation_id=evaluation_id)


def observation_answered_email_send(evaluation_id: int) -> int:
    from .services import observation_answered_email_send as _send

    return _send(evaluation_id=evaluation_id)


def observation_countersign_email_send(evaluation_id: int) -> int:
    from .services import observation_countersign_email_send as _send

    return _send(evaluation_id=evaluation_id)


def deal_import_run(run_id: int) -> str:
    """Write a deals export queued by the import page; the import's record holds its progress and outcome."""
    from .services import deal_import_run as _deal_import_run

    return _deal_import_run(run_id=run_id).status


def tip_flagged_emails_send(flag_id: int) -> int:
    from .services import tip_flagged_emails_send as _send

    return _send(flag_id=flag_id)


def reach_rollup_refresh() -> int:
    """Every few minutes: rebuild the content reach rollup the reach report reads; returns the pages counted."""
    from .services import reach_rollup_refresh as _reach_rollup_refresh

    return _reach_rollup_refresh().pages


def progress_rollup_refresh() -> int:
    """Every few minutes: rebuild the certification progress rollup the funnel and struggling list read; returns
    the rep and level rows counted."""
    from .services import progress_rollup_refresh as _progress_rollup_refresh

    return _progress_rollup_refresh().levels


def notification_digests_send() -> int:
    """Daily: email each person the notices that waited for their digest; returns how many digests were sent."""
    from .services import notification_digests_send as _send

    return _send()


def recertify_notices_send(change_id: int) -> int:
    """Tell the holders of a level whose content changed that they take it again by the day given."""
    from .models import LevelChange
    from .services import recertify_notices_send as _send

    change = LevelChange.objects.select_related("level__certification").filter(pk=change_id).first()
    return _send(change=change) if change is not None else 0


def award_notice_send(award_id: int) -> int:
    """Tell a rep a level is theirs."""
    from .models import Award
    from .services import award_notice_send as _send

    award = Award.objects.select_related("user", "certification", "level").filter(pk=award_id, revoked_at=None).first()
    return _send(award=award) if award is not None else 0


def team_digests_send() -> int:
    """Weekly: each manager's digest of their teams' week; returns how many were sent."""
    from .services import team_digests_send as _send

    return _send()


def impact_snapshot_take_weekly() -> int:
    """Weekly: count the week that has just ended, for every rep and each team, so trends grow a point."""
    from .selectors.impact import last_complete_week
    from .services import impact_snapshot_take

    return len(impact_snapshot_take(week=last_complete_week()))
def nudge_email_send(nudge_id: int) -> int:
    from .models import Nudge
    from .services import nudge_email_send as _send

    nudge = Nudge.objects.select_related("rep", "sender", "level__certification").filter(pk=nudge_id).first()
    return _send(nudge=nudge) if nudge else 0


def webhook_deliveries_send(delivery_ids: list) -> int:
    """Send deliveries just recorded (or queued again by an admin); returns how many were attempted."""
    from .services import webhook_delivery_send

    return sum(webhook_delivery_send(delivery_id=pk) is not None for pk in delivery_ids)


def webhook_deliveries_send_due() -> int:
    """Every minute: retries whose time has come, and any first send a stopped worker missed."""
    from .services import webhook_deliveries_send_due as _send_due

    return _send_due()

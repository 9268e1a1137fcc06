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

"""The lock that serializes one person's concurrent requests."""

from django.contrib.auth import get_user_model


def person_lock(user_id) -> None:
    """Lock the person's row until the current transaction ends, so their requests run one at a time.

    Every start and every grading of a person's quiz attempts takes it first, and so does every
    request the apps above make on a person's behalf (asking for an assessment, an observation).
    Call it inside `transaction.atomic`. On PostgreSQL it is `SELECT ... FOR UPDATE` on the row; SQLite
    ignores `select_for_update`, and there the settings' `transaction_mode=IMMEDIATE` serializes
    writers instead, each transaction taking the database's write lock when it begins.
    """
    get_user_model().objects.select_for_update().filter(pk=user_id).first()

"""A large deals export is imported in the background: checked in the request, written by a django-q2 task.

The request reads and checks the whole file (every bad row is still refused there, with its line); a file
of more than settings.DEAL_IMPORT_BACKGROUND_OVER closed-won rows is then kept in private storage and
queued, and its admin follows it on the import's page. The task reads the file again and imports it
with services.deals_import, which stages the new deals in short batches and shows them in one last step.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..importers import DEFAULT_CURRENCY, DEFAULT_DATE_FORMAT, DealImportRefused, parse_deals
from ..models import DealImport, DealImportStatus
from ..permissions import can_manage_certifications
from .deals import DealImportSummary, deals_import, people_by_email


def deal_import_start(
    *,
    actor,
    file_name: str,
    data: bytes,
    mapping: dict | None = None,
    date_format: str = DEFAULT_DATE_FORMAT,
    default_currency: str = DEFAULT_CURRENCY,
) -> DealImportSummary | DealImport:
    """Import a deals export now if it is small (its summary), else queue it (its record, status queued).

    Raises DealImportRefused (every bad row, by line) or DomainError before anything is queued.
    """
    if not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import deals.")
    options = {"mapping": mapping or {}, "date_format": date_format, "default_currency": default_currency}
    # Every bad row, owners who are not reps included, is refused here, before anything is kept.
    parsed = parse_deals(data, file_name=file_name, people=people_by_email, **options)
    if len(parsed.rows) <= settings.DEAL_IMPORT_BACKGROUND_OVER:
        return deals_import(actor=actor, file_name=file_name, data=data, **options)
    record = DealImport.objects.create(
        file_name=file_name[:255],
        imported_by=actor,
        status=DealImportStatus.QUEUED,
        total=len(parsed.rows),
        skipped=len(parsed.skipped),
        options=options,
    )
    record.kept_file = storages["private"].save(f"deal-imports/queued/{record.pk}.csv", ContentFile(data))
    record.save(update_fields=["kept_file"])
    transaction.on_commit(
        lambda: async_task("certify.tasks.deal_import_run", record.pk, task_name=f"deal-import-{record.pk}")
    )
    return record


def deal_import_run(*, run_id: int) -> DealImport:
    """Write a queued deals import (the django-q2 task) and record how it ended."""
    claimed = DealImport.objects.filter(pk=run_id, status=DealImportStatus.QUEUED).update(
        status=DealImportStatus.RUNNING
    )
    record = DealImport.objects.select_related("imported_by").get(pk=run_id)
    if not claimed:  # Already written (a retried task) or refused: nothing more to do.
        return record
    try:
        with storages["private"].open(record.kept_file, "rb") as handle:
            data = handle.read()
        deals_import(
            actor=record.imported_by, file_name=record.file_name, data=data, record=record, **record.options
        )
    except DealImportRefused as error:
        _refuse(record, "\n".join([str(error), *[line for line in error.errors if line != str(error)]]))
    except DomainError as error:
        _refuse(record, str(error))
    except Exception:
        _refuse(record, "The import stopped on an unexpected error, so nothing was imported. Try again.")
        raise
    finally:
        storages["private"].delete(record.kept_file)
        DealImport.objects.filter(pk=run_id).update(kept_file="")
    record.refresh_from_db()
    return record


def _refuse(record: DealImport, message: str) -> None:
    DealImport.objects.filter(pk=record.pk).update(
        status=DealImportStatus.REFUSED, error=message, finished_at=timezone.now(), created=0, updated=0
    )

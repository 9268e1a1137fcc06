"""Closed-won deals from a CRM export: matching each row to a rep and to a deal imported before, and writing.

The reading is certify.importers.parse_deals. The import is all or nothing: if one row is bad,
nothing is written. Deals are matched by their CRM id, so importing the same file twice changes
nothing the second time. The file is read, matched and compared outside any transaction; only the
bulk writes take the database's write lock (on SQLite one lock for everybody), for as short as they can.
"""

import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import PermissionRefused
from ..importers import DEFAULT_CURRENCY, DEFAULT_DATE_FORMAT, DealImportRefused, parse_deals
from ..models import Deal, DealImport, DealImportStatus, Role, User
from ..permissions import can_manage_certifications

LOOKUP_BATCH = 500
WRITE_BATCH = 5_000  # new deals written per transaction
KEPT_CHANGES = 500  # lines of "what changed" a queued import's record keeps for its page
# Between two batches on SQLite: longer than the longest sleep of SQLite's busy handler (100 ms), so a rep's
# write waiting for the lock wakes up while it is free instead of missing gap after gap.
SQLITE_PAUSE = 0.12


@dataclass
class DealImportSummary:
    """What an import did, or for a dry run what it would do."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    changes: list[str] = field(default_factory=list)
    record: DealImport | None = None
    dry_run: bool = False
    # The reps whose tier is recomputed after the import (or would be): those with a deal created or
    # changed, and the previous rep of a deal that moved to another rep.
    rep_ids: list[int] = field(default_factory=list)

    @property
    def counts(self) -> str:
        return (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} skipped (not closed-won)"
        )


def people_by_email(emails) -> dict:
    """Everyone with one of these emails (in lower case), with whether they are a rep: one query."""
    in_rep_group = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=Role.REP.label)
    people = (
        User.objects.annotate(email_key=Lower("email"), in_rep_group=Exists(in_rep_group))
        .filter(email_key__in=list(emails))
        .only("pk", "email", "is_active")
    )
    return {person.email_key: person for person in people}


def _existing_deals(external_ids) -> dict:
    """The deals imported before, read without a lock: a deal another import creates meanwhile refuses this one."""
    ids, deals = list(external_ids), {}
    for start in range(0, len(ids), LOOKUP_BATCH):
        batch = ids[start : start + LOOKUP_BATCH]
        for deal in Deal.objects.select_related("rep").filter(external_id__in=batch, staged_in=None):
            deals[deal.external_id] = deal
    return deals


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def deals_import(
    *,
    actor,
    file_name: str,
    data: bytes,
    mapping: dict | None = None,
    date_format: str = DEFAULT_DATE_FORMAT,
    default_currency: str = DEFAULT_CURRENCY,
    dry_run: bool = False,
    record: DealImport | None = None,
) -> DealImportSummary:
    """Bring the closed-won deals of a CRM export in, all or nothing.

    `actor` is None for the management command. `mapping` names the file's header for any field of
    COLUMNS that differs from the Salesforce default. A deal already imported (same CRM id) is
    updated in place when anything differs. Raises DealImportRefused listing every bad row.
    `record` is a queued import's record (services.deal_import_runs): filled in rather than created.
    """
    if actor is not None and not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import deals.")
    parsed = parse_deals(
        data,
        file_name=file_name,
        mapping=mapping,
        date_format=date_format,
        default_currency=default_currency,
        people=people_by_email,
    )

    summary = DealImportSummary(skipped=len(parsed.skipped), dry_run=dry_run)
    skipped_ids = {skipped.external_id for skipped in parsed.skipped if skipped.external_id}
    existing = _existing_deals({row.external_id for row in parsed.rows} | skipped_ids)
    to_create, to_update, rep_ids, changes = [], [], set(), []
    for row in parsed.rows:
        rep = row.rep
        deal = existing.get(row.external_id)
        if deal is None:
            to_create.append(
                Deal(
                    external_id=row.external_id,
                    rep=rep,
                    account=row.account,
                    amount=row.amount,
                    currency=row.currency,
                    close_date=row.close_date,
                )
            )
            rep_ids.add(rep.pk)
            changes.append(
                (
                    row.line,
                    f"Line {row.line}: new deal {row.external_id} — {row.account}, "
                    f"{row.currency} {_money(row.amount)}, closed {row.close_date:%Y-%m-%d}, {rep.email}",
                )
            )
            continue
        differences = []
        if deal.rep_id != rep.pk:
            differences.append(f"rep {deal.rep.email} → {rep.email}")
            rep_ids.add(deal.rep_id)
        if deal.account != row.account:
            differences.append(f"account {deal.account} → {row.account}")
        if deal.amount != row.amount:
            differences.append(f"amount {_money(deal.amount)} → {_money(row.amount)}")
        if deal.currency != row.currency:
            differences.append(f"currency {deal.currency} → {row.currency}")
        if deal.close_date != row.close_date:
            differences.append(f"close date {deal.close_date:%Y-%m-%d} → {row.close_date:%Y-%m-%d}")
        if not differences:
            summary.unchanged += 1
            continue
        deal.rep, deal.account, deal.amount = rep, row.account, row.amount
        deal.currency, deal.close_date = row.currency, row.close_date
        to_update.append(deal)
        rep_ids.add(rep.pk)
        changes.append((row.line, f"Line {row.line}: " + "; ".join(differences)))
    for skipped in parsed.skipped:
        if skipped.external_id in existing:
            changes.append(
                (
                    skipped.line,
                    f"Line {skipped.line}: {skipped.external_id} is now at stage “{skipped.stage}” in the CRM; "
                    "the deal imported earlier is kept as it was",
                )
            )
    summary.changes = [change for _, change in sorted(changes, key=lambda change: change[0])]
    summary.created, summary.updated = len(to_create), len(to_update)
    summary.rep_ids = sorted(rep_ids)
    if dry_run:
        return summary
    _write(summary, to_create, to_update, file_name=file_name, actor=actor, record=record)
    return summary


def _write(summary: DealImportSummary, to_create: list, to_update: list, *, file_name: str, actor, record) -> None:
    """Write rows already read, matched and compared: new deals staged in short batches, then one short step
    applies the updates and counts the new deals. A failure on the way removes the staged deals with the record."""
    counts = {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": summary.skipped,
    }
    queued = record is not None
    if queued:
        DealImport.objects.filter(pk=record.pk).update(**counts, done=summary.unchanged)
    else:
        record = DealImport.objects.create(file_name=file_name[:255], imported_by=actor, **counts)
    summary.record = record
    try:
        for start in range(0, len(to_create), WRITE_BATCH):
            batch = to_create[start : start + WRITE_BATCH]
            if start and connection.vendor == "sqlite" and not connection.in_atomic_block:
                time.sleep(SQLITE_PAUSE)
            for deal in batch:
                deal.imported_by = deal.staged_in = record
            with transaction.atomic():
                Deal.objects.bulk_create(batch, batch_size=LOOKUP_BATCH)
                if queued:  # its page shows how far it is
                    DealImport.objects.filter(pk=record.pk).update(done=F("done") + len(batch))
        with transaction.atomic():  # The one step that shows the import.
            now = timezone.now()
            for deal in to_update:
                deal.imported_by, deal.updated_at = record, now
            Deal.objects.bulk_update(
                to_update,
                ["rep", "account", "amount", "currency", "close_date", "imported_by", "updated_at"],
                batch_size=LOOKUP_BATCH,
            )
            if to_create:
                Deal.objects.filter(staged_in=record).update(staged_in=None)
            if queued:
                record.status, record.done, record.finished_at = DealImportStatus.DONE, record.total, now
                record.changes = summary.changes[:KEPT_CHANGES]
                for name, value in counts.items():
                    setattr(record, name, value)
                record.save()
            if summary.rep_ids:
                recompute = list(summary.rep_ids)
                transaction.on_commit(lambda: async_task("certify.tasks.tiers_recompute", recompute))
    except IntegrityError as error:  # Another import brought in one of these deals since they were looked up.
        _undo(record, queued)
        summary.record = None
        raise DealImportRefused(
            f"{file_name}: another import brought in some of these deals at the same moment, so nothing was imported. "
            "Import the file again."
        ) from error
    except BaseException:
        _undo(record, queued)
        raise


def _undo(record: DealImport, queued: bool) -> None:
    """Nothing of a failed import stays: its staged deals go, and so does its record unless it was queued."""
    Deal.objects.filter(staged_in=record).delete()
    if not queued:
        record.delete()

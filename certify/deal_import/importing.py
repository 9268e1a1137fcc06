"""Matching the rows read from a CRM report with reps and deals already imported, and writing them, all or nothing."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django_q.tasks import async_task

from ..exceptions import DomainError, PermissionRefused
from ..models import Deal, DealImport, Role, User
from ..permissions import can_manage_certifications
from .reading import (
    CURRENCY_CODE,
    DATE_FORMAT_SHAPES,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    LOOKUP_BATCH,
    MAX_ERRORS,
    MAX_FILE_BYTES,
    TOO_BIG,
    DealImportRefused,
    column_headers,
    decode,
    read_report,
)


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



def _people_by_email(emails) -> dict:
    """Everyone with one of these emails (in lower case), with whether they are a rep: one query."""
    in_rep_group = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=Role.REP.label)
    people = (
        User.objects.annotate(email_key=Lower("email"), in_rep_group=Exists(in_rep_group))
        .filter(email_key__in=list(emails))
        .only("pk", "email", "is_active")
    )
    return {person.email_key: person for person in people}


def _rep_error(line: int, email: str, person) -> str | None:
    if person is None:
        return f"Line {line}: no active rep has the email {email}"
    if not person.is_active:
        return f"Line {line}: no active rep has the email {email} (that account is deactivated)"
    if not person.in_rep_group:
        return f"Line {line}: no active rep has the email {email} (that person is not a rep)"
    return None


def _existing_deals(external_ids) -> dict:
    ids, deals = list(external_ids), {}
    for start in range(0, len(ids), LOOKUP_BATCH):
        batch = ids[start : start + LOOKUP_BATCH]
        for deal in Deal.objects.select_for_update(of=("self",)).select_related("rep").filter(external_id__in=batch):
            deals[deal.external_id] = deal
    return deals


def _refused(file_name: str, errors: list) -> DealImportRefused:
    errors = [message for _, message in sorted(errors, key=lambda error: error[0])]
    count = len(errors)
    shown = errors[:MAX_ERRORS]
    if count > MAX_ERRORS:
        shown.append(f"… and {count - MAX_ERRORS} more")
    return DealImportRefused(
        f"{file_name}: {count} problem{'s' if count != 1 else ''} in the file, so nothing was imported.", shown
    )


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


@transaction.atomic
def deals_import(
    *,
    actor,
    file_name: str,
    data: bytes,
    mapping: dict | None = None,
    date_format: str = DEFAULT_DATE_FORMAT,
    default_currency: str = DEFAULT_CURRENCY,
    dry_run: bool = False,
) -> DealImportSummary:
    """Bring the closed-won deals of a CRM export in, all or nothing.

    `actor` is None for the management command. `mapping` names the file's header for any field of
    COLUMNS that differs from the Salesforce default. A deal already imported (same CRM id) is
    updated in place when anything differs. Raises DealImportRefused listing every bad row.
    """
    if actor is not None and not can_manage_certifications(actor):
        raise PermissionRefused("Only enablement admins can import deals.")
    headers = column_headers(mapping)
    if date_format not in DATE_FORMAT_SHAPES:
        raise DomainError(f"Unknown date format {date_format}; the formats are: {', '.join(DATE_FORMAT_SHAPES)}.")
    default_currency = (default_currency or "").strip().upper()
    if not CURRENCY_CODE.fullmatch(default_currency):
        raise DomainError("The default currency must be a three-letter code such as USD.")
    if len(data) > MAX_FILE_BYTES:
        raise DealImportRefused(f"{file_name} {TOO_BIG}")

    reading = read_report(decode(data), headers, date_format, default_currency)
    errors = list(reading.errors)
    people = _people_by_email({row.email for row in reading.rows if row.email})
    reps = {}
    for row in reading.rows:
        if row.email:
            person = people.get(row.email)
            error = _rep_error(row.line, row.email, person)
            if error:
                errors.append((row.line, error))
            else:
                reps[row.line] = person
    if errors:
        raise _refused(file_name, errors)

    summary = DealImportSummary(skipped=len(reading.skipped), dry_run=dry_run)
    skipped_ids = {external_id for _, external_id, _ in reading.skipped if external_id}
    existing = _existing_deals({row.external_id for row in reading.rows} | skipped_ids)
    to_create, to_update, rep_ids, changes = [], [], set(), []
    for row in reading.rows:
        rep = reps[row.line]
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
    for line, external_id, stage in reading.skipped:
        if external_id in existing:
            changes.append(
                (
                    line,
                    f"Line {line}: {external_id} is now at stage “{stage}” in the CRM; "
                    "the deal imported earlier is kept as it was",
                )
            )
    summary.changes = [change for _, change in sorted(changes, key=lambda change: change[0])]
    summary.created, summary.updated = len(to_create), len(to_update)
    summary.rep_ids = sorted(rep_ids)
    if dry_run:
        return summary

    summary.record = DealImport.objects.create(
        file_name=file_name[:255],
        imported_by=actor,
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        skipped=summary.skipped,
    )
    for deal in to_create:
        deal.imported_by = summary.record
    try:
        Deal.objects.bulk_create(to_create, batch_size=LOOKUP_BATCH)
    except IntegrityError as error:  # Another import brought in one of these deals since they were looked up.
        raise DealImportRefused(
            f"{file_name}: another import brought in some of these deals at the same moment, so nothing was imported. "
            "Import the file again."
        ) from error
    now = timezone.now()
    for deal in to_update:
        deal.imported_by, deal.updated_at = summary.record, now
    Deal.objects.bulk_update(
        to_update,
        ["rep", "account", "amount", "currency", "close_date", "imported_by", "updated_at"],
        batch_size=LOOKUP_BATCH,
    )
    if rep_ids:
        recompute = list(summary.rep_ids)
        transaction.on_commit(lambda: async_task("certify.tasks.tiers_recompute", recompute))
    return summary

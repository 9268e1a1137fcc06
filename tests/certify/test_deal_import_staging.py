"""A deals import writes its new deals in short batches, staged: nothing counts them until its last step,
and a failure on the way leaves neither the deals nor the import's record behind."""

import pytest

from certify.importers import DealImportRefused
from certify.models import Deal, DealImport
from certify.selectors.tiers import tier_facts
from certify.services import deals as deals_module
from certify.services import deals_import
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db

HEADER = "Opportunity ID,Owner Email,Account Name,Stage,Amount Currency,Amount,Close Date\n"


def export(*ids: str) -> bytes:
    return (HEADER + "".join(f"{i},rep@test.example,Acme {i},Closed Won,USD,1000,3/14/2025\n" for i in ids)).encode()


def test_a_conflict_after_some_batches_were_written_leaves_nothing_behind(enablement_admin, monkeypatch):
    rep = RepFactory(email="rep@test.example")
    other = DealImport.objects.create(file_name="other.csv")
    Deal.objects.create(
        external_id="006C", rep=rep, account="Elsewhere", amount=5, currency="USD", close_date="2025-03-01", staged_in=other
    )
    monkeypatch.setattr(deals_module, "WRITE_BATCH", 1)  # 006A and 006B are written before 006C conflicts

    with pytest.raises(DealImportRefused, match="another import brought in some of these deals"):
        deals_import(actor=enablement_admin, file_name="deals.csv", data=export("006A", "006B", "006C"))

    assert list(Deal.objects.values_list("external_id", flat=True)) == ["006C"]  # only the other import's
    assert list(DealImport.objects.all()) == [other]


def test_staged_deals_do_not_count_for_a_reps_tier(enablement_admin):
    rep = RepFactory(email="rep@test.example")
    running = DealImport.objects.create(file_name="running.csv")
    Deal.objects.create(
        external_id="006S", rep=rep, account="Staged", amount=5, currency="USD", close_date="2025-03-01", staged_in=running
    )
    deals_import(actor=enablement_admin, file_name="deals.csv", data=export("006A"))

    assert [deal.amount for deal in tier_facts(user=rep).deals] == [1000]
    assert Deal.objects.get(external_id="006A").staged_in is None

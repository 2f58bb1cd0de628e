"""The change record is append-only and tamper-evident."""

from django.db import connection

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import save_indicator


def test_it_records_every_catalogue_entry_with_who(catalogue):
    records = ChangeRecord.objects.filter(object_type="ledger.Indicator")
    assert records.count() == len(catalogue)
    assert set(records.values_list("user_name", flat=True)) == {"命令行"}
    assert set(records.values_list("source", flat=True)) == {"cli"}


def test_it_records_before_and_after_of_an_edit(people):
    indicator = Indicator.objects.get(code="retail_sales")
    indicator.decimals = 1
    save_indicator(people["admin"], indicator, reason="通报保留一位小数")
    rec = ChangeRecord.objects.order_by("-id").first()
    assert rec.action == "update"
    assert rec.before == {"decimals": 2} and rec.after == {"decimals": 1}
    assert rec.user == people["admin"] and rec.reason == "通报保留一位小数"


def test_it_finds_an_intact_chain_intact(catalogue):
    assert verify_chain() == []


def test_it_finds_an_edited_entry(catalogue):
    rec = ChangeRecord.objects.order_by("id")[3]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_changerecord SET object_repr = %s WHERE id = %s", ["篡改", rec.id]
        )
    problems = verify_chain()
    assert problems == [f"第{rec.id}条记录的内容与哈希不符：该记录被改动。"]


def test_it_finds_a_removed_entry(catalogue):
    ids = list(ChangeRecord.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_changerecord WHERE id = %s", [ids[2]])
    problems = verify_chain()
    assert problems == [f"第{ids[3]}条记录的前一条哈希不符：其前的记录被删除或改动。"]

"""The change record is append-only and tamper-evident.

The database refuses UPDATE and DELETE on it (triggers, SQLite and PostgreSQL); to test that
`econdesk audit verify` finds tampering anyway, each tampering test lifts the triggers first,
as an intruder with the database owner's rights would.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from econdesk.accounts.models import Role, User
from econdesk.audit import chain, guards
from econdesk.audit.models import AuditHead, ChangeRecord
from econdesk.audit.services import GENESIS, record, verify, verify_chain
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import save_indicator


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def ids():
    return list(ChangeRecord.objects.order_by("id").values_list("id", flat=True))


def run_verify():
    """(exit status, stdout, stderr) of `econdesk audit verify`."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


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


def test_it_keeps_a_checkpoint_of_count_and_last_hash(catalogue):
    head = AuditHead.objects.get()
    last = ChangeRecord.objects.order_by("-id").first()
    assert head.entries == ChangeRecord.objects.count()
    assert (head.last_id, head.last_hash) == (last.id, last.hash)


def test_it_finds_an_intact_chain_intact(catalogue):
    assert verify_chain() == []
    status, out, _err = run_verify()
    assert status == 0
    assert f"变更记录完整：共{ChangeRecord.objects.count()}条" in out


def test_it_finds_an_empty_chain_intact(db):
    result = verify()
    assert result.intact and result.entries == 0 and result.last_hash == GENESIS


# --- the database refuses changes ---------------------------------------------------------------


def test_the_database_refuses_to_update_an_entry(catalogue):
    rec = ChangeRecord.objects.order_by("id")[3]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("UPDATE audit_changerecord SET object_repr = %s WHERE id = %s", ["篡改", rec.id])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.filter(pk=rec.pk).update(reason="篡改")
    rec.refresh_from_db()
    assert rec.object_repr != "篡改" and rec.reason != "篡改"


def test_the_database_refuses_to_delete_an_entry(catalogue):
    count = ChangeRecord.objects.count()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_changerecord WHERE id = %s", [ids()[-1]])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.all().delete()
    assert ChangeRecord.objects.count() == count


def test_the_database_refuses_to_delete_or_rewind_the_checkpoint(catalogue):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditHead.objects.all().delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditHead.objects.update(entries=1, last_id=1)
    assert AuditHead.objects.get().entries == ChangeRecord.objects.count()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_to_truncate_the_record(catalogue):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("TRUNCATE audit_changerecord")
    assert ChangeRecord.objects.exists()


def test_the_guards_are_in_place_after_migrating(db):
    assert guards.supported()
    assert guards.missing() == []
    assert set(guards.present()) == set(guards.expected())


def test_it_reports_missing_guards(catalogue):
    guards.remove()
    try:
        status, _out, err = run_verify()
        assert status == 1
        assert "数据库的只增保护（触发器）缺失" in err
    finally:
        guards.install()


def test_a_deleted_user_leaves_the_entries_intact(catalogue):
    temp = User.objects.create_user("temp", password="Econdesk-test-2026", role=Role.ADMIN)
    with transaction.atomic():
        rec = record(user=temp, action="create", object_type="x.Y", object_id=1, object_repr="y")
    temp_id = temp.pk
    temp.delete()
    rec.refresh_from_db()
    assert rec.user_id == temp_id and rec.user_name == "temp"
    assert verify_chain() == []


# --- tampering is found ---------------------------------------------------------------------


def test_it_finds_an_edited_entry(catalogue):
    rec = ChangeRecord.objects.order_by("id")[3]
    with guards.lifted():
        sql("UPDATE audit_changerecord SET object_repr = %s WHERE id = %s", ["篡改", rec.id])
    problems = verify_chain()
    assert problems == [f"第{rec.id}条记录的内容与哈希不符：该记录被改动。"]
    status, _out, err = run_verify()
    assert status == 1 and f"第{rec.id}条记录的内容与哈希不符" in err


def test_it_finds_an_edited_entry_even_with_its_hash_recomputed(catalogue):
    """Rewriting an entry and its own hash (even with the key) still breaks the next link."""
    rec = ChangeRecord.objects.order_by("id")[3]
    rec.reason = "篡改"
    forged = chain.sign(rec)
    with guards.lifted():
        sql(
            "UPDATE audit_changerecord SET reason = %s, hash = %s WHERE id = %s",
            ["篡改", forged, rec.id],
        )
    following = ids()[4]
    assert verify_chain() == [f"第{following}条记录的前一条哈希不符：其前的记录被删除或改动。"]


def test_it_finds_a_removed_entry(catalogue):
    all_ids = ids()
    with guards.lifted():
        sql("DELETE FROM audit_changerecord WHERE id = %s", [all_ids[2]])
    assert verify_chain() == [
        f"第{all_ids[3]}条记录的前一条哈希不符：其前的记录被删除或改动。",
        f"检查点记载共{len(all_ids)}条，现存{len(all_ids) - 1}条：有1条记录被删除。",
    ]


def test_it_finds_a_removed_last_entry(catalogue):
    """The chain alone cannot show its end was cut off; the checkpoint does."""
    all_ids = ids()
    with guards.lifted():
        sql("DELETE FROM audit_changerecord WHERE id = %s", [all_ids[-1]])
    assert verify_chain() == [
        f"检查点记载共{len(all_ids)}条，现存{len(all_ids) - 1}条：有1条记录被删除。",
        f"检查点记载的最后一条是第{all_ids[-1]}条，现存最后一条是第{all_ids[-2]}条："
        "末尾的记录被删除。",
    ]
    status, _out, err = run_verify()
    assert status == 1 and "末尾的记录被删除" in err


def test_it_finds_a_removed_tail_even_after_new_entries(catalogue, people):
    all_ids = ids()
    with guards.lifted():
        sql("DELETE FROM audit_changerecord WHERE id >= %s", [all_ids[-3]])
    indicator = Indicator.objects.get(code="retail_sales")
    indicator.decimals = 1
    save_indicator(people["admin"], indicator, reason="之后的正常修改")
    problems = verify_chain()
    # The new entry chains onto what is left, so only the checkpoint's count shows the gap.
    assert problems == [
        f"检查点记载共{len(all_ids) + 1}条，现存{len(all_ids) - 2}条：有3条记录被删除。"
    ]


def test_it_finds_a_reordered_chain(catalogue):
    all_ids = ids()
    a, b = all_ids[2], all_ids[5]
    with guards.lifted():
        sql("UPDATE audit_changerecord SET id = %s WHERE id = %s", [-a, a])
        sql("UPDATE audit_changerecord SET id = %s WHERE id = %s", [a, b])
        sql("UPDATE audit_changerecord SET id = %s WHERE id = %s", [b, -a])
    problems = verify_chain()
    assert problems, "swapping two entries must break the chain"
    assert all("前一条哈希不符" in p for p in problems)
    assert {f"第{i}条记录的前一条哈希不符：其前的记录被删除或改动。" for i in (a, b)} <= set(
        problems
    )


def test_it_finds_an_entry_written_around_the_record(catalogue):
    """A row inserted straight into the table (a valid keyed hash, but no checkpoint) is found."""
    last = ChangeRecord.objects.order_by("-id").first()
    forged = ChangeRecord(
        at=last.at, user_name="某人", source="web", action="create", object_type="x.Y",
        object_id="1", object_repr="伪造", prev_hash=last.hash,
    )  # fmt: skip
    forged.hash = chain.sign(forged)
    forged.save(force_insert=True)
    assert verify_chain() == [f"检查点之后还有1条记录（第{forged.id}条为止）未经登记写入。"]


def test_it_restores_the_guards_when_migrating_again(catalogue):
    guards.remove()
    assert guards.missing() == guards.expected()
    call_command("migrate", verbosity=0)
    assert guards.missing() == []

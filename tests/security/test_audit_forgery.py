"""Issue #11 item 4: the change record cannot be forged by someone who can write the database.

Each test plays the intruder with the database owner's rights, as the attack did: drop the
triggers, rewrite entries, recompute the hashes and the checkpoint. Before the key, plain
SHA-256 let such a rewrite pass `econdesk audit verify`; now it must fail.
"""

import hashlib
import json
import os
import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings

from econdesk.audit import chain, guards
from econdesk.audit.models import AuditHead, ChangeRecord
from econdesk.audit.services import record, verify_chain
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import save_indicator


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def plain_sha256(prev_hash, payload):
    """What the attacker computes: the old, unkeyed entry hash."""
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


def rewrite_chain(first_id, change, *, legacy=False):
    """Rewrite entry `first_id` with `change`, then recompute every following hash and the
    checkpoint with plain SHA-256 (the published algorithm, without the key)."""
    rows = list(ChangeRecord.objects.order_by("id"))
    prev = chain.GENESIS
    for rec in rows:
        if rec.id == first_id:
            change(rec)
        if rec.id >= first_id:
            if legacy:
                rec.key_version = 0
            payload = chain.payload_of(rec)
            if not legacy:
                payload["key_version"] = rec.key_version
            rec.prev_hash = prev
            rec.hash = plain_sha256(prev, payload)
            sql(
                "UPDATE audit_changerecord SET object_repr = %s, reason = %s, prev_hash = %s, "
                "hash = %s, key_version = %s WHERE id = %s",
                [rec.object_repr, rec.reason, rec.prev_hash, rec.hash, rec.key_version, rec.id],
            )
        prev = rec.hash
    sql("UPDATE audit_audithead SET last_hash = %s WHERE id = 1", [prev])


def test_the_published_forgery_no_longer_passes_verify(catalogue):
    victim = ChangeRecord.objects.filter(object_type="ledger.Indicator").order_by("id")[2]
    with guards.lifted():
        rewrite_chain(victim.id, lambda rec: setattr(rec, "object_repr", "伪造的指标名"))
    problems = verify_chain()
    assert f"第{victim.id}条记录的内容与哈希不符：该记录被改动。" in problems
    status, _out, err = run("verify")
    assert status == 1 and "变更记录不完整" in err


def test_passing_the_whole_chain_off_as_unkeyed_fails(catalogue):
    first = ChangeRecord.objects.order_by("id").first()
    with guards.lifted():
        rewrite_chain(first.id, lambda rec: setattr(rec, "reason", "全部改写"), legacy=True)
    problems = verify_chain()
    total = ChangeRecord.objects.count()
    assert f"全部{total}条记录都没有密钥签名" in problems[-1]


def test_an_unkeyed_entry_after_keyed_ones_fails(catalogue):
    rows = list(ChangeRecord.objects.order_by("id"))
    victim = rows[-2]
    with guards.lifted():
        rewrite_chain(victim.id, lambda rec: setattr(rec, "reason", "降级"), legacy=True)
    problems = verify_chain()
    assert f"第{victim.id}条记录没有密钥签名，却排在已签名的记录之后" in " ".join(problems)


def test_verify_with_the_wrong_key_says_so(catalogue):
    with override_settings(ECONDESK_AUDIT_KEY="x" * 40):
        problems = verify_chain()
    assert any("审计密钥不对" in p for p in problems)
    assert verify_chain() == []


def test_an_entry_signed_with_another_key_fails(catalogue):
    with override_settings(ECONDESK_AUDIT_KEY="另一把密钥-" + "k" * 40), transaction.atomic():
        rec = record(user=None, action="create", object_type="x.Y", object_id=1, object_repr="y")
    assert verify_chain() == [f"第{rec.id}条记录的内容与哈希不符：该记录被改动。"]


# --- the triggers' full definitions ---------------------------------------------------------


def recreate_harmless(name):
    """The attack: same name, same table, but WHEN 0 (never fires)."""
    if connection.vendor == "sqlite":
        sql(f"DROP TRIGGER {name}")
        sql(
            f"CREATE TRIGGER {name} BEFORE UPDATE ON audit_changerecord WHEN 0 "
            "BEGIN SELECT RAISE(ABORT, 'append-only'); END"
        )
    else:
        sql(f"DROP TRIGGER {name} ON audit_changerecord")
        sql(
            f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON audit_changerecord "
            "FOR EACH ROW WHEN (false) EXECUTE FUNCTION econdesk_audit_refuse()"
        )


def guard_name():
    return (
        "audit_changerecord_no_update"
        if connection.vendor == "sqlite"
        else "audit_changerecord_append_only"
    )


def test_a_trigger_recreated_with_when_0_fails_verify(catalogue):
    name = guard_name()
    recreate_harmless(name)
    try:
        assert name in guards.present()  # the name alone looks fine, as before
        rec = ChangeRecord.objects.order_by("id")[1]
        sql("UPDATE audit_changerecord SET reason = %s WHERE id = %s", ["改了", rec.id])
        status, _out, err = run("verify")
        assert status == 1
        assert f"数据库的只增保护（触发器）被改动，定义与安装时不同：{name}" in err
    finally:
        guards.remove()
        guards.install()
    assert guards.problems() == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_rewritten_trigger_function_fails_verify(catalogue):
    sql(
        "CREATE OR REPLACE FUNCTION econdesk_audit_refuse() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN RETURN COALESCE(NEW, OLD); END; $$"
    )
    try:
        status, _out, err = run("verify")
        assert status == 1 and "被改动，定义与安装时不同" in err
    finally:
        guards.install()
    assert guards.problems() == []


def test_an_added_trigger_on_the_record_is_reported(catalogue):
    if connection.vendor == "sqlite":
        sql("CREATE TRIGGER sneaky AFTER INSERT ON audit_changerecord BEGIN SELECT 1; END")
    else:
        sql(
            "CREATE TRIGGER sneaky AFTER INSERT ON audit_changerecord "
            "FOR EACH ROW EXECUTE FUNCTION econdesk_audit_head_forward()"
        )
    try:
        assert "变更记录的表上有不明的触发器：sneaky。请核查后删除。" in verify_chain()
    finally:
        sql(
            "DROP TRIGGER sneaky"
            + ("" if connection.vendor == "sqlite" else " ON audit_changerecord")
        )


# --- anchors ----------------------------------------------------------------------------------


def test_an_anchor_finds_a_cut_tail_the_chain_cannot(catalogue, people, tmp_path):
    anchor = tmp_path / "anchor.json"
    status, out, _err = run("anchor", "-o", str(anchor))
    assert status == 0 and "链头已写入" in out
    kept = json.loads(anchor.read_text(encoding="utf-8"))
    head = AuditHead.objects.get()
    assert (kept["entries"], kept["last_id"], kept["hash"]) == (
        head.entries,
        head.last_id,
        head.last_hash,
    )
    # The intruder cuts the last three entries and rewinds the checkpoint to match.
    rows = list(ChangeRecord.objects.order_by("id"))
    keep = rows[-4]
    with guards.lifted():
        sql("DELETE FROM audit_changerecord WHERE id > %s", [keep.id])
        sql(
            "UPDATE audit_audithead SET entries = %s, last_id = %s, last_hash = %s",
            [len(rows) - 3, keep.id, keep.hash],
        )
    assert verify_chain() == []  # a clean prefix of a keyed chain: only an anchor can tell
    status, _out, err = run("verify", "--anchor", str(anchor))
    assert status == 1
    assert f"锚点 {anchor}" in err and f"第{rows[-1].id}条记录已不存在：记录被删除" in err


def test_an_anchor_still_holds_after_new_entries(catalogue, people, tmp_path):
    anchor = tmp_path / "anchor.json"
    run("anchor", "-o", str(anchor))
    indicator = Indicator.objects.get(code="retail_sales")
    indicator.decimals = 1
    save_indicator(people["admin"], indicator, reason="之后的正常修改")
    status, out, _err = run("verify", "--anchor", str(anchor))
    assert status == 0 and f"与锚点 {anchor} 相符" in out


def test_anchor_prints_the_head(catalogue):
    status, out, _err = run("anchor")
    head = AuditHead.objects.get()
    data = json.loads(out)
    assert status == 0 and data["entries"] == head.entries and data["hash"] == head.last_hash


def test_a_bad_anchor_file_is_refused_in_chinese(catalogue, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("不是锚点", encoding="utf-8")
    status, _out, err = run("verify", "--anchor", str(bad))
    assert status == 1 and f"锚点文件 {bad} 不是 econdesk audit anchor 写出的格式" in err


# --- the key --------------------------------------------------------------------------------


def test_the_default_key_file_is_made_private(tmp_path):
    path = tmp_path / "var" / "audit.key"
    assert chain.create_key_file(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(path.read_text().strip()) == 64
    assert not chain.create_key_file(path)  # never replaced


def test_a_missing_key_after_keyed_entries_refuses_to_write(catalogue, tmp_path):
    chain.forget_cached_key()
    try:
        with override_settings(VAR_DIR=tmp_path), pytest.raises(Exception, match="审计密钥文件"):
            with transaction.atomic():
                record(user=None, action="create", object_type="x.Y", object_id=1, object_repr="y")
        assert not (tmp_path / "audit.key").exists()
    finally:
        chain.forget_cached_key()


def test_a_named_key_file_is_used_and_never_created(catalogue, tmp_path):
    named = tmp_path / "named.key"
    with override_settings(ECONDESK_AUDIT_KEY_FILE=str(named)):
        with pytest.raises(Exception, match="不存在"):
            chain.audit_key(create=True)
        named.write_text("k" * 48, encoding="utf-8")
        assert chain.audit_key() == b"k" * 48


def test_an_upgraded_chain_is_sealed_and_its_old_entries_protected(db):
    """Entries from before the key (plain SHA-256) get a keyed seal on upgrade (migration
    0003); rewriting one of them afterwards fails verify even with all plain hashes redone."""
    import importlib

    from django.apps import apps

    seal = importlib.import_module("econdesk.audit.migrations.0003_keyed_chain").seal
    prev = chain.GENESIS
    from django.utils import timezone

    with guards.lifted():
        for n in range(3):
            rec = ChangeRecord(
                at=timezone.now(), user_name="旧系统", source="web", action="create",
                object_type="x.Y", object_id=str(n), object_repr=f"旧记录{n}",
                prev_hash=prev, key_version=0,
            )  # fmt: skip
            rec.hash = plain_sha256(prev, chain.payload_of(rec))
            rec.save(force_insert=True)
            prev = rec.hash
        AuditHead.objects.update_or_create(
            pk=1, defaults={"entries": 3, "last_id": rec.id, "last_hash": rec.hash}
        )

    class Editor:
        connection = connection

    seal(apps, Editor())
    assert ChangeRecord.objects.count() == 4
    assert ChangeRecord.objects.order_by("id").last().key_version == chain.KEYED
    assert verify_chain() == []
    first = ChangeRecord.objects.order_by("id").first()
    with guards.lifted():
        rewrite_chain_legacy_prefix(first.id, upto=3)
    problems = verify_chain()
    assert any("前一条哈希不符" in p for p in problems)


def rewrite_chain_legacy_prefix(first_id, upto):
    rows = list(ChangeRecord.objects.order_by("id"))[:upto]
    prev = chain.GENESIS
    for rec in rows:
        if rec.id == first_id:
            rec.object_repr = "改写的旧记录"
        rec.prev_hash = prev
        rec.hash = plain_sha256(prev, chain.payload_of(rec))
        sql(
            "UPDATE audit_changerecord SET object_repr = %s, prev_hash = %s, hash = %s "
            "WHERE id = %s",
            [rec.object_repr, rec.prev_hash, rec.hash, rec.id],
        )
        prev = rec.hash

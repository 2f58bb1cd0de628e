# The keyed chain: a key version per entry. Entries already written keep their plain SHA-256
# (key_version 0); a keyed seal is appended after them, so they can no longer be rewritten
# without the key (econdesk/audit/chain.py, docs/reliability.md「审计密钥」).

from django.db import migrations, models
from django.utils import timezone

from econdesk.audit import chain


def seal(apps, schema_editor):
    ChangeRecord = apps.get_model("audit", "ChangeRecord")
    AuditHead = apps.get_model("audit", "AuditHead")
    db = schema_editor.connection.alias
    records = ChangeRecord.objects.using(db)
    last = records.order_by("-id").first()
    if last is None or last.key_version != chain.LEGACY:
        return
    rec = ChangeRecord(
        at=timezone.now(),
        user_name="系统",
        source="system",
        action="update",
        object_type="audit.ChangeRecord",
        object_id=str(last.id),
        object_repr="变更记录启用密钥签名",
        before=None,
        after={"key_version": chain.KEYED, "sealed_entries": records.count()},
        reason="升级：此前的记录以此条密钥签名封存",
        prev_hash=last.hash,
        key_version=chain.KEYED,
    )
    rec.hash = chain.sign(rec, chain.audit_key(create=True))
    rec.save(using=db, force_insert=True)
    head = AuditHead.objects.using(db).filter(pk=chain.HEAD_PK)
    head.update(entries=records.count(), last_id=rec.id, last_hash=rec.hash, updated_at=rec.at)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.AddField(
            model_name="changerecord",
            name="key_version",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="签名版本"),
        ),
        migrations.AlterField(
            model_name="changerecord",
            name="key_version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="签名版本"),
        ),
        migrations.RunPython(seal, migrations.RunPython.noop),
    ]

# The checkpoint (AuditHead) and the database guards that keep the change record append-only.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from econdesk.audit import guards

GENESIS = "0" * 64


def start_head(apps, schema_editor):
    """Count the entries already written, so an existing chain starts with a true checkpoint."""
    ChangeRecord = apps.get_model("audit", "ChangeRecord")
    AuditHead = apps.get_model("audit", "AuditHead")
    db = schema_editor.connection.alias
    records = ChangeRecord.objects.using(db)
    last = records.order_by("-id").values("id", "hash", "at").first()
    AuditHead.objects.using(db).update_or_create(
        pk=1,
        defaults={
            "entries": records.count(),
            "last_id": last["id"] if last else 0,
            "last_hash": last["hash"] if last else GENESIS,
            "updated_at": last["at"] if last else None,
        },
    )


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entries", models.PositiveBigIntegerField(default=0, verbose_name="记录条数")),
                ("last_id", models.BigIntegerField(default=0, verbose_name="最后一条编号")),
                ("last_hash", models.CharField(blank=True, max_length=64, verbose_name="最后一条哈希")),
                ("updated_at", models.DateTimeField(blank=True, null=True, verbose_name="更新时间")),
            ],
            options={
                "verbose_name": "变更记录检查点",
                "verbose_name_plural": "变更记录检查点",
            },
        ),
        # A deleted user must not touch their entries (SET NULL would be an UPDATE, refused by
        # the guards, and the user id is part of each entry's hash).
        migrations.AlterField(
            model_name="changerecord",
            name="user",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="操作人"),
        ),
        migrations.RunPython(start_head, migrations.RunPython.noop),
        # Triggers on SQLite and PostgreSQL only (vendor checked inside); see econdesk/audit/guards.py.
        migrations.RunPython(guards.install_for_migration, guards.remove_for_migration),
    ]

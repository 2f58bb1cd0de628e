"""`econdesk restore FILE [--yes]`: replace the whole database with a backup.

Without --yes it changes nothing and says what would be replaced. SQLite: the backup is copied
into the live database file (running app processes see it at their next query). PostgreSQL:
pg_restore --clean --if-exists in a single transaction (all or nothing).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from econdesk.ops import backup as ops
from econdesk.ops import fingerprint

KEY_TABLES = [
    ("audit_changerecord", "变更记录", "条"),
    ("ledger_observation", "指标数据", "条"),
    ("accounts_user", "用户", "个"),
]


def _summary(fp: fingerprint.Fingerprint) -> str:
    parts = [
        f"{label} {fp.counts[table]} {unit}"
        for table, label, unit in KEY_TABLES
        if table in fp.counts
    ]
    detail = f"（其中{'、'.join(parts)}）" if parts else ""
    return f"{fp.tables} 张表、{fp.rows} 行数据{detail}"


class Command(BaseCommand):
    help = "用备份文件替换整个数据库（不加 --yes 时只说明将替换什么，不做任何改动）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="econdesk backup 生成的备份文件")
        parser.add_argument("--yes", action="store_true", help="确认用备份替换当前数据库的全部内容")

    def handle(self, *args, **options):
        try:
            info = ops.inspect(options["file"])
            before = fingerprint.take(checksums=False)
        except ops.BackupError as exc:
            raise CommandError(str(exc)) from exc
        origin = f"，来自数据库 {info.source}" if info.source else ""
        described = (
            f"备份文件 {info.path}（{ops.ENGINE_LABELS[info.engine]} 备份，"
            f"{ops.human_size(info.size)}，生成于 {info.created}{origin}）"
        )
        if not options["yes"]:
            raise CommandError(
                f"恢复将用{described}替换 {ops.describe_database()} 的全部内容：\n"
                f"  当前的 {_summary(before)}将被删除，换成备份中的数据；"
                "备份之后的所有新增和修改都会丢失。\n"
                "  建议先用 econdesk backup 保存当前数据。确认无误后加 --yes 重新执行。"
            )
        try:
            ops.restore(info.path)
            extra = ops.extra_tables(info)
        except ops.BackupError as exc:
            raise CommandError(str(exc)) from exc
        after = fingerprint.take(checksums=False)
        self.stdout.write(
            f"已用{described}恢复 {ops.describe_database()}：现有 {_summary(after)}。"
        )
        if extra:
            self.stderr.write(
                "注意：以下表不在备份中，保持原样（可能来自备份之后的升级）：" + "、".join(extra)
            )
        if self._unapplied_migrations():
            self.stderr.write("备份来自较早的版本：请执行 econdesk migrate 升级数据库结构。")

    @staticmethod
    def _unapplied_migrations() -> bool:
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        return bool(executor.migration_plan(targets))

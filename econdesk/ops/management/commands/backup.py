"""`econdesk backup [-o FILE] [--keep N]`: the whole database into one file.

SQLite: an online, consistent copy (the app keeps running). PostgreSQL: pg_dump -Fc.
Default file: var/backups/econdesk-<sqlite|postgresql>-<YYYYmmdd-HHMMSS>.<sqlite3|dump>
(ECONDESK_BACKUP_DIR). Restore with `econdesk restore FILE --yes`.
"""

from django.core.management.base import BaseCommand, CommandError

from econdesk.ops import backup as ops


class Command(BaseCommand):
    help = "备份整个数据库到一个文件（SQLite 在线备份；PostgreSQL 用 pg_dump 自定义格式）"

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="备份文件路径（默认 var/backups/econdesk-<数据库类型>-<时间>.sqlite3 或 .dump）",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="备份后只保留备份目录中最新的 N 个同类备份（默认 0：不删除）",
        )

    def handle(self, *args, **options):
        try:
            result = ops.backup(options.get("output"))
        except ops.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"已备份 {ops.describe_database()} 到 {result.path}"
            f"（{ops.human_size(result.size)}，用时 {result.seconds:.1f} 秒）。"
        )
        if options["keep"] > 0:
            removed = ops.prune(result.path.parent, result.engine, options["keep"])
            if removed:
                self.stdout.write(
                    f"已删除较早的备份 {len(removed)} 个，保留最新 {options['keep']} 个。"
                )

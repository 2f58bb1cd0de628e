"""Django's `loaddata`, refused on a live database unless asked for, and recorded.

loaddata writes rows straight into the tables — renaming a project or making a clerk a
superuser with no change record, and `audit verify` still intact. On a live database (not a
test database, with a change record) it is refused without --i-know-this-bypasses-audit; with
it, one entry records the files loaded and how many objects they held.
"""

from django.core.management.base import CommandError
from django.core.management.commands import loaddata
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from econdesk.audit.management.bypass import FLAG, FLAG_DEST, is_live, record_bypass


class Command(loaddata.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(FLAG, action="store_true", dest=FLAG_DEST,
                            help="确认在正式数据库上执行（不经逐条登记，只记一条）")  # fmt: skip

    def handle(self, *fixture_labels, **options):
        alias = options.get("database") or DEFAULT_DB_ALIAS
        live = is_live(connections[alias])
        if live and not options.get(FLAG_DEST):
            raise CommandError(
                "拒绝执行：loaddata 直接写表，不留逐条变更记录。"
                f"请通过页面或导入命令修改；确需执行请加 {FLAG}（执行情况将记入变更记录）。"
            )
        with transaction.atomic(using=alias):
            result = super().handle(*fixture_labels, **options)
            if live:
                record_bypass(
                    "loaddata",
                    "直接载入数据（loaddata）：" + "、".join(fixture_labels),
                    {"fixtures": list(fixture_labels), "objects": self.loaded_object_count},
                )
        return result

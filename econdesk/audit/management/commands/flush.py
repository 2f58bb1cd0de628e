"""Django's `flush`, able to empty the change record too — and refused on a live database.

The append-only triggers (econdesk/audit/guards.py) refuse the DELETE / TRUNCATE that flush
issues. Flush empties every table — the chain and its checkpoint alike, leaving a consistent
empty chain — so the triggers are lifted for it and put back straight after. Transactional
tests flush between tests, which is why this override exists.

On a live database (not a test database, and with a change record) flush erases the whole
trail without a trace: it is refused unless --i-know-this-bypasses-audit is given, and then
the new, empty record starts with an entry saying that (and by whom) it was flushed.
"""

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from econdesk.audit import guards
from econdesk.audit.management.bypass import FLAG, FLAG_DEST, is_live, record_bypass


class Command(flush.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(FLAG, action="store_true", dest=FLAG_DEST,
                            help="确认在正式数据库上执行（将清空全部数据与变更记录）")  # fmt: skip

    def handle(self, **options):
        alias = options.get("database") or DEFAULT_DB_ALIAS
        connection = connections[alias]
        live = is_live(connection)
        if live and not options.get(FLAG_DEST):
            raise CommandError(
                "拒绝执行：flush 会清空正式数据库的全部数据与变更记录，且不留痕迹。"
                f"确需执行请加 {FLAG}（执行情况将记入新的变更记录）。"
            )
        with guards.lifted(connection):
            result = super().handle(**options)
        if live:
            with transaction.atomic(using=alias):
                record_bypass("flush", "清空全部数据（flush）", {"database": alias})
        return result

"""`econdesk setup`: the audit key, migrate, then seed the standard departments and catalogue.

Without ECONDESK_AUDIT_KEY or ECONDESK_AUDIT_KEY_FILE, the change record's key is var/audit.key
(mode 0600), created here once and never replaced: keep a copy apart from the backups.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from econdesk.accounts.cli_actor import command_user
from econdesk.audit import chain
from econdesk.ledger.services.catalogue import ensure_standard_catalogue
from econdesk.ledger.services.gdp import ensure_default_gdp_sectors


class Command(BaseCommand):
    help = "建库并写入标准单位与指标目录（可重复执行）"

    def handle(self, *args, **options):
        kind, path = chain.key_source()
        if kind == "default" and chain.create_key_file(path):
            self.stdout.write(f"已生成审计密钥 {path}（仅本账户可读）：请另行妥善保存一份。")
        call_command("migrate", interactive=False, verbosity=0)
        user = command_user()
        indicators = ensure_standard_catalogue(user)
        ensure_default_gdp_sectors(user)
        self.stdout.write(f"数据库就绪，指标目录共 {len(indicators)} 项。")

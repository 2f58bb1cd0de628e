"""`econdesk setup`: migrate, then seed the standard departments and indicator catalogue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from econdesk.accounts.cli_actor import command_user
from econdesk.ledger.services.catalogue import ensure_standard_catalogue
from econdesk.ledger.services.gdp import ensure_default_gdp_sectors


class Command(BaseCommand):
    help = "建库并写入标准单位与指标目录（可重复执行）"

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        user = command_user()
        indicators = ensure_standard_catalogue(user)
        ensure_default_gdp_sectors(user)
        self.stdout.write(f"数据库就绪，指标目录共 {len(indicators)} 项。")

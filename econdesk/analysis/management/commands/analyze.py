"""`econdesk analyze --region NAME --period YYYY-MM [--json]`: one region's indicator panel."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts import permissions
from econdesk.accounts.cli_actor import command_user
from econdesk.analysis.panel import build_panel
from econdesk.analysis.serialize import RegionNotFound, dumps, find_region
from econdesk.analysis.text import panel_table
from econdesk.ledger.periods import parse_period


class Command(BaseCommand):
    help = "输出某地区某期的指标面板：增速、全市增速、位次、缺口、目标、预测与状态"

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="地区名称，如 东城区 或 示范市/东城区")
        parser.add_argument("--period", required=True, help="期别，如 2022-02（1-2月）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--user", help="以该用户身份查看（默认：命令行账户）")

    def handle(self, *args, **options):
        if options.get("user"):  # without --user: the command-line account, which reads all
            try:
                permissions.require(command_user(options["user"]), "ledger.read")
            except PermissionDenied as exc:
                raise CommandError(str(exc)) from None
        key = parse_period(options["period"])
        if key is None:
            raise CommandError(f"无法识别期别“{options['period']}”，请写成 YYYY-MM，如 2022-03。")
        try:
            region = find_region(options["region"])
        except RegionNotFound as exc:
            raise CommandError(str(exc)) from exc
        panel = build_panel(region, key)
        if options["json"]:
            self.stdout.write(dumps(panel))
        else:
            self.stdout.write(panel_table(panel))

"""`econdesk bulletin --region NAME --period YYYY-MM [--kind monthly|meeting] -o FILE`.

Writes the bulletin (or meeting materials) as .docx, .xlsx or .html, chosen by the file name.
With --issue it is also issued: archived with its data and the readers notified.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts.cli_actor import command_user
from econdesk.analysis.serialize import RegionNotFound, find_region
from econdesk.bulletins import archive, services
from econdesk.bulletins.charts import ChartFontMissing
from econdesk.bulletins.models import BulletinKind
from econdesk.ledger.periods import parse_period


class Command(BaseCommand):
    help = "生成经济运行通报或会议材料（.docx / .xlsx / .html，按输出文件名判断）"

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="地区名称，如 东城区 或 示范市/东城区")
        parser.add_argument("--period", required=True, help="期别，如 2022-02（1-2月）")
        parser.add_argument(
            "--kind", default=BulletinKind.MONTHLY, choices=BulletinKind.values,
            help="monthly：月度通报（默认）；meeting：分析会会议材料",
        )  # fmt: skip
        parser.add_argument("-o", "--output", required=True, help="输出文件：.docx、.xlsx 或 .html")
        parser.add_argument("--issue", action="store_true", help="同时印发：存档所用数据并通知")
        parser.add_argument("--user", help="以该用户身份执行（默认：命令行账户）")

    def handle(self, *args, **options):
        key = parse_period(options["period"])
        if key is None:
            raise CommandError(f"无法识别期别“{options['period']}”，请写成 YYYY-MM，如 2022-03。")
        try:
            region = find_region(options["region"])
            fmt = services.format_of(options["output"])
        except (RegionNotFound, services.BulletinError) as exc:
            raise CommandError(str(exc)) from exc
        user = command_user(options.get("user"))
        try:
            if options["issue"]:
                bulletin = archive.issue(user, region, key, options["kind"])
                content = (
                    bytes(bulletin.content) if fmt == "docx" else archive.regenerate(bulletin, fmt)
                )
                self.stdout.write(f"已印发：{bulletin.title}（编号 {bulletin.pk}）")
            else:
                content, _name, _type = services.generate(user, region, key, options["kind"], fmt)
        except (services.BulletinError, ChartFontMissing, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        path = Path(options["output"])
        path.write_bytes(content)
        self.stdout.write(f"已写出 {path}（{len(content):,} 字节）")

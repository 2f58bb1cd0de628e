"""`econdesk issue_due_bulletins`: for cron. Issues the month's bulletin once new data arrived.

Due means: the home region (本级) has actual figures for a period that no issued bulletin of
that kind covers yet (only the newest period; older ones are not back-filled). Readers are
notified in the app. Safe to run as often as you like: with nothing new it does nothing.

    15 7 * * *  cd /srv/econdesk && .venv/bin/econdesk issue_due_bulletins
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts.cli_actor import command_user
from econdesk.bulletins import archive, services
from econdesk.bulletins.charts import ChartFontMissing
from econdesk.bulletins.models import BulletinKind


class Command(BaseCommand):
    help = "有新一期数据时自动印发本级的月度经济运行通报，并在系统内通知读者（供定时任务调用）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", default=BulletinKind.MONTHLY, choices=BulletinKind.values,
            help="印发的类型（默认 monthly 月度通报）",
        )  # fmt: skip
        parser.add_argument("--user", help="以该用户身份印发（默认：命令行账户）")

    def handle(self, *args, **options):
        user = command_user(options.get("user"))
        try:
            issued = archive.issue_due(user, options["kind"])
        except (services.BulletinError, ChartFontMissing, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        if not issued:
            self.stdout.write("没有需要印发的通报：本级尚无新一期数据，或已印发。")
        for bulletin in issued:
            self.stdout.write(f"已印发：{bulletin.title}（编号 {bulletin.pk}），已通知读者。")

"""`econdesk send_reminders`: for cron. Reminds lead departments of tasks near or past deadline.

Every open task not yet asked to close whose colour is yellow (near its deadline or a milestone)
or red (overdue) gets one reminder per clerk of its lead department per day, in the app and by
e-mail when a mail server is configured. Running it again the same day sends nothing new.

    30 8 * * *  cd /srv/econdesk && .venv/bin/econdesk send_reminders
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts.cli_actor import command_user
from econdesk.supervision.reminders import send_reminders


class Command(BaseCommand):
    help = "对临近时限或逾期的督办事项催办牵头单位（系统内通知，配置邮件时同时发邮件；每天每人每项一次）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期判断颜色并催办（默认今天），如 2026-11-30")
        parser.add_argument("--user", help="以该用户身份记录（默认：命令行账户）")

    def handle(self, *args, **options):
        user = command_user(options.get("user"))
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期应写成 2026-11-30。") from exc
        run = send_reminders(user, today=day)
        self.stdout.write(
            f"{run.day:%Y-%m-%d}：{run.tasks}项需催办，新发催办{len(run.created)}条"
            f"（邮件{run.emailed}封），今天已催办过{run.skipped}条未重复发送。"
        )

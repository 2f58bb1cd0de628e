"""`econdesk deliver`: for the timer (every minute). Sends pending messages to the robots, the
SMS gateway and e-mail; finds due/overdue tasks, new red lights, falls in rank and (Mondays)
the leaders' weekly digests. Safe to run often and side by side: nothing is sent twice.

    * * * * *  cd /srv/econdesk && .venv/bin/econdesk deliver
"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from econdesk.notify import watch
from econdesk.notify.worker import deliver


class Command(BaseCommand):
    help = (
        "发送待推送的消息（群机器人、短信、邮件），并生成到期、逾期、红灯、位次后退与每周摘要提醒"
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-seconds", type=float, default=50,
                            help="本次最多运行多少秒（等待机器人限速也算在内），默认50")  # fmt: skip
        parser.add_argument("--due-days", type=int, default=watch.DUE_DAYS,
                            help="时限前几天提醒，默认3")  # fmt: skip
        parser.add_argument(
            "--digest", action="store_true", help="今天就生成每周摘要（默认每周一）"
        )
        parser.add_argument("--no-watch", action="store_true", help="只发送，不生成提醒")
        parser.add_argument("--date", help="按该日期判断到期与逾期（默认今天），如 2026-11-30")
        parser.add_argument(
            "--now", help="把时钟定在该时刻运行（核对补发与限速时用），如 2026-11-30T09:00:00+08:00"
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("日期应写成 2026-11-30。") from exc
        found = 0
        if not options["no_watch"]:
            found = watch.run_all(
                today, due_days=options["due_days"], digest=True if options["digest"] else None
            )
        now = None
        if options.get("now"):
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError("时刻应写成 2026-11-30T09:00:00+08:00。") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        run = deliver(now=now, max_seconds=options["max_seconds"])
        stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
        self.stdout.write(f"{stamp}：新提醒事件{found}个；{run.summary()}")

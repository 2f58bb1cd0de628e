"""`econdesk demo`: load the demo city 示例市 once, then print the address and the demo logins."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts.cli_actor import command_user
from econdesk.demo import profiles
from econdesk.demo.loader import DemoSummary, load_demo


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class Command(BaseCommand):
    help = "载入示例市的演示数据（只载入一次，可重复执行）并列出演示账户"

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=profiles.DEFAULT_SEED, help="随机种子")
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/", help="打印的访问地址（runserver 的地址）"
        )
        parser.add_argument(
            "--force", action="store_true", help="在非调试环境（ECONDESK_DEBUG=0）也载入"
        )

    def handle(self, *args, **options):
        # The demo logins share a published password: never create them on a production
        # installation by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "演示数据带有公开密码的账户，生产环境（ECONDESK_DEBUG=0）默认不载入；"
                "确需载入请加 --force。"
            )
        summary = load_demo(user=command_user(), seed=options["seed"])
        self.stdout.write(self._headline(summary))
        for note in summary.notes:
            self.stdout.write(f"  · {note}")
        self.stdout.write("")
        self.stdout.write(f"访问地址：{options['url']}")
        self.stdout.write(f"演示账户（密码均为 {profiles.DEMO_PASSWORD}，仅供演示）：")
        self.stdout.write(self._table(summary))

    def _headline(self, s: DemoSummary) -> str:
        if not s.created:
            return f"{s.city}的演示数据已存在（本区：{s.home or '未设'}），未重复载入。"
        first, last = profiles.FIRST_YEAR, profiles.LAST_PERIOD
        return (
            f"已载入{s.city}演示数据（用时 {s.seconds:.1f} 秒）：{len(s.members)}个区县及功能区"
            f"（本区：{s.home or '未设'}），{first}年1-2月至{last[0]}年1-{last[1]}月的指标数据"
            f" {s.observations} 条、部门预计 {s.estimates} 条、目标 {s.targets} 条，"
            f"分管区领导 {len(s.leaders)} 位。"
        )

    def _table(self, s: DemoSummary) -> str:
        header = ("用户名", "密码", "角色", "单位", "姓名", "")
        rows = [header] + [
            (r.username, r.password, r.role, r.department, r.display_name, r.note) for r in s.logins
        ]
        widths = [max(_width(row[i]) for row in rows) + 2 for i in range(len(header))]
        return "\n".join(
            "  " + "".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )

"""`econdesk audit verify | anchor`: check the change record; write down its head.

verify  walks the keyed hash chain from the first entry, compares its end with the checkpoint
        (count and last hash, kept in the same transaction as every entry) and with any anchors
        given (--anchor FILE…), and checks the append-only triggers' full definitions.
        Exit status 0 when intact; 1 with each problem (in Chinese) otherwise.
anchor  prints the head of the chain (count, last entry, hash, time) or writes it to a file
        (-o FILE), for an office to keep outside the database: with each backup, or on paper.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from econdesk.audit import chain
from econdesk.audit.models import AuditHead
from econdesk.audit.services import verify


class Command(BaseCommand):
    help = "变更记录：verify 校验哈希链、检查点与锚点；anchor 写出当前的链头（条数、哈希、时间）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", title="子命令", required=True)
        check = sub.add_parser("verify", help="校验全部变更记录（完整时退出码为 0）")
        check.add_argument(
            "--anchor",
            nargs="+",
            default=[],
            metavar="FILE",
            help="与 econdesk audit anchor 写出的锚点文件比对（可给多个）",
        )
        anchor = sub.add_parser("anchor", help="输出当前链头，供在数据库之外留存")
        anchor.add_argument("-o", "--output", metavar="FILE", help="写入文件（默认打印）")

    def handle(self, *args, **options):
        if options["subcommand"] == "verify":
            return self.verify(options["anchor"])
        if options["subcommand"] == "anchor":
            return self.anchor(options.get("output"))
        raise CommandError(f"未知的子命令“{options['subcommand']}”。")  # pragma: no cover

    def verify(self, anchor_files):
        anchors = []
        for name in anchor_files:
            try:
                anchors.append((name, chain.read_anchor(Path(name))))
            except chain.AnchorError as exc:
                raise CommandError(str(exc)) from exc
        result = verify(anchors=anchors)
        if result.intact:
            self.stdout.write(f"变更记录完整：共{result.entries}条")
            if result.last_id is not None:
                self.stdout.write(f"最后一条：第{result.last_id}条，哈希 {result.last_hash}")
            for name, _anchor in anchors:
                self.stdout.write(f"与锚点 {name} 相符")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        raise CommandError(
            f"变更记录不完整：共{result.entries}条，发现{len(result.problems)}处问题（见上）。"
        )

    def anchor(self, output):
        text = chain.anchor_text(
            chain.anchor_of(AuditHead.objects.filter(pk=chain.HEAD_PK).first())
        )
        if not output:
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"无法写入锚点文件 {path}：{exc.strerror or exc}") from exc
        self.stdout.write(f"链头已写入 {path}：请与备份分开保存，核验时用 --anchor 比对。")

"""`econdesk import FILE… [--dry-run] [--layout 版式]`: load bulletins, tidy tables and targets into the ledger.

Refused imports print every problem in Chinese on stderr and exit non-zero; nothing is written.
Findings of the data checks (校验提示) are listed by --dry-run; a real import with findings stops
(exit 3, nothing written) unless --explain "…" says why the figures stand; it is recorded with them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from econdesk.accounts.cli_actor import command_user
from econdesk.ledger.importing import FindingsUnexplained, ImportFailed, import_files


class Command(BaseCommand):
    help = "导入市统计月报（宽表）、规整数据表或目标表；任何一处错误则全部不写入"

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help=".xlsx、.xls、.ods、CSV、.docx 或 PDF 文件"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="试导入：列出将发生的变化，不写入"
        )
        parser.add_argument("--region", help="月报标题未写明城市时，指定城市（如 示范市）")
        parser.add_argument("--period", help="月报标题未写明期别时，指定期别（如 2022-02）")
        parser.add_argument("--total", help="合计行的名称（全市、全省、全国之外）")
        parser.add_argument("--parent", help="上级地区；文件中尚未建立的地区在其下新建（如 全国）")
        parser.add_argument(
            "--accept-new",
            action="store_true",
            help="接受试导入列出的建议：新建文件中台账尚未建立的指标和地区，或将其并入已有（作别名）",
        )
        parser.add_argument(
            "--answers",
            metavar="FILE",
            help="逐项指定新名称如何处理的JSON文件（格式见 docs/formats.md“新名称”一节）",
        )
        parser.add_argument(
            "--explain",
            metavar="说明",
            help="数据校验有提示时，确认数据无误的说明（必填才能导入；随数据记录）",
        )
        parser.add_argument(
            "--layout",
            metavar="版式",
            help="按已保存的版式读取（在导入页映射一次；不指定时表头与某版式相同的文件自动按其读取）",
        )
        parser.add_argument("--user", help="以哪位用户的名义导入（默认：命令行账户）")

    def handle(self, *args, **options):
        user = command_user(options["user"])
        try:
            report = import_files(
                user,
                options["files"],
                dry_run=options["dry_run"],
                region=options["region"],
                period=options["period"],
                total=options["total"],
                parent=options["parent"],
                accept_new=options["accept_new"],
                answers=options["answers"],
                explanation=options["explain"],
                layout=options["layout"],
            )
        except ImportFailed as exc:
            self.stderr.write(exc.render())
            if exc.proposals:
                self.stderr.write("试导入（--dry-run）可列出全部建议；接受建议：--accept-new")
            raise CommandError(f"导入未执行：共{len(exc.problems)}处问题", returncode=2) from None
        except FindingsUnexplained as exc:
            self.stderr.write(exc.render())
            raise CommandError(
                f"导入未执行：数据校验有{len(exc.findings)}处提示，请修改文件或用 --explain 写明说明",
                returncode=3,
            ) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(report.render())

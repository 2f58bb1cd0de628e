"""`econdesk audit verify`: check that no change record was edited, removed or reordered.

Walks the hash chain from the first entry, compares its end with the checkpoint (count and last
hash, kept in the same transaction as every entry) and checks that the database still has its
append-only triggers. Exit status 0 when intact; 1 with each problem (in Chinese) otherwise.
"""

from django.core.management.base import BaseCommand, CommandError

from econdesk.audit.services import verify


class Command(BaseCommand):
    help = "变更记录：verify 校验哈希链与检查点，找出被改动、删除或调换的记录"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", title="子命令", required=True)
        sub.add_parser("verify", help="校验全部变更记录（完整时退出码为 0）")

    def handle(self, *args, **options):
        if options["subcommand"] == "verify":
            return self.verify()
        raise CommandError(f"未知的子命令“{options['subcommand']}”。")  # pragma: no cover

    def verify(self):
        result = verify()
        if result.intact:
            self.stdout.write(f"变更记录完整：共{result.entries}条")
            if result.last_id is not None:
                self.stdout.write(f"最后一条：第{result.last_id}条，哈希 {result.last_hash}")
            return
        for problem in result.problems:
            self.stderr.write(problem)
        raise CommandError(
            f"变更记录不完整：共{result.entries}条，发现{len(result.problems)}处问题（见上）。"
        )

"""The `econdesk` console script: Django's manage.py under the project's own name.

`econdesk import FILE…`, `econdesk analyze …`, `econdesk runserver` and every Django command.

Start-up. Django runs its system checks before a command, and some of them load the whole web
layer: the URL checks import the URL configuration (every view, and through the views DRF,
matplotlib, openpyxl, python-docx), the template and admin checks import every template-tag
library. That made `econdesk analyze` 3.6× slower than the same command with --skip-checks.
Those checks are about serving pages, so plain commands (import, analyze, bulletin, backup,
audit …) run every other check — models, database, caches, files, security, static files,
translation, commands — and skip the server's (SERVER_CHECK_TAGS); the commands that serve or
check the project — `runserver`, `check`, `test`, `migrate` — run their own full checks as
Django ships them, so `econdesk check` (also in CI and `make check`) still checks it all.
bench/startup.py measures the difference (figures in bench/README.md).
"""

from __future__ import annotations

import os
import sys

# Checks that only matter to a process serving pages or the API (see the module docstring):
# urls — imports the URL configuration, hence every view; templates — imports every template-tag
# library; admin — the back office's ModelAdmins, and it builds the template engines (importing
# the tag libraries again); compatibility — DRF's pagination settings (imports DRF's pagination
# and through it psycopg) and Django's CSRF_TRUSTED_ORIGINS form.
SERVER_CHECK_TAGS = frozenset({"urls", "templates", "admin", "compatibility"})


def narrow_checks(command) -> None:
    """Let `command` run every system check except the server's (its own tag list if it has
    one); commands that run no checks, or their own (runserver, check, migrate, test), are
    left alone."""
    wanted = command.requires_system_checks
    if not wanted:
        return
    from django.core.checks.registry import registry
    from django.core.management.base import ALL_CHECKS

    tags = set(registry.tags_available()) if wanted == ALL_CHECKS else set(wanted)
    kept = sorted(tags - SERVER_CHECK_TAGS)
    if kept:  # an empty list would also drop the command's --skip-checks option
        command.requires_system_checks = kept


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
    from django.core.management import ManagementUtility

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            command = super().fetch_command(subcommand)
            narrow_checks(command)
            return command

    Utility(list(sys.argv if argv is None else argv)).execute()


if __name__ == "__main__":
    main()

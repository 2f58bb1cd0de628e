"""The `econdesk` console script: Django's manage.py under the project's own name.

`econdesk import FILE…`, `econdesk analyze …`, `econdesk runserver` and every Django command.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

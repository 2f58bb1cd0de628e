"""Django's `flush`, able to empty the change record too.

The append-only triggers (econdesk/audit/guards.py) refuse the DELETE / TRUNCATE that flush
issues. Flush empties every table — the chain and its checkpoint alike, leaving a consistent
empty chain — so the triggers are lifted for it and put back straight after. Transactional
tests flush between tests, which is why this override exists.
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from econdesk.audit import guards


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        with guards.lifted(connection):
            return super().handle(**options)

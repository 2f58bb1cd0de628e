"""Fixtures shared with the concurrency tests: the import fixtures of tests/ledger, the
reporting city, the project builder and the supervised-task builder."""

from tests.ledger.conftest import bulletin_rows, counts, importer  # noqa: F401
from tests.projects.conftest import home, make_project  # noqa: F401
from tests.reporting.conftest import city, output  # noqa: F401
from tests.supervision.conftest import leader, make_task  # noqa: F401

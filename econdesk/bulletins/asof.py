"""Read the ledger as it stood at a moment: the observation versions with created_at ≤ then.

A correction adds a new Observation version and retires the old one (is_current=False), so the
figures a bulletin used are still there. The analysis readers (load_panel_facts, build_panel,
estimate_for) take the versions to read as a parameter, ``observations``; given none they read
econdesk.ledger.asof.current_observations(), which inside :func:`observations_as_of` answers
with the versions as of its moment — in this context (thread / task) only. Nothing is patched.

Targets, leaders and departments' notes are not versioned; an archived bulletin's snapshot
keeps them as they were.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from django.db.models import QuerySet

from econdesk.ledger import asof


def versions_as_of(moment: datetime) -> QuerySet:
    """For each region × indicator × period × kind, the newest version created by ``moment``
    (pass it as ``observations=`` to build_panel, load_panel_facts or estimate_for)."""
    return asof.observations_as_of(moment)


@contextmanager
def observations_as_of(moment: datetime):
    """Within the block, panels and GDP estimates built in this context read as of ``moment``."""
    with asof.reading_as_of(moment):
        yield

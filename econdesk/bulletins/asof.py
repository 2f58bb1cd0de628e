"""Read the ledger as it stood at a moment: the observation versions with created_at ≤ then.

A correction adds a new Observation version and retires the old one (is_current=False), so the
figures a bulletin used are still there. The analysis modules ask for
``Observation.objects.filter(is_current=True, …)``; inside :func:`observations_as_of` they are
handed, instead, the version of each cell that was current at the moment: the newest version
created at or before it. Nothing in econdesk.analysis is edited: for the duration, those
modules see a stand-in for the Observation model that answers with the as-of versions in the
context (thread / task) that asked, and with the real model everywhere else.

Targets, leaders and departments' notes are not versioned; an archived bulletin's snapshot
keeps them as they were.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from importlib import import_module

from django.db.models import Exists, OuterRef, QuerySet

from econdesk.ledger.models import Observation

# The analysis modules that read observations for a panel or a GDP estimate.
READERS = ("econdesk.analysis.facts", "econdesk.analysis.gdp_estimate")

_moment: ContextVar[datetime | None] = ContextVar("econdesk_bulletins_as_of", default=None)
_lock = threading.Lock()
_active = 0


class AsOfQuerySet(QuerySet):
    """Observations already narrowed to one version per cell; ``is_current`` is ignored."""

    def filter(self, *args, **kwargs):
        kwargs.pop("is_current", None)
        return super().filter(*args, **kwargs)


def versions_as_of(moment: datetime) -> QuerySet:
    """For each region × indicator × period × kind, the newest version created by ``moment``."""
    newer = Observation.objects.filter(
        region=OuterRef("region"),
        indicator=OuterRef("indicator"),
        period=OuterRef("period"),
        kind=OuterRef("kind"),
        version__gt=OuterRef("version"),
        created_at__lte=moment,
    )
    return AsOfQuerySet(model=Observation).filter(created_at__lte=moment).filter(~Exists(newer))


class _ObservationStandIn:
    """Behaves as the Observation model; its ``objects`` follow the as-of moment if one is set."""

    def __getattr__(self, name):
        return getattr(Observation, name)

    @property
    def objects(self):
        moment = _moment.get()
        return Observation.objects if moment is None else versions_as_of(moment)


_STAND_IN = _ObservationStandIn()


@contextmanager
def observations_as_of(moment: datetime):
    """Within the block, panels and GDP estimates built in this context read as of ``moment``."""
    global _active
    token = _moment.set(moment)
    with _lock:
        if _active == 0:
            for name in READERS:
                import_module(name).Observation = _STAND_IN
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                for name in READERS:
                    import_module(name).Observation = Observation
        _moment.reset(token)

"""The ledger as it stood at a moment: for each cell the newest version created by then.

A correction never overwrites a figure: it adds a version and retires the old one
(``is_current=False``). So the figure of a cell (region × indicator × period × kind) at a moment
is its version with the highest number among those created at or before that moment; a cell
whose first version came later did not exist yet.

The readers of the analysis (``load_panel_facts``, ``build_panel``, ``estimate_for``) take the
versions to read as a parameter, ``observations``; without it they read
:func:`current_observations` — the current versions, or, inside :func:`reading_as_of`, the
versions as of its moment (how a bulletin is re-read as it stood when it was issued).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from econdesk.ledger.models import Observation

_moment: ContextVar[datetime | None] = ContextVar("econdesk_ledger_as_of", default=None)


def observations_as_of(moment: datetime) -> QuerySet:
    """Observations narrowed to one version per cell: the newest created at or before ``moment``.

    Filter it further like any Observation queryset (but not by ``is_current``, which tells
    whether a version is current *now*). Portable SQL: a correlated NOT EXISTS on the cell's
    unique (region, indicator, period, kind, version) index.
    """
    newer = Observation.objects.filter(
        region=OuterRef("region"),
        indicator=OuterRef("indicator"),
        period=OuterRef("period"),
        kind=OuterRef("kind"),
        version__gt=OuterRef("version"),
        created_at__lte=moment,
    )
    return Observation.objects.filter(created_at__lte=moment).exclude(Exists(newer))


def current_observations() -> QuerySet:
    """The versions the analysis reads by default: current ones, or as of the moment set by
    :func:`reading_as_of` in this context (thread / task)."""
    moment = _moment.get()
    if moment is None:
        return Observation.objects.filter(is_current=True)
    return observations_as_of(moment)


@contextmanager
def reading_as_of(moment: datetime | None) -> Iterator[None]:
    """Within the block, readers given no ``observations`` read the ledger as of ``moment``
    (``None``: as it is now). Only this context is affected; other requests are not."""
    token = _moment.set(moment)
    try:
        yield
    finally:
        _moment.reset(token)


def reading_moment() -> datetime | None:
    """The moment set by :func:`reading_as_of` in this context, if any."""
    return _moment.get()

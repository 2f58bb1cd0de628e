"""Retry timing and robot rate limits, as plain arithmetic. No Django.

Backoff: 30 s, 1 min, 2 min, 4 min … doubling, at most 1 hour, with a little jitter given by
the caller; after MAX_ATTEMPTS a message is marked failed (about a day of trying).
"""

from __future__ import annotations

from datetime import datetime, timedelta

BASE_SECONDS = 30
CAP_SECONDS = 3600
MAX_ATTEMPTS = 30
WINDOW = timedelta(seconds=60)


def backoff_seconds(attempts: int, jitter: float = 0.0) -> float:
    """Seconds to wait after the ``attempts``-th failed try (1-based); jitter in [0, 1)."""
    delay = min(CAP_SECONDS, BASE_SECONDS * 2 ** max(0, attempts - 1))
    return delay * (1 + 0.1 * jitter)


def next_slot(recent: list[datetime], now: datetime, per_minute: int) -> datetime:
    """When the next message may go, given the start times of the tries in the last minute:
    ``now`` while fewer than ``per_minute`` went in the 60 s before it, else the moment the
    oldest of them leaves the window."""
    if per_minute <= 0:
        return now
    inside = sorted(t for t in recent if now - t < WINDOW)
    if len(inside) < per_minute:
        return now
    return inside[len(inside) - per_minute] + WINDOW

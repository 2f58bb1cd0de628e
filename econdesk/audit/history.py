"""Kept for old imports: the change record is worded in econdesk/audit/labels.py."""

from econdesk.audit.labels import *  # noqa: F403
from econdesk.audit.labels import _field, plain_number  # noqa: F401

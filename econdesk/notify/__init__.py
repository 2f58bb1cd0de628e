"""Pushing events to where people work: 政务微信/企业微信 and 钉钉 group robots, SMS, e-mail.

Services call ``notify.emit(kind, **objects)`` inside their own transaction; it only writes
an outbox row. ``econdesk deliver`` (timer) turns outbox rows into messages per channel and
recipient and sends them (econdesk/notify/worker.py). See docs/notify.md.
"""


def emit(kind: str, **payload):
    """Record an event in the outbox, in the caller's transaction (see notify.outbox.emit)."""
    from econdesk.notify.outbox import emit as _emit

    return _emit(kind, **payload)

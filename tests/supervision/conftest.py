"""Supervision fixtures: uploads under a temporary MEDIA_ROOT, and a task 经信局 leads."""

from __future__ import annotations

from datetime import date

import pytest

from econdesk.accounts.models import Department, Leader
from econdesk.supervision import services
from econdesk.supervision.models import SupervisedTask

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


@pytest.fixture
def leader(db):
    return Leader.objects.create(name="李晓梅", title="副区长", portfolio="工业")


@pytest.fixture
def make_task(people, leader):
    """make_task(deadline=…, lead="经信局", cooperating=("商务局",)) by the supervisor sue."""

    def make(deadline=date(2026, 12, 15), lead="经信局", cooperating=(), **extra) -> SupervisedTask:
        draft = services.TaskDraft(
            title=extra.pop("title", "规上工业增加值增速回升"),
            content=extra.pop("content", "走访重点企业，推动停产企业复产。"),
            lead_department=dept(lead),
            cooperating=[dept(c) for c in cooperating],
            leader=leader,
            deadline=deadline,
            assigned_on=extra.pop("assigned_on", date(2026, 11, 1)),
            **extra,
        )
        return services.create_task(people["supervisor"], draft, today=date(2026, 11, 1))

    return make

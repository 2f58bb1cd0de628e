"""Seeding through the one door in bulk: every standard department and indicator is recorded,
the chain still verifies, and a user without the right creates nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from econdesk.accounts.models import Department, Role, User
from econdesk.accounts.standard import STANDARD_DEPARTMENTS
from econdesk.audit import changes
from econdesk.audit.models import AuditHead, ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.ledger.catalogue import catalogue_entries
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import ensure_standard_catalogue


def created(model) -> list[ChangeRecord]:
    return list(
        ChangeRecord.objects.filter(object_type=model._meta.label, action="create").order_by("id")
    )


@pytest.mark.django_db
def test_the_standard_catalogue_is_recorded_row_by_row(system_user):
    indicators = ensure_standard_catalogue(system_user)
    assert len(indicators) == len(catalogue_entries()) == Indicator.objects.count()
    assert Department.objects.count() == len(STANDARD_DEPARTMENTS)
    records = created(Indicator)
    assert sorted(r.object_id for r in records) == sorted(str(i.pk) for i in indicators.values())
    fai = next(r for r in records if r.object_id == str(indicators["fai"].pk))
    assert fai.after["name"] == indicators["fai"].name and fai.user_name == "命令行"
    assert fai.reason == "标准指标目录" and fai.before is None
    assert {r.object_repr for r in created(Department)} == {
        name for name, _ in STANDARD_DEPARTMENTS
    }
    assert verify_chain() == []
    head = AuditHead.objects.get()
    assert head.entries == ChangeRecord.objects.count()
    assert head.last_id == ChangeRecord.objects.order_by("-id").first().id


@pytest.mark.django_db
def test_a_second_run_creates_and_records_nothing(system_user):
    ensure_standard_catalogue(system_user)
    before = ChangeRecord.objects.count()
    ensure_standard_catalogue(system_user)
    assert ChangeRecord.objects.count() == before
    assert verify_chain() == []


@pytest.mark.django_db
def test_a_name_the_installation_already_uses_is_kept_as_theirs(system_user):
    entry = catalogue_entries()[0]
    fields = {k: v for k, v in entry.items() if k not in ("lead", "code")}
    mine = Indicator(code="my-own", **fields)
    changes.save(system_user, "ledger.edit_catalogue", mine, reason="本地指标")
    indicators = ensure_standard_catalogue(system_user)
    assert entry["code"] not in indicators
    assert Indicator.objects.get(name=entry["name"]).code == "my-own"


@pytest.mark.django_db
def test_a_user_without_the_right_creates_nothing(system_user):
    clerk = User.objects.create_user(username="c", password="Econdesk-test-2026", role=Role.CLERK)
    before = ChangeRecord.objects.count()
    with pytest.raises(PermissionDenied):
        changes.create_many(clerk, "org.manage", [Department(name="区某局", short_name="某局")])
    assert not Department.objects.filter(short_name="某局").exists()
    assert ChangeRecord.objects.count() == before

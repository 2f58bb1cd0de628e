"""The GDP estimate's value-added indicators are created through the catalogue's one door."""

import pytest
from django.core.exceptions import PermissionDenied

from econdesk.analysis.gdp import value_added
from econdesk.audit import changes
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.ledger.gdp_defaults import VALUE_ADDED
from econdesk.ledger.models import Indicator


def test_they_are_created_through_the_door_once_and_recorded(people, monkeypatch):
    through_door = []
    door = changes.save

    def spy(user, action, obj, **kwargs):
        through_door.append((action, obj.code))
        return door(user, action, obj, **kwargs)

    monkeypatch.setattr(changes, "save", spy)
    made = value_added.ensure_value_added_indicators(people["admin"])
    codes = {code for code, _ in VALUE_ADDED.values()}
    assert {i.code for i in made.values()} == codes
    assert through_door and all(a == "ledger.edit_catalogue" for a, _ in through_door)
    assert {c for _, c in through_door} == codes
    records = ChangeRecord.objects.filter(reason="GDP测算：行业增加值", action="create")
    assert records.count() == len(codes)
    assert all(not i.is_active for i in Indicator.objects.filter(code__in=codes))
    value_added.ensure_value_added_indicators(people["admin"])  # never twice
    assert records.count() == len(codes) and verify_chain() == []


def test_only_a_catalogue_editor_may_create_them(people):
    with pytest.raises(PermissionDenied):
        value_added.ensure_value_added_indicators(people["leader"])
    assert not ChangeRecord.objects.filter(reason="GDP测算：行业增加值").exists()

"""The one rule book: who may do what."""

import pytest
from django.core.exceptions import PermissionDenied

from econdesk.accounts import permissions
from econdesk.ledger.models import Indicator


@pytest.fixture
def industry(catalogue):
    return Indicator.objects.get(code="industry_va")  # led by 经信局


def test_it_lets_every_role_read(people):
    for user in people.values():
        assert permissions.can(user, "ledger.read")


def test_it_refuses_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.can(AnonymousUser(), "ledger.read")
    with pytest.raises(PermissionDenied, match="请先登录"):
        permissions.require(AnonymousUser(), "ledger.read")


def test_it_lets_only_admins_and_reviewers_import(people):
    allowed = {name for name, u in people.items() if permissions.can(u, "ledger.import")}
    assert allowed == {"admin", "reviewer"}


def test_it_lets_a_clerk_report_only_what_their_department_leads(people, industry):
    assert permissions.can(people["clerk"], "ledger.report_estimate", industry)
    assert not permissions.can(people["other_clerk"], "ledger.report_estimate", industry)
    with pytest.raises(PermissionDenied) as refusal:
        permissions.require(people["other_clerk"], "ledger.report_estimate", industry)
    message = str(refusal.value)
    assert (
        "规模以上工业增加值" in message
        and "区经济和信息化局牵头" in message
        and "区商务局无权填报" in message
    )


def test_it_refuses_leaders_any_write(people, industry):
    leader = people["leader"]
    for action in ["ledger.import", "ledger.edit_target", "ledger.report_estimate", "org.manage"]:
        assert not permissions.can(leader, action, industry)
    with pytest.raises(PermissionDenied, match="领导"):
        permissions.require(leader, "ledger.import")


def test_it_refuses_an_inactive_user(people):
    user = people["admin"]
    user.is_active = False
    assert not permissions.can(user, "ledger.read")

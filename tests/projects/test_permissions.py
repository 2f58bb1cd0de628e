"""The projects actions in the one rule book, and configuration kept to administrators."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.projects.models import ProjectRules, ScaleThreshold
from econdesk.projects.services import save_rules, save_threshold


def allowed(people, action, obj=None):
    return {name for name, user in people.items() if permissions.can(user, action, obj)}


def test_it_lets_every_role_read_the_registers(people):
    assert allowed(people, "projects.read") == set(people)


def test_it_lets_admins_reviewers_and_clerks_edit(people):
    assert allowed(people, "projects.edit") == {"admin", "reviewer", "clerk", "other_clerk"}


def test_it_lets_a_clerk_edit_only_what_their_department_leads(people, make_project):
    project = make_project()  # led by 经信局
    assert allowed(people, "projects.edit", project) == {"admin", "reviewer", "clerk"}
    assert allowed(people, "projects.import", project) == {"admin", "reviewer", "clerk"}
    message = permissions.refusal_message(people["other_clerk"], "projects.edit", project)
    assert message == "“锂电池正极材料项目”由区经济和信息化局牵头，区商务局无权修改。"
    assert "领导" in permissions.refusal_message(people["leader"], "projects.edit", project)


def test_it_keeps_configuration_to_administrators(people):
    assert allowed(people, "projects.configure") == {"admin"}
    rules = ProjectRules.current()
    rules.lag_yellow_pp = Decimal(15)
    with pytest.raises(PermissionDenied):
        save_rules(people["reviewer"], rules)
    save_rules(people["admin"], rules)
    assert ProjectRules.current().lag_yellow_pp == Decimal(15)
    retail = ScaleThreshold.objects.get(code="retail")
    retail.amount = Decimal(600)
    save_threshold(people["admin"], retail)
    change = ChangeRecord.objects.get(object_type="projects.ScaleThreshold")
    assert change.before["amount"] == "500.0000" and change.after["amount"] == "600"

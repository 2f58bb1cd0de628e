"""The back office's lists read as numbers by unit: no database zeros ("945.000000",
"6.0000") and no code words ("supervision.SupervisedTask", "web") in what a list shows."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record
from econdesk.ledger.models import GdpSector, Target
from econdesk.ledger.services.gdp import save_gdp_sector
from tests.trust.world import build
from tests.web.crawl import RAW_DECIMAL, read_page

PASSWORD = "Econdesk-test-2026"
# Django's model label, as stored in ChangeRecord.object_type: app.Model
MODEL_LABEL = re.compile(r"\b[a-z_]+\.[A-Z][A-Za-z]+\b")
RAW = re.compile(RAW_DECIMAL.pattern + r"\b")
CHANGED = [
    "admin:ledger_gdpsector_changelist",
    "admin:projects_majorproject_changelist",
    "admin:projects_investmentdeal_changelist",
    "admin:projects_upwardfunding_changelist",
    "admin:projects_enterprise_changelist",
    "admin:projects_scalethreshold_changelist",
    "admin:audit_changerecord_changelist",
]


@pytest.fixture
def rows(people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build(people, sample_city)
    home = sample_city[1]["东城区"]
    save_gdp_sector(
        people["admin"],
        GdpSector(region=home, code="industry", name="工业", group="secondary",
                  weight=Decimal("945"), elasticity=Decimal("1.0000"),
                  price_change=Decimal("0.000"), manual_growth=Decimal("6.000")),
    )  # fmt: skip
    # a record written by older code, named by the model's label
    record(
        user=people["admin"], action=ChangeRecord.Action.UPDATE,
        object_type="supervision.SupervisedTask", object_id=15,
        object_repr="supervision.SupervisedTask #15", before={}, after={}, reason="旧记录",
    )  # fmt: skip
    return world


def _text(client, name, *, with_rows=False):
    assert client.login(username="alice", password=PASSWORD)
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    if with_rows:
        assert response.context["cl"].result_count > 0, f"{name} 没有数据，检查无意义"
    text, _links = read_page(response.content.decode())
    return text


@pytest.mark.parametrize("name", CHANGED)
def test_a_changed_list_shows_plain_numbers_and_chinese_names(client, rows, name):
    text = _text(client, name, with_rows=True)
    assert not RAW.findall(text), RAW.findall(text)
    assert not MODEL_LABEL.findall(text), MODEL_LABEL.findall(text)


def test_every_list_of_the_back_office_reads_as_numbers(client, rows):
    found = {}
    for model in admin.site._registry:
        meta = model._meta
        assert client.login(username="alice", password=PASSWORD)
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if response.status_code == 403:  # a screen the rule book keeps closed (用户组)
            continue
        assert response.status_code == 200, meta.label
        text, _links = read_page(response.content.decode())
        problems = RAW.findall(text) + MODEL_LABEL.findall(text)
        if problems:
            found[meta.label] = problems[:5]
    assert not found, found


def test_the_lists_show_the_figures_as_typed_and_the_kinds_by_name(client, rows):
    sectors = _text(client, "admin:ledger_gdpsector_changelist")
    assert "945" in sectors.split() and "6" in sectors.split()
    records = _text(client, "admin:audit_changerecord_changelist")
    assert "督办事项" in records and "督办事项第15号" in records
    assert "网页" in records or "系统" in records or "命令行" in records


RAW_VALUE = re.compile(r'value="(-?\d+\.\d*0000)"')


def test_every_detail_screen_of_the_back_office_reads_as_numbers(client, rows):
    """A row opened in the back office — editable (a box) or read-only (text) — shows its
    figures as typed, never the database's places."""
    assert client.login(username="alice", password=PASSWORD)
    found, opened = {}, 0
    for model in admin.site._registry:
        meta = model._meta
        obj = model._default_manager.first()
        if obj is None:
            continue
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change",
                                      args=[obj.pk]))  # fmt: skip
        if response.status_code == 403:
            continue
        assert response.status_code == 200, meta.label
        opened += 1
        html = response.content.decode()
        text, _links = read_page(html)
        problems = RAW.findall(text) + RAW_VALUE.findall(html) + MODEL_LABEL.findall(text)
        if problems:
            found[meta.label] = problems[:5]
    assert opened >= 20
    assert not found, found


def test_a_figure_opened_read_only_and_editable_is_the_one_typed(client, rows):
    assert client.login(username="alice", password=PASSWORD)
    sector = GdpSector.objects.get(code="industry")
    html = client.get(reverse("admin:ledger_gdpsector_change", args=[sector.pk])).content.decode()
    assert 'name="weight"' in html and 'value="945"' in html
    target = Target.objects.exclude(growth=None).first()
    assert str(target.growth) == "6.0000"
    html = client.get(reverse("admin:ledger_target_change", args=[target.pk])).content.decode()
    text, _links = read_page(html)
    assert "6.0" in text.split() and "6.0000" not in text  # the indicator's one decimal
    record = ChangeRecord.objects.filter(object_type="ledger.GdpSector").first()
    html = client.get(reverse("admin:audit_changerecord_change", args=[record.pk])).content.decode()
    text, _links = read_page(html)
    assert "权重（上年同期增加值）：— → 945" in text and "地区：— → 东城区" in text

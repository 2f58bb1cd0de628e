"""映射版式 through the Django client: a file no reader recognises is mapped on the page, saved
as a layout, previewed with it, and next month's file is read with it without a question."""

from __future__ import annotations

import pytest
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Layout, Observation
from econdesk.reporting.models import StagedImport
from tests.ledger import city_month as month
from tests.reporting.test_import_pages import staged_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client, people, sample_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert client.login(username="rita", password="Econdesk-test-2026")
    return client


def form_data(page_form, **changes) -> dict:
    """The mapping form as the page filled it in (its initial values), with changes."""
    data = {}
    for name in page_form.fields:
        value = page_form[name].value()
        data[name] = "" if value is None else value
    data.update(changes)
    return data


def mapped(**extra) -> dict:
    """What the person says each column holds, as form fields."""
    data = {"name": "霁川市月报（序号横排）", "header_row": 3, "region_column": 1}
    for column, indicator, measure, unit in month.flat_columns():
        data[f"c{column}"] = indicator
        data[f"c{column}-measure"] = measure
        data[f"c{column}-unit"] = unit
    return {**data, **extra}


def test_an_unrecognised_file_is_offered_the_mapping_and_it_guesses(reviewer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-10月.xlsx")
    staged = staged_of(upload(reviewer, path))
    assert staged.status == StagedImport.Status.FAILED
    preview = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert "未找到表头" in preview
    assert reverse("reporting:import-layout", args=[staged.pk]) in preview
    response = reviewer.get(reverse("reporting:import-layout", args=[staged.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["header_row"].value() == 3 and form["region_column"].value() == 1
    # 社零1-10月累计 (column H): the year-to-date value of 社零, which the catalogue knows
    # as an alias of 社会消费品零售总额.
    assert form["c7-measure"].value() == "value" and form["c7"].value() == "社会消费品零售总额"
    assert form["c8-measure"].value() == "growth"
    page = response.content.decode()
    assert "社零1-10月累计" in page and "区划" in page


def test_the_mapping_is_saved_recorded_and_previews_the_file(reviewer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-10月.xlsx")
    staged = staged_of(upload(reviewer, path))
    response = reviewer.post(reverse("reporting:import-layout", args=[staged.pk]), mapped())
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.status == StagedImport.Status.PREVIEWED, staged.preview
    assert staged.options["layout"] == "霁川市月报（序号横排）"
    assert staged.preview["files"][0]["layouts"] == ["霁川市月报（序号横排）"]
    assert staged.preview["created"] == 54
    layout = Layout.objects.get()
    record = ChangeRecord.objects.get(object_type="ledger.Layout")
    assert record.user.username == "rita" and record.after["header_row"] == 3
    preview = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert "按版式“霁川市月报（序号横排）”读取" in preview
    digest = staged.preview_digest
    reviewer.post(reverse("reporting:import-confirm", args=[staged.pk]), {"digest": digest})
    assert Observation.objects.filter(region__name="霁东区").count() == 6
    # Next month: one upload, read with the layout, nothing to map.
    title = month.TITLE.replace("1-10月", "1-11月")
    second = month.write_flat_xlsx(tmp_path / "霁川-11月.xlsx", title=title, months="1-11月")
    nxt = staged_of(upload(reviewer, second))
    assert nxt.status == StagedImport.Status.PREVIEWED
    assert nxt.preview["files"][0]["layouts"] == [layout.name] and nxt.preview["created"] == 54


def test_a_wrong_mapping_is_refused_at_its_field_and_saves_nothing(reviewer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-10月.xlsx")
    staged = staged_of(upload(reviewer, path))
    data = mapped(**{"c5": "固定资产投资", "c6": "固定资产投资", "c6-measure": "growth"})
    response = reviewer.post(reverse("reporting:import-layout", args=[staged.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["c6"] == [
        "第G列与第F列都是“固定资产投资”的累计增速（%）"
    ]
    assert not Layout.objects.exists()
    staged.refresh_from_db()
    assert not staged.options.get("layout")


def test_a_saved_layout_is_listed_and_edited_with_its_sample(reviewer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-10月.xlsx")
    staged = staged_of(upload(reviewer, path))
    reviewer.post(reverse("reporting:import-layout", args=[staged.pk]), mapped())
    listing = reviewer.get(reverse("reporting:import-layouts")).content.decode()
    layout = Layout.objects.get()
    assert "霁川市月报（序号横排）" in listing and "霁川-10月.xlsx" in listing
    edit_url = reverse("reporting:import-layout-edit", args=[layout.pk])
    page = reviewer.get(edit_url)
    assert page.status_code == 200 and "社零1-10月累计" in page.content.decode()
    data = form_data(page.context["form"], name="霁川市月报")
    response = reviewer.post(edit_url, data)
    assert response.status_code == 302
    layout.refresh_from_db()
    assert layout.name == "霁川市月报" and layout.version == 2
    # A form from before that edit is stale.
    response = reviewer.post(edit_url, {**data, "name": "又一个名字", "version": 1})
    assert response.status_code == 400 and "该版式已被他人修改" in response.content.decode()


@pytest.mark.parametrize("username", ["colin", "leo", "sue"])
def test_only_importers_see_or_map_layouts(client, people, sample_city, username):
    assert client.login(username=username, password="Econdesk-test-2026")
    response = client.get(reverse("reporting:import-layouts"))
    assert response.status_code == 403 and "无权导入数据" in response.content.decode()

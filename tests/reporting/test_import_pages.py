"""数据导入 through the Django client: upload → preview (or every error at its cell) → confirm."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import ImportBatch, Observation, Target
from econdesk.reporting import imports
from econdesk.reporting.models import StagedImport
from tests.conftest import SAMPLE_BULLETIN, SAMPLE_TARGETS
from tests.helpers import write_figures

PASSWORD = "Econdesk-test-2026"
# The sample bulletin: 8 districts and the city total; 规上工业增加值 and 固投 give growth and
# rank, 社消零 and 一般公共预算收入 value, growth and rank → 36 cells, all new.
SAMPLE_CELLS = 36


@pytest.fixture
def reviewer(client, people, sample_city):
    assert client.login(username="rita", password=PASSWORD)
    return client


def upload(client, path, name=None, **options):
    data = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(reverse("reporting:import"), {"file": data, **options})


def broken_bulletin(tmp_path):
    """The sample bulletin with text in 东城区's 规上工业增加值 growth cell (B6)."""
    path = tmp_path / SAMPLE_BULLETIN.name
    shutil.copy(SAMPLE_BULLETIN, path)
    wb = openpyxl.load_workbook(path)
    wb.active["B6"] = "八点二"
    wb.save(path)
    return path


def staged_of(response) -> StagedImport:
    assert response.status_code == 302, response.content.decode()[:500]
    return StagedImport.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_it_shows_every_error_at_its_cell_and_writes_nothing(reviewer, tmp_path):
    staged = staged_of(upload(reviewer, broken_bulletin(tmp_path)))
    assert staged.status == "failed"
    page = reviewer.get(reverse("reporting:import-preview", args=[staged.pk]))
    html = page.content.decode()
    assert "发现1处问题" in html and "未写入任何数据" in html
    assert staged.preview["problems"] == [
        {
            "file": "city-bulletin-2022-02.xlsx",
            "sheet": "1-2月",
            "row": 6,
            "column": "B",
            "message": staged.preview["problems"][0]["message"],
            "where": staged.preview["problems"][0]["where"],
        }
    ]
    assert "八点二" in staged.preview["problems"][0]["message"]
    assert "确认导入" not in html
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


def test_it_previews_new_cells_and_imports_them_on_confirmation(reviewer, settings):
    staged = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    assert staged.status == "previewed"
    assert (imports.upload_path(staged.sha256)).read_bytes() == SAMPLE_BULLETIN.read_bytes()
    assert not Observation.objects.exists()  # a preview writes nothing

    html = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert f"新增 <strong>{SAMPLE_CELLS}</strong> 条" in html and "确认导入" in html
    cells = staged.preview["files"][0]["new_cells"]
    dongcheng = next(
        c for c in cells if c["region"] == "东城区" and c["indicator"] == "规模以上工业增加值"
    )
    assert (dongcheng["period"], dongcheng["growth"], dongcheng["rank"]) == ("2022-02", "8.2", 3)

    response = reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]), {"digest": staged.preview_digest}
    )
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.status == "imported" and staged.imported_by.username == "rita"
    assert Observation.objects.filter(kind="actual").count() == SAMPLE_CELLS
    assert staged.batch_ids == list(ImportBatch.objects.values_list("pk", flat=True))
    page = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert f"导入完成：新增{SAMPLE_CELLS}条，更正0条，未变0条" in page and "已导入" in page
    actions = list(
        ChangeRecord.objects.filter(object_type="reporting.StagedImport").values_list(
            "reason", flat=True
        )
    )
    assert actions == ["上传待导入文件并预览", "确认导入"]


def test_it_previews_revisions_with_before_and_after(reviewer, people, sample_city):
    _, members = sample_city
    write_figures(people["admin"], [(members["东城区"], "industry_va", "2022-02", None, "7.9", 3)])
    staged = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    revision = staged.preview["files"][0]["revisions"][0]
    assert (revision["region"], revision["before"]["growth"], revision["after"]["growth"]) == (
        "东城区",
        "7.9",
        "8.2",
    )
    html = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert "更正 <strong>1</strong> 条" in html and "7.9 → <strong>8.2</strong>" in html


def test_it_refuses_a_confirmation_when_the_data_changed_after_the_preview(
    reviewer, people, sample_city
):
    _, members = sample_city
    staged = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    old_digest = staged.preview_digest
    # Someone imports another figure for one of the file's cells in between.
    write_figures(people["admin"], [(members["东城区"], "industry_va", "2022-02", None, "7.9", 3)])
    observations = Observation.objects.count()

    response = reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]), {"digest": old_digest}, follow=True
    )
    assert "预览之后台账数据已发生变化，未导入任何数据" in response.content.decode()
    staged.refresh_from_db()
    assert staged.status == "previewed" and staged.preview_digest != old_digest
    assert staged.preview["created"] == SAMPLE_CELLS - 1 and staged.preview["revised"] == 1
    assert Observation.objects.count() == observations

    reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]), {"digest": staged.preview_digest}
    )
    staged.refresh_from_db()
    assert staged.status == "imported"
    assert Observation.objects.get(
        region=members["东城区"], indicator__code="industry_va", is_current=True
    ).growth == Decimal("8.2")


def test_it_refuses_a_confirmation_from_an_outdated_preview_page(reviewer):
    staged = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    response = reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]), {"digest": "0" * 64}, follow=True
    )
    assert "预览已被更新" in response.content.decode()
    assert not Observation.objects.exists()


def test_it_imports_a_file_only_once(reviewer):
    staged = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    confirm = reverse("reporting:import-confirm", args=[staged.pk])
    reviewer.post(confirm, {"digest": staged.preview_digest})
    response = reviewer.post(confirm, {"digest": staged.preview_digest}, follow=True)
    assert "该文件已导入，无需重复导入" in response.content.decode()
    assert ImportBatch.objects.count() == 1


def test_it_stores_the_same_bytes_once_and_shows_a_repeat_as_unchanged(reviewer, tmp_path):
    first = staged_of(upload(reviewer, SAMPLE_BULLETIN))
    reviewer.post(
        reverse("reporting:import-confirm", args=[first.pk]), {"digest": first.preview_digest}
    )
    second = staged_of(upload(reviewer, SAMPLE_BULLETIN, name="again.xlsx"))
    assert second.sha256 == first.sha256
    assert list((imports.upload_path(first.sha256).parent).iterdir()) == [
        imports.upload_path(first.sha256)
    ]
    assert (second.preview["created"], second.preview["unchanged"]) == (0, SAMPLE_CELLS)
    html = reviewer.get(reverse("reporting:import-preview", args=[second.pk])).content.decode()
    assert "没有需要导入的变化" in html


def test_it_imports_a_targets_file(reviewer):
    staged = staged_of(upload(reviewer, SAMPLE_TARGETS))
    assert staged.preview["targets"] == 10 and not Target.objects.exists()
    reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]), {"digest": staged.preview_digest}
    )
    assert Target.objects.count() == 10


def test_it_refuses_a_file_over_the_upload_limit(reviewer, settings):
    settings.ECONDESK_MAX_UPLOAD_BYTES = 1000
    response = upload(reviewer, SAMPLE_BULLETIN)
    assert response.status_code == 400
    assert "文件过大" in response.content.decode() and "上限为" in response.content.decode()
    assert not StagedImport.objects.exists()


def test_it_asks_for_a_file_in_chinese(reviewer):
    response = reviewer.post(reverse("reporting:import"), {})
    assert response.status_code == 400 and "请选择要导入的文件" in response.content.decode()


@pytest.mark.parametrize("username", ["colin", "leo", "sue"])
def test_it_refuses_the_import_pages_to_other_roles(client, people, sample_city, username):
    assert client.login(username=username, password=PASSWORD)
    response = client.get(reverse("reporting:import"))
    assert response.status_code == 403 and "无权导入数据" in response.content.decode()
    response = upload(client, SAMPLE_BULLETIN)
    assert response.status_code == 403 and not StagedImport.objects.exists()

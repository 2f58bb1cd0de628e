"""数据校验 on the pages: the import preview lists findings at their cells and confirming needs an
explanation; a department's estimate with findings is submitted only with one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import import_files
from econdesk.ledger.models import ImportBatch, Observation
from econdesk.reporting import services
from econdesk.reporting.models import ReportEvent
from econdesk.reporting.services import EstimateEntry
from tests.conftest import SAMPLE_BULLETIN
from tests.ledger.conftest import write_xlsx
from tests.ledger.test_import_checks import march_rows
from tests.reporting.conftest import ESTIMATE_PERIOD
from tests.reporting.test_import_pages import reviewer, staged_of, upload  # noqa: F401

EXPLANATION = "南湖区1-2月数据经市局核减，以本月为准"


@pytest.fixture
def staged(reviewer, people, tmp_path):  # noqa: F811
    import_files(people["admin"], [SAMPLE_BULLETIN])
    rows = march_rows(changes={("南湖区", "retail"): 39.5})
    path = write_xlsx(tmp_path / "city-bulletin-2022-03.xlsx", rows, sheet="1-3月")
    return staged_of(upload(reviewer, path))


def test_the_preview_lists_each_finding_at_its_cell(reviewer, staged):  # noqa: F811
    assert staged.status == "previewed" and staged.preview["findings_count"] == 1
    html = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert "数据校验提示（1处）" in html
    assert "<td>8</td><td>F</td><td>南湖区·社会消费品零售总额·2022年1-3月</td>" in html
    assert "累计值 39.5 低于上月累计 40.22（1-2月）" in html
    assert 'name="explanation"' in html and "确认数据无误并导入" in html


def test_confirming_without_an_explanation_is_refused_and_writes_nothing(reviewer, staged):  # noqa: F811
    observations, records = Observation.objects.count(), ChangeRecord.objects.count()
    response = reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]),
        {"digest": staged.preview_digest, "explanation": "  "},
        follow=True,
    )
    assert "数据校验有1处提示" in response.content.decode()
    staged.refresh_from_db()
    assert staged.status == "previewed"
    assert (Observation.objects.count(), ChangeRecord.objects.count()) == (observations, records)


def test_confirming_with_an_explanation_records_it_with_the_figures(reviewer, staged):  # noqa: F811
    response = reviewer.post(
        reverse("reporting:import-confirm", args=[staged.pk]),
        {"digest": staged.preview_digest, "explanation": EXPLANATION},
    )
    assert response.status_code == 302
    staged.refresh_from_db()
    assert staged.status == "imported" and staged.options["explanation"] == EXPLANATION
    batch = ImportBatch.objects.get(pk=staged.batch_ids[0])
    assert batch.summary["checks"]["explanation"] == EXPLANATION
    change = ChangeRecord.objects.get(action="import", object_id=str(batch.pk))
    assert EXPLANATION in change.reason
    assert change.after["checks"]["findings"][0]["where"].endswith("第8行 F列")
    confirmed = ChangeRecord.objects.filter(object_type="reporting.StagedImport").latest("id")
    assert EXPLANATION in confirmed.reason and confirmed.after["options"]["explanation"]
    page = reviewer.get(reverse("reporting:import-preview", args=[staged.pk])).content.decode()
    assert EXPLANATION in page


# --- estimates: 东城区's 规上工业总产值 1-2月 is 100.5 亿元, growth 5.2 % (conftest.city) ----------


def draft(user, indicator, entry):
    return services.save_draft(
        user, indicator=indicator, period=ESTIMATE_PERIOD, entry=entry, expected_version=0
    )


def test_an_estimate_with_findings_is_submitted_only_with_an_explanation(people, city, output):
    clerk = people["clerk"]
    entry = EstimateEntry(value=Decimal("98"), growth=Decimal("30"))
    found = services.estimate_findings(output, None, ESTIMATE_PERIOD, entry)
    assert [(f.check, f.place) for f in found] == [("ytd", "预计累计值"), ("jump", "预计增速")]
    assert found[0].message == "累计值 98 低于上月累计 100.5（1-2月），累计数不应回落"
    assert found[1].message == "增速 30% 较上期（1-2月）5.2% 提高 24.8 个百分点，超过 20 个百分点"
    report = draft(clerk, output, entry)
    with pytest.raises(ValidationError) as refused:
        services.submit(clerk, report, expected_version=1)
    assert "数据校验有2处提示" in str(refused.value.message_dict["explanation"])
    report.refresh_from_db()
    assert report.status == "draft"

    report = services.submit(clerk, report, expected_version=1, explanation="新投产企业3月入库")
    event = ReportEvent.objects.filter(report=report, action="submit").get()
    assert "说明：新投产企业3月入库" in event.reason
    assert event.after["checks"]["explanation"] == "新投产企业3月入库"
    assert "新投产企业3月入库" in ChangeRecord.objects.latest("id").reason
    services.approve(people["reviewer"], report, expected_version=report.version)
    batch = ImportBatch.objects.filter(kind="report").get()
    assert batch.summary["checks"]["findings"][1]["check"] == "jump"


def test_a_clean_estimate_needs_no_explanation(people, city, output):
    entry = EstimateEntry(value=Decimal("160.5"), growth=Decimal("6.5"))
    assert services.estimate_findings(output, None, ESTIMATE_PERIOD, entry) == []
    report = services.submit(people["clerk"], draft(people["clerk"], output, entry),
                             expected_version=1)  # fmt: skip
    assert report.status == "submitted"


def test_the_form_shows_the_findings_and_asks_for_the_explanation(client, people, city, output):
    assert client.login(username="colin", password="Econdesk-test-2026")
    url = reverse("reporting:report", args=[output.code, ESTIMATE_PERIOD.code])
    data = {"value": "98", "growth": "6", "version": "0", "action": "submit"}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400 and 'id="check-findings"' in html
    assert "预计累计值：累计值 98 低于上月累计 100.5（1-2月）" in html
    assert "数据校验有1处提示" in html and 'name="explanation"' in html
    response = client.post(url, {**data, "explanation": "一家企业数据更正"})
    assert response.status_code == 302
    assert "一家企业数据更正" in ReportEvent.objects.get(action="submit").reason

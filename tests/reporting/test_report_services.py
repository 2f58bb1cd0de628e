"""The life of a department report: draft → submit → return → resubmit → approve → ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from econdesk.analysis.panel import build_panel
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.ledger.models import ImportBatch, Observation
from econdesk.ledger.periods import PeriodKey
from econdesk.reporting import services
from econdesk.reporting.models import EstimateReport, ReportEvent
from econdesk.reporting.services import EstimateEntry
from tests.reporting.conftest import ESTIMATE_PERIOD

ENTRY = EstimateEntry(
    value=Decimal("160.5"),
    growth=Decimal("6.5"),
    problems="两家重点企业停产检修",
    plans="推动检修企业3月中旬复产",
)


def draft(user, indicator, entry=ENTRY, version=0):
    return services.save_draft(
        user, indicator=indicator, period=ESTIMATE_PERIOD, entry=entry, expected_version=version
    )


def state():
    """Everything a refusal must leave untouched."""
    return (
        list(EstimateReport.objects.values()),
        ReportEvent.objects.count(),
        ChangeRecord.objects.count(),
        Observation.objects.count(),
        ImportBatch.objects.count(),
    )


def test_it_takes_a_report_from_draft_to_the_ledger(people, city, output):
    clerk, reviewer = people["clerk"], people["reviewer"]
    report = draft(clerk, output)
    assert (report.status, report.version, report.department.short_name) == ("draft", 1, "经信局")
    assert report.region.name == "东城区" and report.period.code == "2022-03"

    report = services.submit(clerk, report, expected_version=1)
    assert report.status == "submitted" and report.submitted_by == clerk

    report = services.return_report(
        reviewer, report, reason="增速与用电量不匹配，请核实", expected_version=2
    )
    assert report.status == "returned" and report.return_reason == "增速与用电量不匹配，请核实"
    assert not Observation.objects.filter(kind="estimate").exists()

    fixed = EstimateEntry(Decimal("158"), Decimal("5.9"), ENTRY.problems, ENTRY.plans)
    report = services.submit(clerk, report, expected_version=3, entry=fixed)
    assert report.status == "submitted" and report.return_reason == ""

    report = services.approve(reviewer, report, expected_version=4)
    assert report.status == "approved" and report.approved_by == reviewer
    assert (report.published_value, report.published_growth) == (Decimal("158"), Decimal("5.9"))

    estimate = Observation.objects.get(kind="estimate", is_current=True)
    assert estimate == report.observation
    assert (estimate.region.name, estimate.indicator.code, estimate.period.code) == (
        "东城区",
        "industry_output",
        "2022-03",
    )
    assert (estimate.value, estimate.growth, estimate.vintage) == (
        Decimal("158"),
        Decimal("5.9"),
        "estimate",
    )
    assert estimate.batch.file_name == "填报：区经济和信息化局 规模以上工业总产值 2022-03"
    assert [e.action for e in report.events.all()] == [
        "save",
        "submit",
        "return",
        "submit",
        "approve",
    ]


def test_it_shows_the_approved_estimate_in_the_panel_projection(people, city, output):
    _, members = city
    report = services.submit(people["clerk"], draft(people["clerk"], output), expected_version=1)
    services.approve(people["reviewer"], report, expected_version=2)

    panel = build_panel(members["东城区"], PeriodKey(2022, 2))
    row = next(r for r in panel["indicators"] if r["code"] == "industry_output")
    assert row["projection"]["period"] == "2022-03"
    assert row["projection"]["estimate_value"] == Decimal("160.5")
    assert row["projection"]["estimate_growth"] == Decimal("6.5")


def test_it_records_every_step_in_the_audit_chain(people, city, output):
    clerk, reviewer = people["clerk"], people["reviewer"]
    report = draft(clerk, output)
    report = services.submit(clerk, report, expected_version=1)
    report = services.return_report(reviewer, report, reason="请补充问题", expected_version=2)
    report = services.submit(clerk, report, expected_version=3)
    services.approve(reviewer, report, expected_version=4)

    records = ChangeRecord.objects.filter(object_type="reporting.EstimateReport")
    assert [(r.action, r.user_name, r.reason) for r in records] == [
        ("create", "经信填报员", "预计数填报：保存草稿"),
        ("update", "经信填报员", "预计数填报：提交审核"),
        ("update", "审核员乙", "预计数填报：退回修改（请补充问题）"),
        ("update", "经信填报员", "预计数填报：提交审核"),
        ("update", "审核员乙", "预计数填报：审核通过并发布"),
    ]
    submitted = records[1]
    assert (submitted.before["status"], submitted.before["version"]) == ("draft", 1)
    assert (submitted.after["status"], submitted.after["version"]) == ("submitted", 2)
    assert records[0].before is None and records[0].after["growth"] == "6.5000"
    published = ChangeRecord.objects.filter(object_type="ledger.ImportBatch").last()
    assert published.action == "import" and published.user_name == "审核员乙"
    assert published.after["file"].startswith("填报：") and published.after["created"] == 1
    assert verify_chain() == []


def test_it_refuses_a_clerk_of_another_department_and_changes_nothing(people, city, output):
    before = state()
    with pytest.raises(PermissionDenied, match="由区经济和信息化局牵头，区商务局无权填报"):
        draft(people["other_clerk"], output)
    assert state() == before


def test_it_refuses_a_leader_who_tries_to_report(people, city, output):
    before = state()
    with pytest.raises(PermissionDenied, match="领导"):
        draft(people["leader"], output)
    assert state() == before


def test_it_refuses_a_clerk_who_tries_to_approve_or_return(people, city, output):
    report = services.submit(people["clerk"], draft(people["clerk"], output), expected_version=1)
    before = state()
    with pytest.raises(PermissionDenied, match="无权审核填报"):
        services.approve(people["clerk"], report, expected_version=2)
    with pytest.raises(PermissionDenied, match="无权审核填报"):
        services.return_report(people["clerk"], report, reason="x", expected_version=2)
    assert state() == before


def test_it_refuses_to_return_without_a_reason(people, city, output):
    report = services.submit(people["clerk"], draft(people["clerk"], output), expected_version=1)
    before = state()
    with pytest.raises(ValidationError) as refusal:
        services.return_report(people["reviewer"], report, reason="  ", expected_version=2)
    assert refusal.value.message_dict == {"reason": ["请填写退回原因。"]}
    assert state() == before


def test_it_refuses_a_save_from_a_stale_page_and_changes_nothing(people, city, output):
    report = draft(people["clerk"], output)
    services.submit(people["clerk"], report, expected_version=1)
    services.return_report(people["reviewer"], report, reason="请核实", expected_version=2)
    before = state()
    changed = EstimateEntry(Decimal("1"), None, "", "")
    with pytest.raises(ValidationError, match="该填报已被他人修改，请刷新后再提交"):
        draft(people["clerk"], output, entry=changed, version=1)
    with pytest.raises(ValidationError, match="该填报已被他人修改，请刷新后再提交"):
        services.approve(people["reviewer"], report, expected_version=2)
    assert state() == before


def test_it_refuses_a_second_new_report_for_the_same_cell(people, city, output):
    draft(people["clerk"], output)
    before = state()
    with pytest.raises(ValidationError, match="该填报已被他人修改"):
        draft(people["admin"], output, version=0)
    assert state() == before


def test_it_refuses_to_submit_without_an_estimate(people, city, output):
    report = draft(people["clerk"], output, entry=EstimateEntry(problems="仅有问题"))
    before = state()
    with pytest.raises(ValidationError, match="请至少填写预计累计值或预计增速"):
        services.submit(people["clerk"], report, expected_version=1)
    assert state() == before


def test_it_keeps_an_amount_for_a_growth_only_indicator(people, city, catalogue):
    # The city publishes only FAI's growth, but the district closes its gap in 亿元.
    report = draft(
        people["clerk"],
        catalogue["industry_va"],
        entry=EstimateEntry(value=Decimal("120.5"), growth=Decimal(9)),
    )
    assert report.value == Decimal("120.5") and report.growth == Decimal(9)


def test_it_refuses_a_period_whose_actuals_are_published(people, city, output):
    with pytest.raises(ValidationError, match="实绩已公布"):
        services.save_draft(
            people["clerk"],
            indicator=output,
            period=PeriodKey(2022, 2),
            entry=ENTRY,
            expected_version=0,
        )


def test_it_refuses_a_period_the_indicator_does_not_have(people, city, catalogue):
    with pytest.raises(ValidationError, match="季度指标"):
        services.save_draft(
            people["clerk"],
            indicator=catalogue["secondary_va"],
            period=PeriodKey(2022, 4),
            entry=ENTRY,
            expected_version=0,
        )


def test_it_refuses_changes_while_the_report_awaits_review(people, city, output):
    report = services.submit(people["clerk"], draft(people["clerk"], output), expected_version=1)
    before = state()
    with pytest.raises(ValidationError, match="已提交待审核"):
        draft(people["clerk"], output, entry=EstimateEntry(growth=Decimal(1)), version=2)
    with pytest.raises(ValidationError, match="不能提交"):
        services.submit(people["clerk"], report, expected_version=2)
    assert state() == before


def test_it_refuses_to_let_a_reviewer_approve_their_own_submission(people, city, output):
    reviewer = people["reviewer"]
    report = services.submit(reviewer, draft(reviewer, output), expected_version=1)
    before = state()
    with pytest.raises(ValidationError, match="不能审核本人提交的填报"):
        services.approve(reviewer, report, expected_version=2)
    assert state() == before
    services.approve(people["admin"], report, expected_version=2)


def test_it_leaves_an_unchanged_draft_alone(people, city, output):
    draft(people["clerk"], output)
    before = state()
    report = draft(people["clerk"], output, version=1)
    assert report.version == 1 and state() == before


def test_it_publishes_a_correction_as_a_new_estimate_version(people, city, output):
    clerk, reviewer = people["clerk"], people["reviewer"]
    report = services.submit(clerk, draft(clerk, output), expected_version=1)
    report = services.approve(reviewer, report, expected_version=2)

    corrected = EstimateEntry(Decimal("170"), Decimal("7.1"), "检修提前结束", ENTRY.plans)
    report = draft(clerk, output, entry=corrected, version=3)
    assert report.status == "draft" and report.published_value == Decimal("160.5")
    assert Observation.objects.get(kind="estimate", is_current=True).value == Decimal("160.5")

    report = services.submit(clerk, report, expected_version=4)
    services.approve(reviewer, report, expected_version=5)
    versions = Observation.objects.filter(kind="estimate").order_by("version")
    assert [(o.version, o.value, o.is_current) for o in versions] == [
        (1, Decimal("160.5"), False),
        (2, Decimal("170"), True),
    ]

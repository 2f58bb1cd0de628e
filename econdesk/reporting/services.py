"""The one door for writes to department reports: report → review → publish (填报 → 审核 → 发布).

Each service checks permission, validates (Chinese messages), then saves the report, appends a
ReportEvent and a ChangeRecord, all in one transaction. A change made from a stale page (its
`expected_version` is not the report's version) is refused and changes nothing.

    report = save_draft(clerk, indicator=ind, period=PeriodKey(2026, 12),
                        entry=EstimateEntry(value=Decimal("120.5")), expected_version=0)
    report = submit(clerk, report, expected_version=report.version)
    report = return_report(reviewer, report, reason="增速偏高，请核实", expected_version=...)
    report = approve(reviewer, report, expected_version=...)   # publishes into the ledger

Submitting runs the data checks that apply to one figure (econdesk.ledger.checks: 累计值回落,
增速与上年同期基数不符, 增速跳变) against the ledger; with findings, the submission needs a
written explanation, kept in the submit step (its event and change record) and, when the
estimate is published, on the ledger batch with the findings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from econdesk import notify
from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.audit.services import snapshot, user_label
from econdesk.ledger import checks
from econdesk.ledger.importing.readers import period_problem
from econdesk.ledger.importing.validation import current_rules, known_figures, series_of
from econdesk.ledger.models import ImportBatch, Indicator, Observation, Period, Region
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.queries import home_region
from econdesk.ledger.services.observations import ObservationInput, ObservationWriter, new_batch
from econdesk.reporting.models import EstimateReport, ReportEvent

STALE_MESSAGE = changes.stale_message("填报")
# The fields a report's timeline shows before and after each step.
EVENT_FIELDS = ["value", "growth", "problems", "plans", "status", "version", "return_reason"]
MAX_TEXT = 2000
MAX_EXPLANATION = 400
# Where each number of an estimate is, as a finding names it.
FIELD_LABELS = {"value": "预计累计值", "growth": "预计增速"}
Status = EstimateReport.Status
Action = ReportEvent.Action
REVIEW_STEPS = frozenset({Action.RETURN, Action.APPROVE})


@dataclass(frozen=True)
class EstimateEntry:
    """What a department enters: an estimate (value and/or growth) and its notes."""

    value: Decimal | None = None
    growth: Decimal | None = None
    problems: str = ""
    plans: str = ""


def find_report(indicator: Indicator, period: Period | PeriodKey, region: Region | None = None):
    """The report for the home region (or `region`), indicator and period, or None."""
    region = region or home_region()
    key = _key(period)
    return (
        EstimateReport.objects.filter(
            region=region, indicator=indicator, period__year=key.year, period__month=key.month
        )
        .select_related("department", "indicator", "region", "period")
        .first()
    )


def save_draft(
    user,
    *,
    indicator: Indicator,
    period: Period | PeriodKey,
    entry: EstimateEntry,
    expected_version: int,
    region: Region | None = None,
) -> EstimateReport:
    """Create or change the report as a draft. expected_version is 0 for a new report.

    An approved report may be reopened this way for a correction: its published estimate and
    notes stay as they are until the correction is approved. Saving what is already there
    changes nothing (no version, no record).
    """
    permissions.require(user, "ledger.report_estimate", indicator)
    region = region or home_region()
    if region is None:
        raise ValidationError("尚未设置本区（本级地区），无法填报；请联系管理员。")
    key = _key(period)
    try:
        with transaction.atomic():
            return _save_draft(user, region, indicator, key, entry, expected_version)
    except IntegrityError:
        # Two first saves of one report at once (PostgreSQL): the second lost the race.
        raise changes.StaleEdit(noun=EstimateReport.stale_noun) from None


def _save_draft(user, region, indicator, key, entry, expected_version) -> EstimateReport:
    report = _locked(region, indicator, key)
    if (report.version if report else 0) != expected_version:
        raise changes.StaleEdit(report, noun=EstimateReport.stale_noun)
    _check_period(indicator, region, key)
    _check_entry(indicator, entry)
    if report is None:
        report = EstimateReport(
            department=_department(user, indicator),
            indicator=indicator,
            region=region,
            period=_period(key),
            created_by=user,
        )
    elif report.status == Status.SUBMITTED:
        raise ValidationError("该填报已提交待审核，不能修改；如需修改，请联系审核人退回。")
    elif _same_entry(report, entry) and report.status == Status.DRAFT:
        return report
    return _change(user, report, Action.SAVE, entry=entry, status=Status.DRAFT)


def estimate_findings(
    indicator: Indicator, region: Region | None, period: Period | PeriodKey, entry: EstimateEntry
) -> list[checks.Finding]:
    """The data checks on one estimate against the ledger (actual figures first, estimates
    where no actual is published): 累计值回落, 增速与上年同期基数不符, 增速跳变. Each finding's
    place is the field it is about (预计累计值 / 预计增速)."""
    region = region or home_region()
    if region is None or (entry.value is None and entry.growth is None):
        return []
    key = _key(period)
    rules = current_rules()
    rules = checks.CheckRules(rules.enabled - {"sum"}, rules.jump_pp, rules.sum_tolerance_pct)
    figure = checks.Figure(
        region=region.pk,
        series=indicator.pk,
        year=key.year,
        month=key.month,
        value=entry.value,
        growth=entry.growth,
        region_name=region.name,
        value_place=FIELD_LABELS["value"],
        growth_place=FIELD_LABELS["growth"],
    )
    known = known_figures(
        {region.pk}, {indicator.pk}, {key.year, key.year - 1}, kinds=("actual", "estimate")
    )
    known.pop((region.pk, indicator.pk, key.year, key.month), None)
    return checks.check_figures([figure], {indicator.pk: series_of(indicator)}, known, rules=rules)


def findings_record(findings: list[checks.Finding], explanation: str) -> dict:
    """What is kept of an estimate's findings: each as text, and the explanation."""
    return {
        "count": len(findings),
        "findings": [
            {
                "check": f.check,
                "label": f.label,
                "field": f.field,
                "where": str(f.place),
                "subject": f.subject,
                "message": f.message,
            }
            for f in findings
        ],  # fmt: skip
        "explanation": explanation,
    }


def submit(
    user,
    report: EstimateReport,
    *,
    expected_version: int,
    entry: EstimateEntry | None = None,
    explanation: str = "",
) -> EstimateReport:
    """Send a draft or returned report to review, with the page's last edits (entry), if any.

    It needs an estimate value or growth, and, when the data checks find something in it
    (estimate_findings), a written explanation, recorded with the step.
    """
    explanation = (explanation or "").strip()
    permissions.require(user, "ledger.report_estimate", report.indicator)
    with transaction.atomic():
        report = _locked_report(report, expected_version)
        if report.status not in (Status.DRAFT, Status.RETURNED):
            raise ValidationError(f"该填报当前为“{report.get_status_display()}”，不能提交。")
        entry = entry if entry is not None else _entry_of(report)
        _check_period(report.indicator, report.region, report.period.key)
        _check_entry(report.indicator, entry, for_submit=True)
        findings = estimate_findings(report.indicator, report.region, report.period, entry)
        record = None
        if findings:
            if not explanation:
                raise ValidationError(
                    {
                        "explanation": f"数据校验有{len(findings)}处提示：请修改预计数，"
                        "或确认无误并填写说明后再提交。"
                    }
                )
            if len(explanation) > MAX_EXPLANATION:
                raise ValidationError({"explanation": f"说明不能超过{MAX_EXPLANATION}字。"})
            record = findings_record(findings, explanation)
        return _change(
            user,
            report,
            Action.SUBMIT,
            entry=entry,
            status=Status.SUBMITTED,
            reason=f"数据校验提示{len(findings)}处，说明：{explanation}" if findings else "",
            kept=record,
            submitted_at=timezone.now(),
            submitted_by=user,
            return_reason="",
        )


def return_report(
    user, report: EstimateReport, *, reason: str, expected_version: int
) -> EstimateReport:
    """Send a submitted report back to its department with a reason (required)."""
    permissions.require(user, "ledger.review_estimate")
    reason = (reason or "").strip()
    with transaction.atomic():
        report = _locked_report(report, expected_version)
        _check_reviewable(user, report)
        if not reason:
            raise ValidationError({"reason": "请填写退回原因。"})
        if len(reason) > 500:
            raise ValidationError({"reason": "退回原因不能超过500字。"})
        notify.emit("report.returned", report=report, reason=reason)  # same transaction
        return _change(
            user, report, Action.RETURN, status=Status.RETURNED, reason=reason, return_reason=reason
        )


def approve(user, report: EstimateReport, *, expected_version: int) -> EstimateReport:
    """Approve a submitted report and publish its estimate into the ledger (kind 预计).

    The estimate enters through ObservationWriter, in this same transaction, as a batch named
    "填报：<单位> <指标> <期别>" (kind tidy: the ledger has no batch kind for reports yet).
    """
    permissions.require(user, "ledger.review_estimate")
    with transaction.atomic():
        report = _locked_report(report, expected_version)
        _check_reviewable(user, report)
        _check_period(report.indicator, report.region, report.period.key)
        observation = _publish(user, report)
        notify.emit("report.approved", report=report)  # same transaction
        return _change(
            user,
            report,
            Action.APPROVE,
            status=Status.APPROVED,
            approved_at=timezone.now(),
            approved_by=user,
            published_value=report.value,
            published_growth=report.growth,
            published_problems=report.problems,
            published_plans=report.plans,
            observation=observation,
        )


# --- helpers ---------------------------------------------------------------------------------


def _key(period: Period | PeriodKey) -> PeriodKey:
    return period.key if isinstance(period, Period) else period


def _period(key: PeriodKey) -> Period:
    period, _ = Period.objects.get_or_create(year=key.year, month=key.month)
    return period


def _locked(region: Region, indicator: Indicator, key: PeriodKey) -> EstimateReport | None:
    return (
        EstimateReport.objects.select_for_update()
        .filter(region=region, indicator=indicator, period__year=key.year, period__month=key.month)
        .first()
    )


def _locked_report(report: EstimateReport, expected_version: int) -> EstimateReport:
    """The report re-read under a row lock; StaleEdit unless it is still at that version."""
    if expected_version is None:
        raise changes.StaleEdit(report)
    return changes.lock(report, expected_version, related=("department", "indicator", "region",
                                                          "period"))  # fmt: skip


def _department(user, indicator: Indicator):
    department = indicator.lead_department or user.department
    if department is None:
        raise ValidationError(f"“{indicator}”未设牵头部门，请先在指标目录中设置。")
    return department


def _check_period(indicator: Indicator, region: Region, key: PeriodKey) -> None:
    problem = period_problem(indicator, key)
    if problem:
        raise ValidationError(problem + "。")
    published = Observation.objects.filter(
        region=region,
        indicator=indicator,
        period__year=key.year,
        period__month=key.month,
        kind=Observation.Kind.ACTUAL,
        is_current=True,
    ).exists()
    if published:
        raise ValidationError(f"{region}{indicator}{key.full_label}的实绩已公布，不再填报预计数。")


def _check_entry(indicator: Indicator, entry: EstimateEntry, *, for_submit: bool = False):
    errors: dict[str, str] = {}
    # A growth-only indicator may still carry an amount: the city publishes only the growth of
    # fixed-asset investment, but the district plans and closes its gap in 亿元 (speech: 预计
    # 一季度完成全社会固定资产投资额XX亿元), so the estimate keeps it.
    if entry.value is not None and entry.value < 0:
        errors["value"] = "预计累计值不能为负数。"
    if entry.growth is not None and entry.growth <= -100:
        errors["growth"] = "预计增速应大于-100%。"
    for name, label in (("problems", "存在问题"), ("plans", "下阶段工作打算")):
        if len(getattr(entry, name)) > MAX_TEXT:
            errors[name] = f"{label}不能超过{MAX_TEXT}字。"
    if for_submit and entry.value is None and entry.growth is None:
        errors["__all__"] = "请至少填写预计累计值或预计增速后再提交。"
    if errors:
        raise ValidationError(errors)


def _check_reviewable(user, report: EstimateReport) -> None:
    if report.status != Status.SUBMITTED:
        raise ValidationError(f"该填报当前为“{report.get_status_display()}”，不在待审核状态。")
    if report.submitted_by_id == user.pk:
        raise ValidationError("不能审核本人提交的填报，请由其他审核人员审核。")


def _entry_of(report: EstimateReport) -> EstimateEntry:
    return EstimateEntry(report.value, report.growth, report.problems, report.plans)


def _same_entry(report: EstimateReport, entry: EstimateEntry) -> bool:
    def norm(x):
        return x.normalize() if isinstance(x, Decimal) else x

    old = _entry_of(report)
    return (
        norm(old.value) == norm(entry.value)
        and norm(old.growth) == norm(entry.growth)
        and old.problems == entry.problems
        and old.plans == entry.plans
    )


def _change(
    user,
    report: EstimateReport,
    action: str,
    *,
    status: str,
    entry: EstimateEntry | None = None,
    reason: str = "",
    kept: dict | None = None,
    **fields,
) -> EstimateReport:
    """Apply one step: new fields and status, version + 1, its event and its change record."""
    before_full = changes.full_snapshot(report) if report.pk else None
    before_event = snapshot(report, EVENT_FIELDS) if report.pk else None
    if entry is not None:
        report.value, report.growth = entry.value, entry.growth
        report.problems, report.plans = entry.problems, entry.plans
    for name, value in fields.items():
        setattr(report, name, value)
    report.status = status
    report.full_clean(validate_unique=False, validate_constraints=False)
    label = Action(action).label
    door = "ledger.review_estimate" if action in REVIEW_STEPS else "ledger.report_estimate"
    changes.commit(user, door, report, before_full,
                   reason=f"预计数填报：{label}" + (f"（{reason}）" if reason else ""),
                   validate=False, refresh=True)  # fmt: skip
    ReportEvent.objects.create(
        report=report,
        action=action,
        user=user,
        user_name=user_label(user),
        at=timezone.now(),
        reason=reason[:500],
        before=before_event,
        after={**snapshot(report, EVENT_FIELDS), **({"checks": kept} if kept else {})},
    )
    return report


def _publish(user, report: EstimateReport) -> Observation:
    """Write the estimate into the ledger as the current 预计 figure; return that observation."""
    key = report.period.key
    content = {"report": report.pk, "version": report.version, "value": str(report.value),
               "growth": str(report.growth)}  # fmt: skip
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    batch = new_batch(
        user,
        kind=ImportBatch.Kind.REPORT,
        file_name=f"填报：{report.department} {report.indicator} {key.code}",
        sha256=digest,
    )
    writer = ObservationWriter(user, batch)
    writer.add(
        [
            ObservationInput(
                region=report.region,
                indicator=report.indicator,
                period=key,
                value=report.value,
                growth=report.growth,
                kind=Observation.Kind.ESTIMATE,
                vintage=Observation.Vintage.ESTIMATE,
                source_ref=f"预计数填报#{report.pk}",
            )
        ]
    )
    submitted = report.events.filter(action=Action.SUBMIT).order_by("-at", "-id").first()
    writer.finish(
        rows_read=1, checks=((submitted.after or {}).get("checks") if submitted else None)
    )
    return Observation.objects.get(
        region=report.region,
        indicator=report.indicator,
        period=report.period,
        kind=Observation.Kind.ESTIMATE,
        is_current=True,
    )

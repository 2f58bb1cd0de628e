"""Life cycles of investment deals, upward funding, scale-up enterprises and requests."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from econdesk.audit.models import ChangeRecord
from econdesk.projects.models import (
    Enterprise,
    EnterpriseRequest,
    InvestmentDeal,
    ScaleThreshold,
    UpwardFunding,
)
from econdesk.projects.services import (
    StaleEdit,
    deal_to_project,
    save_deal,
    save_enterprise,
    save_funding,
    save_request,
)
from tests.projects.conftest import chain, dept

D = Decimal


@pytest.fixture
def deal(people, home):
    d = InvestmentDeal(region=home, name="新能源汽车电驱系统项目", investor="某汽车零部件集团",
                       industry_chain=chain("新能源汽车"), amount=D("25.5"),
                       lead_department=dept("商务局"))  # fmt: skip
    return save_deal(people["other_clerk"], d)


def test_it_moves_a_deal_from_talks_to_production(people, deal):
    cora = people["other_clerk"]
    steps = [
        ("signed", {"signed_on": date(2026, 3, 28)}),
        ("registered", {"registered_on": date(2026, 5, 10), "registered_name": "锦江电驱科技有限公司",
                        "registered_capital": D(50000)}),
        ("started", {"started_on": date(2026, 7, 1), "funds_in_place": D("6.2")}),
        ("operating", {"operating_on": date(2026, 11, 1), "funds_in_place": D("18")}),
    ]  # fmt: skip
    for stage, fields in steps:
        deal.stage = stage
        for name, value in fields.items():
            setattr(deal, name, value)
        save_deal(cora, deal, expected_version=deal.version)
    stored = InvestmentDeal.objects.get(pk=deal.pk)
    assert stored.stage == "operating" and stored.version == 5
    assert ChangeRecord.objects.filter(object_type="projects.InvestmentDeal").count() == 5


@pytest.mark.parametrize(
    ("stage", "fields", "field"),
    [
        ("signed", {}, "signed_on"),
        ("registered", {"signed_on": date(2026, 3, 1)}, "registered_on"),
        ("registered", {"signed_on": date(2026, 3, 1), "registered_on": date(2026, 2, 1),
                        "registered_name": "x"}, "registered_on"),
    ],
)  # fmt: skip
def test_it_refuses_a_deal_stage_without_its_date(people, deal, stage, fields, field):
    deal.stage = stage
    for name, value in fields.items():
        setattr(deal, name, value)
    with pytest.raises(ValidationError) as refusal:
        save_deal(people["other_clerk"], deal, expected_version=deal.version)
    assert field in refusal.value.message_dict


def test_it_turns_a_signed_deal_into_a_major_project(people, deal):
    with pytest.raises(ValidationError, match="尚未签约"):
        deal_to_project(people["other_clerk"], deal)
    deal.stage, deal.signed_on = "signed", date(2026, 3, 28)
    save_deal(people["other_clerk"], deal, expected_version=deal.version)
    project = deal_to_project(people["other_clerk"], deal, expected_version=deal.version,
                              today=date(2026, 4, 2))  # fmt: skip
    assert project.total_investment == D(255000) and project.stage == "signed"
    assert project.lead_department == dept("商务局") and project.plan_year == 2026
    assert InvestmentDeal.objects.get(pk=deal.pk).project == project
    with pytest.raises(ValidationError, match="已转为重大项目"):
        deal_to_project(people["other_clerk"], InvestmentDeal.objects.get(pk=deal.pk))


def test_it_keeps_other_departments_off_a_deal(people, deal):
    deal.note = "改"
    with pytest.raises(PermissionDenied):
        save_deal(people["clerk"], deal, expected_version=deal.version)
    with pytest.raises(StaleEdit):
        save_deal(people["other_clerk"], deal, expected_version=0)


def test_it_follows_upward_funding_from_application_to_money_received(people, home):
    f = UpwardFunding(region=home, programme="special_bonds", title="锦江智能制造产业园基础设施",
                      year=2026, applied_amount=D(30000), lead_department=dept("发改局"))  # fmt: skip
    save_funding(people["admin"], f)
    assert f.status_label == "谋划中"
    f.applied_on = date(2026, 2, 10)
    save_funding(people["admin"], f, expected_version=f.version)
    assert f.status_label == "已申报"
    f.approved_amount = D(35000)
    f.approved_on = date(2026, 4, 1)
    with pytest.raises(ValidationError, match="超过申报金额"):
        save_funding(people["admin"], f, expected_version=f.version)
    f.approved_amount = D(20000)
    save_funding(people["admin"], f, expected_version=f.version)
    assert f.status_label == "已批复"
    f.received_amount = D(25000)
    with pytest.raises(ValidationError) as refusal:
        save_funding(people["admin"], f, expected_version=f.version)
    assert set(refusal.value.message_dict) == {"received_amount", "received_on"}
    f.received_amount, f.received_on = D(8000), date(2026, 6, 20)
    save_funding(people["admin"], f, expected_version=f.version)
    assert f.status_label == "部分到位"
    f.received_amount, f.received_on = D(20000), date(2026, 9, 1)
    save_funding(people["admin"], f, expected_version=f.version)
    assert UpwardFunding.objects.get().status_label == "全部到位"


def test_it_refuses_money_received_before_approval(people, home):
    f = UpwardFunding(region=home, programme="central_budget", title="x", year=2026,
                      applied_amount=D(100), received_amount=D(10), received_on=date(2026, 1, 1),
                      lead_department=dept("发改局"))  # fmt: skip
    with pytest.raises(ValidationError, match="未批复"):
        save_funding(people["admin"], f)


def test_it_registers_an_enterprise_only_with_a_valid_credit_code(people, home):
    industry = ScaleThreshold.objects.get(code="industry")
    e = Enterprise(region=home, name="锦江精密机械有限公司", credit_code="91350100M000100Y44",
                   sector=industry, lead_department=dept("经信局"))  # fmt: skip
    with pytest.raises(ValidationError) as refusal:
        save_enterprise(people["clerk"], e)
    assert "末位应为3" in refusal.value.message_dict["credit_code"][0]
    e.credit_code = "91350100m000100y43"
    save_enterprise(people["clerk"], e)
    assert Enterprise.objects.get().credit_code == "91350100M000100Y43"
    twin = Enterprise(region=home, name="重名", credit_code="91350100M000100Y43", sector=industry,
                      lead_department=dept("经信局"))  # fmt: skip
    with pytest.raises(ValidationError, match="已存在"):
        save_enterprise(people["clerk"], twin)


def test_it_follows_an_enterprise_from_cultivation_to_enrolment(people, home):
    e = Enterprise(region=home, name="锦江新材料科技有限公司", credit_code="91110000802100433B",
                   sector=ScaleThreshold.objects.get(code="industry"), revenue_to_date=D(1650),
                   revenue_month=date(2026, 9, 30), expected_entry_month=date(2026, 11, 1),
                   lead_department=dept("经信局"))  # fmt: skip
    save_enterprise(people["clerk"], e)
    assert e.revenue_month == date(2026, 9, 1) and e.months_reported == 9
    e.status = "enrolled"
    with pytest.raises(ValidationError, match="须填写入库月份"):
        save_enterprise(people["clerk"], e, expected_version=e.version)
    e.enrolled_month = date(2026, 11, 1)
    save_enterprise(people["clerk"], e, expected_version=e.version)
    assert Enterprise.objects.get().status == "enrolled"


def test_it_tracks_an_enterprise_request_to_its_outcome(people, home):
    r = EnterpriseRequest(region=home, enterprise_name="锦江新材料科技有限公司", kind="financing",
                          description="流动资金贷款2000万元", raised_on=date(2026, 9, 5),
                          deadline=date(2026, 10, 5), lead_department=dept("金融局"))  # fmt: skip
    save_request(people["admin"], r)
    r.status = "resolved"
    with pytest.raises(ValidationError) as refusal:
        save_request(people["admin"], r, expected_version=r.version)
    assert set(refusal.value.message_dict) == {"outcome", "closed_on"}
    r.outcome, r.closed_on = "协调本地农商行授信2000万元", date(2026, 9, 28)
    save_request(people["admin"], r, expected_version=r.version)
    with pytest.raises(PermissionDenied):
        save_request(people["clerk"], r, expected_version=r.version)  # 经信局 does not handle it
    assert EnterpriseRequest.objects.get().status == "resolved"

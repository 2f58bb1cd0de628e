"""Bulletin sentences from panel rows: pure functions, no database."""

import os
import subprocess
import sys
from decimal import Decimal as D

from econdesk.bulletins import narrative as nv
from econdesk.bulletins import overview as ov

PANEL = {"region": "东城区", "year": 2022, "period": "2022-02", "period_label": "1-2月",
         "total_label": "全市", "indicators": []}  # fmt: skip


def row(**over) -> dict:
    base = {
        "code": "industry_va", "name": "规模以上工业增加值", "short_name": "规上工业增加值",
        "unit": "亿元", "decimals": 2, "growth_decimals": 1, "value_published": False,
        "value": None, "growth": D("8.2"), "total_growth": D("7.1"), "vs_total_pp": D("1.1"),
        "rank": 3, "rank_of": 8, "tied": False, "tied_with": [], "rank_prev": None,
        "rank_change_prev": None, "prev_period_label": None, "observation_id": 11,
        "targets": [], "projection": None, "status": {"color": "green", "reasons": []},
    }  # fmt: skip
    base.update(over)
    return base


def test_it_writes_growth_and_decline_without_a_minus_sign():
    assert nv.growth_phrase(D("8.2")) == "增长8.2%"
    assert nv.growth_phrase(D("-6.0")) == "下降6.0%"
    assert nv.growth_phrase(D("-0.04")) == "与上年同期持平"
    assert nv.growth_phrase(D("4"), 1) == "增长4.0%"


def test_it_compares_with_the_city_in_percentage_points():
    assert nv.versus_total_phrase(row(), "全市") == "增速高于全市（7.1%）1.1个百分点"
    down = row(growth=D("-6.0"), total_growth=D("5.6"), vs_total_pp=D("-11.6"))
    assert nv.versus_total_phrase(down, "全市") == "增速低于全市（5.6%）11.6个百分点"
    same = row(growth=D("5.1"), total_growth=D("5.1"), vs_total_pp=D("0"))
    assert nv.versus_total_phrase(same, "全市") == "增速与全市（5.1%）持平"


def test_it_says_tied_ranks_and_who_shares_them():
    tied = row(rank=5, tied=True, tied_with=["北山区"])
    assert nv.rank_phrase(tied, "全市") == "居全市并列第5位（与北山区相同）"
    assert nv.rank_phrase(row(), "全市") == "居全市第3位"


def test_it_says_how_the_rank_moved_since_the_previous_period():
    up = row(rank=2, rank_prev=3, rank_change_prev=1, prev_period_label="1-2月")
    down = row(rank=7, rank_prev=5, rank_change_prev=-2, prev_period_label="1月")
    same = row(rank=3, rank_prev=3, rank_change_prev=0, prev_period_label="1-2月")
    assert nv.rank_change_phrase(up) == "较1-2月前移1位"
    assert nv.rank_change_phrase(down) == "较1月后退2位"
    assert nv.rank_change_phrase(same) == "位次与1-2月持平"


def test_it_writes_one_indicator_line_with_its_sources():
    s = nv.indicator_sentence(PANEL, row(), "全区", {"total": 12, "peers": [1, 2, 3]})
    assert s.text == (
        "1-2月，全区规模以上工业增加值增长8.2%，增速高于全市（7.1%）1.1个百分点，居全市第3位。"
    )
    assert [src.observation_id for src in s.sources][:2] == [11, 12]
    assert s.sources[2].observation_ids == (1, 2, 3)


def test_it_prints_values_with_the_indicator_decimals_wherever_one_was_published():
    r = row(code="fiscal_revenue", name="一般公共预算收入", value_published=True,
            value=D("8.6149"), growth=D("-3.2"), total_growth=D("2.9"), vs_total_pp=D("-6.1"),
            rank=7, rank_prev=5, rank_change_prev=-2, prev_period_label="1月")  # fmt: skip
    assert nv.indicator_sentence(PANEL, r, "全区").text == (
        "1-2月，全区一般公共预算收入8.61亿元，下降3.2%，增速低于全市（2.9%）6.1个百分点，"
        "居全市第7位，较1月后退2位。"
    )
    # a value in the ledger was published by the file, even for a "growth only" indicator
    growth_only = row(value=D("15.04"), value_published=False)
    assert "15.04亿元" in nv.indicator_sentence(PANEL, growth_only, "全区").text
    assert "亿元" not in nv.indicator_sentence(PANEL, row(value=None), "全区").text


def target(**over) -> dict:
    base = {
        "level": "city", "level_label": "市下达", "period": "2022-03", "period_label": "一季度",
        "growth": D("8.0"), "value": None, "rank": None, "gap_amount": None, "gap_pp": None,
        "met": None, "remaining": None, "required_growth_rest": None, "task_progress": None,
        "time_progress": None, "expected_value": D("31.96"), "expected_growth": D("-6.0"),
        "expected_gap_amount": D("4.76"), "expected_gap_zero_growth": D("2.04"),
        "expected_gap_pp": D("14.0"), "rank_gap": None,
    }  # fmt: skip
    base.update(over)
    return base


def test_it_writes_the_speech_projection_sentence_from_the_expected_gaps():
    projection = {"period": "2022-03", "period_label": "一季度", "value": D("31.96"),
                  "growth": D("-6.0"), "method": "mean_share"}  # fmt: skip
    r = row(code="fai", name="固定资产投资", growth=D("-6.0"), projection=projection,
            targets=[target(), target(level="district", level_label="区级", growth=D("10.0"),
                                      expected_gap_amount=D("5.44"))])  # fmt: skip
    assert nv.projection_sentence(PANEL, r).text == (
        "预计一季度完成固定资产投资31.96亿元、下降6.0%左右，要实现正增长，还有2.04亿元缺口；"
        "要完成市下达8.0%的目标，有4.76亿元缺口；要完成区级10.0%的目标，有5.44亿元缺口。"
    )


def test_it_drops_the_zero_growth_gap_and_says_a_target_can_be_met():
    projection = {"period": "2022-03", "period_label": "一季度", "value": D("40"),
                  "growth": D("9.1"), "method": "mean_share"}  # fmt: skip
    r = row(code="fai", name="固定资产投资", projection=projection,
            targets=[target(expected_value=D("40"), expected_growth=D("9.1"),
                            expected_gap_amount=D("0"), expected_gap_zero_growth=D("0"))])  # fmt: skip
    assert nv.projection_sentence(PANEL, r).text == (
        "预计一季度完成固定资产投资40.00亿元、增长9.1%左右，可完成市下达8.0%的目标。"
    )


def test_it_says_a_same_period_target_is_met_or_how_far_short():
    panel = {**PANEL, "period": "2022-03", "period_label": "1-3月"}
    met = target(met=True, expected_value=None)
    assert nv.same_period_target_sentence(panel, row(), met, {}).text == (
        "规模以上工业增加值已完成市下达一季度增长8.0%的目标任务。"
    )
    short = target(met=False, gap_pp=D("14.0"), gap_amount=D("4.766"))
    assert nv.same_period_target_sentence(panel, row(name="固定资产投资"), short, {}).text == (
        "固定资产投资距市下达一季度增长8.0%的目标还差14.0个百分点、4.77亿元。"
    )


def test_it_names_the_indicators_doing_well_and_those_behind():
    panel = {**PANEL, "indicators": [
        row(), row(code="fai", name="固定资产投资", status={"color": "red", "reasons": ["x"]}),
        row(code="rs", name="社会消费品零售总额", status={"color": "red", "reasons": ["y"]}),
        row(code="g", name="地区生产总值", growth=None, status={"color": "yellow", "reasons": []}),
    ]}  # fmt: skip
    assert ov.standing_sentence(panel, "全区").text == (
        "从测算情况来看，全区规模以上工业增加值指标完成情况较好，要力争进入全市前列；"
        "固定资产投资、社会消费品零售总额等指标要抢抓时间查缺补漏，力争实现目标任务。"
    )


def test_it_writes_no_project_sentences_without_projects():
    assert ov.project_sentences(None) == []
    assert ov.project_sentences([]) == []
    items = [{"key": "projects_started", "text": "1-3月，总投资85.6亿元的12个重大项目开工建设。",
              "figures": {"count": 12}}]  # fmt: skip
    assert [s.text for s in ov.project_sentences(items)] == [items[0]["text"]]


def test_it_prints_each_indicator_with_its_own_decimals():
    power = row(code="power_use", name="全社会用电量", unit="万千瓦时", decimals=0,
                value_published=True, value=D("64202.4"), growth=D("2.94"), total_growth=D("6.7"),
                vs_total_pp=D("-3.76"), rank=7)  # fmt: skip
    assert nv.indicator_sentence(PANEL, power, "全区").text == (
        "1-2月，全区全社会用电量64202万千瓦时，增长2.9%，增速低于全市（6.7%）3.8个百分点，居全市第7位。"
    )
    fiscal = row(growth_decimals=2, growth=D("9.084"), total_growth=D("10.26"),
                 vs_total_pp=D("-1.176"))  # fmt: skip
    assert nv.growth_phrase(fiscal["growth"], 2) == "增长9.08%"
    assert nv.versus_total_phrase(fiscal, "全市") == "增速低于全市（10.26%）1.18个百分点"


def test_the_sentence_modules_need_no_django():
    modules = (
        "econdesk.bulletins.narrative, econdesk.bulletins.overview, econdesk.bulletins.compose"
    )
    code = f"import sys, {modules}; print('django' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.strip() == "False", done.stderr


def test_it_states_the_gdp_estimate_against_its_target():
    gdp = {"period_label": "一季度", "gdp_growth": D("5.24"), "target_growth": D("6.0"),
           "target_label": "市下达一季度目标", "gap_pp": D("0.76"),
           "sectors": [{"name": "工业", "growth": D("5.55"), "driver": "规模以上工业增加值",
                        "driver_source": "2022年1-3月"}]}  # fmt: skip
    s = ov.gdp_sentence(gdp, "全区")
    assert s.text == (
        "据测算，按一季度各行业指标推算，全区地区生产总值增长5.2%左右，"
        "距市下达一季度目标（增长6.0%）还差0.8个百分点。"
    )
    assert s.sources[0].value == "5.6%"
    assert ov.gdp_sentence({**gdp, "gap_pp": D("0")}, "全区").text.endswith(
        "，可支撑市下达一季度目标（增长6.0%）。"
    )
    assert ov.gdp_sentence(None, "全区") is None


def test_it_dates_a_balance_at_month_end_not_year_to_date():
    from decimal import Decimal

    from econdesk.bulletins.narrative import indicator_sentence

    panel = {"region": "东城区", "period": "2022-02", "period_label": "1-2月", "total_label": "全市",
             "year": 2022}  # fmt: skip
    row = {
        "name": "金融机构本外币存款余额", "growth": Decimal("8.3"), "growth_decimals": 1,
        "value": Decimal("612.4"), "value_published": True, "decimals": 1, "unit": "亿元",
        "total_growth": None, "vs_total_pp": None, "rank": None, "rank_of": None, "tied": False,
        "tied_with": [], "rank_change_prev": None, "prev_period_label": None,
        "cumulation": "stock", "code": "deposits", "observation_id": None,
    }  # fmt: skip
    sentence = indicator_sentence(panel, row, "全区")
    assert sentence.text == "2月末，全区金融机构本外币存款余额612.4亿元，增长8.3%。"

"""The score arithmetic (scoring.py), checked against a table worked out by hand.

The scheme: 1–3名 +5, 4–6名 +3; from the bottom 最后1名 −5, 倒数第2名 −4; completion rate × 10,
capped at 12; +1 per task closed on time, −1 per overdue task (佳木斯). Nine ranked districts.

经信局
  规上工业增加值  rank 2/9                      → +5
                  6.3% ÷ 7.0% = 90%  × 10       → +9.00
  规上工业总产值  rank 8/9 = 倒数第2            → −4
                  9.0% ÷ 7.5% = 120% × 10 = 12  → +12.00 (exactly the cap)
  督〔2026〕1号   deadline 06-30, asked 06-28, closed       → +1
  督〔2026〕2号   deadline 09-30, asked 09-30, closed       → +1 (the deadline day is on time)
  督〔2026〕3号   deadline 10-31, asked 11-03, closed       → −1 (late)
  督〔2026〕4号   deadline 11-30, not asked by 12-31        → −1 (overdue)
  督〔2026〕5号   deadline 2027-01-15 (not this year's; not handed in)
  total 5 + 9 − 4 + 12 + 1 + 1 − 1 − 1 = 22
商务局
  社消零          tied 4th/9                    → +3
                  amount: 80 ÷ (120 × 10/12 = 100) = 80% × 10 → +8.00
  外贸进出口      rank 9/9 = 最后1名            → −5
                  −2.0% ÷ 3.0% → 0 (a fall completes nothing) → 0.00
  督〔2026〕6号   deadline 08-31, asked 08-20, not yet closed → nothing yet
  督〔2026〕7号   deadline 12-31, not asked; as of 12-31 it is due today → nothing
  total 3 + 8 − 5 + 0 = 6
"""

from datetime import date
from decimal import Decimal as D

from econdesk.supervision import scoring
from econdesk.supervision.scoring import (
    Band,
    IndicatorResult,
    ScoringRules,
    TaskResult,
    score_departments,
)

RULES = ScoringRules(
    rank_bands=(Band(1, 3, D(5)), Band(4, 6, D(3))),
    bottom_bands=(Band(1, 1, D(-5)), Band(2, 2, D(-4))),
    completion_weight=D(10),
    completion_cap=D(12),
    on_time_points=D(1),
    overdue_points=D(-1),
)
AS_OF = date(2026, 12, 31)
MIIT, COMMERCE = 4, 5


def indicators():
    return [
        IndicatorResult("industry_va", "规模以上工业增加值", MIIT, "经信局", rank=2, rank_of=9,
                        growth=D("6.3"), target_growth=D("7.0")),
        IndicatorResult("industry_output", "规模以上工业总产值", MIIT, "经信局", rank=8,
                        rank_of=9, growth=D("9.0"), target_growth=D("7.5")),
        IndicatorResult("retail_sales", "社会消费品零售总额", COMMERCE, "商务局", rank=4,
                        rank_of=9, tied=True, value=D(80), target_value=D(120),
                        elapsed_share=D(10) / D(12), unit="亿元"),
        IndicatorResult("trade", "外贸进出口总额", COMMERCE, "商务局", rank=9, rank_of=9,
                        growth=D("-2.0"), target_growth=D("3.0")),
    ]  # fmt: skip


def tasks():
    def t(n, dept, name, deadline, finished=None, closed=False):
        return TaskResult(f"督〔2026〕{n}号", f"事项{n}", dept, name, deadline, finished, closed)

    return [
        t(1, MIIT, "经信局", date(2026, 6, 30), date(2026, 6, 28), True),
        t(2, MIIT, "经信局", date(2026, 9, 30), date(2026, 9, 30), True),
        t(3, MIIT, "经信局", date(2026, 10, 31), date(2026, 11, 3), True),
        t(4, MIIT, "经信局", date(2026, 11, 30)),
        t(5, MIIT, "经信局", date(2027, 1, 15)),
        t(6, COMMERCE, "商务局", date(2026, 8, 31), date(2026, 8, 20), False),
        t(7, COMMERCE, "商务局", date(2026, 12, 31)),
    ]


def test_it_scores_the_hand_computed_example():
    table = score_departments(indicators(), tasks(), RULES, AS_OF)
    assert [(s.department, s.total, s.rank) for s in table] == [
        ("经信局", D("22.00"), 1),
        ("商务局", D("6.00"), 2),
    ]


def test_it_itemises_every_point_with_its_rule_and_figure():
    table = score_departments(indicators(), tasks(), RULES, AS_OF)
    miit = table[0]
    assert [(line.rule, line.subject, line.points) for line in miit.lines] == [
        ("rank", "规模以上工业增加值", D("5.00")),
        ("completion", "规模以上工业增加值", D("9.00")),
        ("bottom", "规模以上工业总产值", D("-4.00")),
        ("completion", "规模以上工业总产值", D("12.00")),
        ("on_time", "督〔2026〕1号 事项1", D("1.00")),
        ("on_time", "督〔2026〕2号 事项2", D("1.00")),
        ("overdue", "督〔2026〕3号 事项3", D("-1.00")),
        ("overdue", "督〔2026〕4号 事项4", D("-1.00")),
    ]
    figures = [line.figure for line in miit.lines]
    assert figures[0] == "居全市第2位（共9位）"
    assert figures[1] == "增速6.3% ÷ 目标7.0% = 90.0%，× 10.00分"
    assert figures[2] == "居全市第8位（共9位），倒数第2位"
    assert figures[3] == "增速9.0% ÷ 目标7.5% = 120.0%，× 10.00分"
    assert figures[6] == "时限2026-10-31，2026-11-03申请办结，逾期3天"
    assert figures[7] == "时限2026-11-30，截至2026-12-31未办结，逾期31天"
    assert miit.subtotal(scoring.ON_TIME, scoring.OVERDUE) == D("0.00")
    assert miit.lines[0].rule_label == "位次计分"


def test_it_judges_an_amount_target_against_time_progress_and_gives_a_fall_nothing():
    commerce = score_departments(indicators(), tasks(), RULES, AS_OF)[1]
    lines = {(line.rule, line.subject): line for line in commerce.lines}
    retail = lines[("completion", "社会消费品零售总额")]
    assert retail.points == D("8.00")
    assert retail.figure == (
        "累计80.00亿元 ÷ （目标120.00亿元 × 序时进度83.3%） = 80.0%，× 10.00分"
    )
    assert lines[("rank", "社会消费品零售总额")].figure == "居全市并列第4位（共9位）"
    assert lines[("completion", "外贸进出口总额")].points == D("0.00")
    assert lines[("bottom", "外贸进出口总额")].points == D("-5.00")
    assert not any(line.rule in ("on_time", "overdue") for line in commerce.lines)


def test_it_caps_completion_points():
    ind = IndicatorResult("x", "指标", 1, "甲", growth=D("10"), target_growth=D("5"))
    line = scoring.completion_line(ind, RULES)
    assert line.points == D("12.00") and line.figure.endswith("封顶12.00分")


def test_it_cancels_a_tied_rank_when_the_scheme_says_so():
    rules = ScoringRules(rank_bands=(Band(1, 3, D(5)),), tie_cancels=True)
    ind = IndicatorResult("x", "指标", 1, "甲", rank=2, rank_of=9, tied=True)
    line = scoring.rank_line(ind, rules)
    assert (line.rule, line.points) == ("tie", D(0))


def test_it_treats_a_target_of_zero_or_below_as_met_or_not():
    met = IndicatorResult("x", "指标", 1, "甲", growth=D("0.5"), target_growth=D("0"))
    missed = IndicatorResult("x", "指标", 1, "甲", growth=D("-0.1"), target_growth=D("0"))
    assert scoring.completion_rate(met)[0] == 1
    assert scoring.completion_rate(missed)[0] == 0


def test_it_gives_equal_totals_the_same_rank():
    table = score_departments(
        [],
        [
            TaskResult("1", "a", 1, "甲", date(2026, 1, 5), date(2026, 1, 4), True),
            TaskResult("2", "b", 2, "乙", date(2026, 1, 5), date(2026, 1, 5), True),
            TaskResult("3", "c", 3, "丙", date(2026, 1, 5)),
        ],
        ScoringRules(),
        AS_OF,
    )
    assert [(s.department, s.rank) for s in table] == [("乙", 1), ("甲", 1), ("丙", 3)]


def test_it_leaves_a_task_not_yet_due_out_of_the_score():
    task = TaskResult("1", "a", 1, "甲", date(2026, 12, 31))
    assert scoring.task_outcome(task, date(2026, 12, 31)) is None
    assert scoring.task_outcome(task, date(2027, 1, 1)) == scoring.OVERDUE

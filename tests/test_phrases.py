"""The phrase book, tested once: the words every page, table, task and bulletin uses for a figure
(docs/bulletin-phrasing.md). Worked by hand; no database."""

from decimal import Decimal as D

import pytest

from econdesk import phrases as ph


@pytest.mark.parametrize(
    ("x", "decimals", "printed"),
    [
        (D("8.25"), 1, "8.3"),  # half up, not to even
        (D("8.35"), 1, "8.4"),
        (D("4"), 1, "4.0"),  # trailing zero kept
        (D("-0.04"), 1, "0.0"),  # never "-0.0"
        (D("9.075"), 2, "9.08"),  # two decimals where the source published two
        (6.05, 1, "6.1"),  # a float through its shortest repr, not 6.0499…
        (None, 1, "—"),
    ],
)
def test_numbers_round_half_up_at_their_own_decimals(x, decimals, printed):
    assert ph.num(x, decimals) == printed


@pytest.mark.parametrize(
    ("x", "decimals", "words"),
    [
        (D("8.2"), 1, "增长8.2%"),
        (D("-6.0"), 1, "下降6.0%"),
        (D("-0.04"), 1, "与上年同期持平"),  # prints as 0.0: neither 增长0.0% nor 下降0.0%
        (D("0.04"), 1, "与上年同期持平"),
        (D("-0.04"), 2, "下降0.04%"),  # at two decimals it is a fall
        (D("-0.05"), 1, "下降0.1%"),
        (D("9.08"), 2, "增长9.08%"),
        (None, 1, "增速暂无"),
    ],
)
def test_growth_is_said_once(x, decimals, words):
    assert ph.growth(x, decimals) == words


def test_brackets_projections_single_months_and_estimates():
    assert ph.growth_in_brackets("全市", D("7.1")) == "（全市增长7.1%）"
    assert ph.growth_in_brackets("全州", D("-0.01")) == "（全州持平）"
    assert ph.about(D("-6.04")) == "下降6.0%左右"
    assert ph.about(D("0.02")) == "与上年同期基本持平"
    assert ph.month_growth(10, D("5.2")) == "其中，10月当月增长5.2%"
    assert ph.month_growth(10, D("-1.5")) == "其中，10月当月下降1.5%"
    assert ph.month_growth(10, D("0.04")) == "其中，10月当月与上年同期持平"
    assert ph.estimate(D("3.24"), 1, D("0.8")) == "据测算增长3.2%左右（误差±0.8个百分点）"


@pytest.mark.parametrize(
    ("diff", "total", "label", "words"),
    [
        (D("1.1"), None, "全市", "高于全市1.1个百分点"),
        (D("-11.6"), None, "六县市", "低于六县市11.6个百分点"),
        (D("0.03"), None, "全市", "与全市持平"),
        (D("1.1"), D("7.1"), "全市", "增速高于全市（7.1%）1.1个百分点"),
        (D("-0.04"), D("5.1"), "全州", "增速与全州（5.1%）持平"),
        (None, D("5.1"), "全市", ""),
    ],
)
def test_above_or_below_the_total(diff, total, label, words):
    assert ph.versus_total(diff, 1, label, total=total) == words


def test_rank_and_rank_change():
    assert ph.rank(3, False, "全市") == "居全市第3位"
    assert ph.rank(5, True, "全州") == "居全州并列第5位"
    assert ph.rank(2, False, "全市", by="总量") == "总量居全市第2位"
    assert ph.rank(None) == ""
    assert ph.rank_short(5, True) == "并列第5位"
    assert ph.rank_short(None) == "—"
    assert ph.rank_change(3, "1-2月") == "较1-2月前移3位"
    assert ph.rank_change(-2, "上月") == "较上月后退2位"
    assert ph.rank_change(0, "上月") == "位次与上月持平"
    assert ph.rank_change(0) == "位次持平"
    assert ph.rank_change(None, "上月") == ""
    assert [ph.rank_change_short(d) for d in (2, -1, 0, None)] == [
        "前移2位",
        "后退1位",
        "持平",
        "—",
    ]
    assert [ph.rank_arrow(d) for d in (2, -1, 0, None)] == ["↑2", "↓1", "→", "—"]


def test_targets_and_gaps():
    assert ph.target_gap(True, D("0.0")) == "已完成"
    assert ph.target_gap(True, None) == "已完成"  # the CLI used to say 差0.0个百分点
    assert ph.target_gap(False, D("2.5")) == "差2.5个百分点"
    assert ph.target_gap(False, D("0.04")) == "差不足0.1个百分点"
    assert ph.target_gap(False, D("0.004"), 2) == "差不足0.01个百分点"
    assert ph.target_gap(False, D("2.5"), 1, D("4.756"), 2, "亿元") == "差2.5个百分点、4.76亿元"
    assert ph.target_gap(None, None) == ""
    assert ph.pace(D("12.34")) == "其余月份需增长12.3%"
    assert ph.pace(D("0.01")) == "其余月份与上年同期持平即可"
    assert ph.pace(D("-3.0")) == "其余月份降幅控制在3.0%以内即可"
    assert ph.progress(D("28.24"), D("16.67")) == "完成目标任务的28.2%（序时进度16.7%）"
    assert sorted(["stretch", "city", "district"], key=ph.LEVEL_ORDER.get) == [
        "city",
        "district",
        "stretch",
    ]


@pytest.mark.parametrize(
    ("kind", "name", "label"),
    [
        ("city", "示范市", "全市"),
        ("city", "凉山彝族自治州", "全州"),
        ("other", "锡林郭勒盟", "全盟"),
        ("other", "阿里地区", "全地区"),
        ("province", "示范省", "全省"),
        (None, "", "全市"),
    ],
)
def test_the_peer_group_is_named_from_its_parent(kind, name, label):
    assert ph.group_label(kind, name) == label


@pytest.mark.parametrize(
    ("name", "short", "said"),
    [
        ("房地产开发投资：住宅", "住宅投资", "住宅投资"),  # a yearbook path reads by its short name
        ("房地产开发投资:住宅", "住宅投资", "住宅投资"),
        ("房地产开发投资：住宅", "", "房地产开发投资：住宅"),  # no short name: as it is
        ("规模以上工业增加值", "规上工业增加值", "规模以上工业增加值"),  # a plain name stays whole
    ],
)
def test_an_indicator_reads_in_a_sentence_by_its_name(name, short, said):
    assert ph.prose_name({"name": name, "short_name": short}) == said

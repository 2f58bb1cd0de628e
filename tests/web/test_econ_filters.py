"""How pages write numbers: half up, trailing .0 kept, 下降 for a fall, 并列 for a tie."""

from decimal import Decimal

from econdesk.web.templatetags import econ


def test_it_keeps_the_trailing_zero_and_rounds_half_up():
    assert econ.num(Decimal("5")) == "5.0"
    assert econ.num(Decimal("0.05")) == "0.1"
    assert econ.amount(Decimal("52.305"), 2) == "52.31"
    assert econ.amount(Decimal("104828.4"), 0) == "104828"
    assert econ.pct(Decimal("-5.06")) == "-5.1%"
    assert econ.pp(Decimal("3.14")) == "3.1个百分点"


def test_it_writes_a_dash_for_a_missing_figure():
    assert econ.num(None) == "—"
    assert econ.pct(None) == "—"
    assert econ.amount(None, 2) == "—"


def test_it_writes_a_fall_as_xiajiang():
    assert econ.growth_words(Decimal("-5.1")) == "下降5.1%"
    assert econ.growth_words(Decimal("4.6")) == "增长4.6%"
    assert econ.growth_words(Decimal("-0.04")) == "与上年同期持平"  # the phrase book: 0.0 is 持平


def test_it_compares_with_the_city_in_words():
    assert econ.vs_words({"vs_total_pp": Decimal("-0.4")}, "全市") == "低于全市0.4个百分点"
    assert econ.vs_words({"vs_total_pp": Decimal("0.6")}, "全市") == "高于全市0.6个百分点"
    assert econ.vs_words({"vs_total_pp": Decimal("0.02")}, "全省") == "与全省持平"
    assert econ.signed_pp(Decimal("0.6")) == "+0.6"
    assert econ.signed_pp(Decimal("-0.4")) == "-0.4"
    assert econ.signed_pp(Decimal("0.01")) == "0.0"


def test_it_words_ranks_and_their_change():
    assert econ.rank_words({"rank": 3, "tied": True}) == "并列第3位"
    assert econ.rank_words({"rank": 5, "tied": False}) == "第5位"
    assert econ.rank_words({"rank": None}) == "—"
    assert [econ.change_words(d) for d in (2, -1, 0, None)] == ["前移2位", "后退1位", "持平", "—"]
    assert [econ.change_arrow(d) for d in (2, -1, 0)] == ["↑", "↓", "→"]


def test_it_gives_each_status_light_its_class_and_word():
    assert econ.status_class("red") == "status-red"
    assert econ.status_class("unknown") == "status-none"
    assert [econ.status_word(c) for c in ("red", "yellow", "green")] == ["红", "黄", "绿"]


def test_it_words_a_target_and_the_gap_to_it():
    row = {"decimals": 2, "growth_decimals": 1, "unit": "亿元"}
    behind = {
        "level_label": "市下达", "period_label": "一季度", "growth": Decimal("8"), "value": None,
        "rank": None, "met": False, "gap_pp": Decimal("1"), "gap_amount": Decimal("5.678"),
        "task_progress": None, "rank_gap": None,
    }  # fmt: skip
    assert econ.target_words(behind, row) == (
        "市下达一季度目标增长8.0%，增速还差1.0个百分点，缺口5.68亿元"
    )
    met = {**behind, "met": True}
    assert econ.target_words(met, row) == "市下达一季度目标增长8.0%，已完成"


def test_a_tiny_gap_to_a_target_never_reads_cha_zero_point_zero():
    row = {"decimals": 2, "growth_decimals": 1, "unit": "亿元"}
    tiny = {
        "level_label": "市下达", "period_label": "一季度", "growth": Decimal("8"), "value": None,
        "rank": None, "met": False, "gap_pp": Decimal("0.04"), "gap_amount": None,
        "task_progress": None, "rank_gap": None,
    }  # fmt: skip
    text = econ.target_words(tiny, row)
    assert "差0.0个百分点" not in text
    assert text == "市下达一季度目标增长8.0%，增速还差不足0.1个百分点"
    ahead = {**tiny, "gap_pp": Decimal("-0.3")}
    assert econ.target_words(ahead, row) == "市下达一季度目标增长8.0%，当前增速已达到目标"


def test_rank_filters_say_what_the_phrase_book_says(monkeypatch):
    from econdesk import phrases

    monkeypatch.setattr(phrases, "rank_short", lambda rank, tied=False: f"<rank {rank} {tied}>")
    monkeypatch.setattr(phrases, "rank_change_short", lambda delta: f"<change {delta}>")
    monkeypatch.setattr(phrases, "rank_arrow", lambda delta: f"⇑{delta}")
    assert econ.rank_words({"rank": 3, "tied": True}) == "<rank 3 True>"
    assert econ.change_words(-2) == "<change -2>"
    assert econ.change_arrow(2) == "⇑"

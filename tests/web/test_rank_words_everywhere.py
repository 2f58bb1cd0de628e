"""Every rank a page, chart or score line writes is the phrase book's: 并列第3位, 居全市并列第3位."""

from decimal import Decimal
from types import SimpleNamespace

from econdesk import phrases
from econdesk.analysis.peers import RankingCell
from econdesk.supervision.scoring import IndicatorResult, ScoringRules, rank_line
from econdesk.web import charts
from econdesk.web.ranking import layout


def _fake_rank_short(monkeypatch):
    monkeypatch.setattr(
        phrases, "rank_short", lambda rank, tied=False: f"<{rank}{'=' if tied else ''}>"
    )


def test_the_ranking_table_writes_a_tie_as_the_phrase_book_does(monkeypatch):
    tied = RankingCell(value=None, growth=Decimal("5.1"), rank=3, tied=True, color=None)
    assert layout.rank_text(tied, zone=False) == "并列第3位"
    assert layout.rank_text(RankingCell(None, None, None, False, None), zone=True) == "不排名"
    _fake_rank_short(monkeypatch)
    assert layout.rank_text(tied, zone=False) == "<3=>"


def test_the_peer_chart_names_a_tie_as_the_phrase_book_does(monkeypatch):
    region = SimpleNamespace(name="东城区", pk=1)
    rows = [SimpleNamespace(region=region, growth=Decimal("-6"), rank=2, tied=True)]
    indicator = SimpleNamespace(growth_decimals=1, name="规上工业增加值")
    option = charts.peer_ranking(rows, None, "全市", indicator, 1)
    assert option["yAxis"]["data"] == ["东城区（并列第2位）"]
    _fake_rank_short(monkeypatch)
    assert charts.peer_ranking(rows, None, "全市", indicator, 1)["yAxis"]["data"] == [
        "东城区（<2=>）"
    ]


def test_a_score_line_writes_a_tie_as_the_phrase_book_does():
    ind = IndicatorResult("retail", "社会消费品零售总额", 1, "商务局", rank=3, rank_of=8, tied=True,
                          total_label="全州")  # fmt: skip
    line = rank_line(ind, ScoringRules())
    assert line.figure == phrases.rank(3, True, "全州") + "（共8位）" == "居全州并列第3位（共8位）"

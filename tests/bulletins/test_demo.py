"""Bulletins of the demo city 示例市 (econdesk.demo): sentences checked against the ledger."""

from __future__ import annotations

from decimal import Decimal

from django.test import TestCase, override_settings

from econdesk.accounts.cli_actor import command_user
from econdesk.bulletins import compose, services
from econdesk.bulletins.material import collect
from econdesk.demo import profiles
from econdesk.demo.loader import load_demo
from econdesk.ledger.models import Observation, Region
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_paragraphs


def pct(x: Decimal) -> str:
    return f"{abs(x):.1f}"


def figure(region, code, period, kind="actual") -> Observation:
    year, month = (int(p) for p in period.split("-"))
    return Observation.objects.get(region=region, indicator__code=code, period__year=year,
                                   period__month=month, kind=kind, is_current=True)  # fmt: skip


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class DemoBulletinTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(user=command_user())
        cls.city = Region.objects.get(name=profiles.CITY_NAME, parent__isnull=True)
        cls.home = Region.objects.get(parent=cls.city, name=profiles.HOME_NAME)

    def sentences(self, key: PeriodKey, kind: str = "monthly") -> list[str]:
        material = collect(self.home, key, kind)
        return [s.text for s in compose.sentences_of(compose.document_for(material))]

    def test_the_investment_line_matches_the_ledger(self):
        own = figure(self.home, "fai", "2026-10")
        total = figure(self.city, "fai", "2026-10")
        before = figure(self.home, "fai", "2026-09")
        tied = Region.objects.filter(parent=self.city, ranked=True).exclude(pk=self.home.pk)
        tied = [r for r in tied if figure(r, "fai", "2026-10").rank == own.rank]
        verb = "下降" if own.growth < 0 else "增长"
        gap = own.growth - total.growth
        place = f"居全市{'并列' if tied else ''}第{own.rank}位"
        move = before.rank - own.rank
        change = (f"，较1-9月前移{move}位" if move > 0 else f"，较1-9月后退{-move}位" if move < 0
                  else "")  # fmt: skip
        expected = (
            f"1-10月，全区固定资产投资{own.value:.2f}亿元，{verb}{pct(own.growth)}%，"
            f"{'高于' if gap > 0 else '低于'}全市{pct(gap)}个百分点，{place}{change}；"
        )
        field = next(t for t in self.sentences(PeriodKey(2026, 10)) if "全区固定资产投资" in t)
        self.assertTrue(field.startswith(expected), field)

    def test_the_q1_meeting_projects_investment_with_the_department_estimate(self):
        text = self.sentences(PeriodKey(2026, 2), "meeting")
        self.assertIn("请陈立群同志汇报固定资产投资、实际利用外资推进情况。", text)
        own = figure(self.home, "fai", "2026-02")
        self.assertEqual(own.growth, Decimal("-6.0"))  # the speech's story: 增速-6%左右
        line = next(t for t in text if t.startswith("预计一季度完成固定资产投资"))
        self.assertRegex(
            line,
            r"^预计一季度完成固定资产投资\d+\.\d{2}亿元、下降\d\.\d%左右，要实现正增长，还有\d+\.\d{2}亿元"
            r"缺口；要完成市下达5\.0%的目标，有\d+\.\d{2}亿元缺口；要完成区级6\.0%的目标，",
        )
        material = collect(self.home, PeriodKey(2026, 2), "meeting")
        document = compose.document_for(material)
        projection = next(
            s
            for s in compose.sentences_of(document)
            if s.text.startswith("预计一季度完成固定资产投资")
        )
        estimate = figure(self.home, "fai", "2026-03", kind="estimate")
        self.assertIn(estimate.pk, [src.observation_id for src in projection.sources])

    def test_the_word_bulletin_of_the_demo_holds_the_same_sentences(self):
        content, _, _ = services.generate(command_user(), self.home, PeriodKey(2026, 10),
                                          "monthly", "docx")  # fmt: skip
        paragraphs = docx_paragraphs(content)
        self.assertEqual(paragraphs[0], "锦江区经济运行情况通报")
        for sentence in self.sentences(PeriodKey(2026, 10))[:10]:
            self.assertIn(sentence, paragraphs)

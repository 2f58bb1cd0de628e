"""The demo district's GDP: calibrated on its own published history, never contradicting it."""

from __future__ import annotations

import re
from decimal import Decimal

from django.test import Client, TestCase, override_settings

from econdesk.accounts.cli_actor import command_user
from econdesk.analysis.gdp_estimate import estimate_for, gdp_statement
from econdesk.bulletins.overview import gdp_sentence
from econdesk.demo import profiles
from econdesk.demo.loader import load_demo
from econdesk.ledger.gdp_defaults import DEFAULT_SECTORS
from econdesk.ledger.models import Region
from econdesk.ledger.periods import PeriodKey

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
Q3 = PeriodKey(2026, 9)
LATEST = PeriodKey(2026, 10)


def _visible(html: str) -> str:
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class DemoGdpTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo(user=command_user())
        cls.home = Region.objects.get(is_home=True)
        cls.published_q3 = "5.5"  # the 前三季度 growth the generator publishes for 锦江区

    def _page(self, **params) -> str:
        client = Client()
        self.assertTrue(client.login(username="leader", password=profiles.DEMO_PASSWORD))
        return client.get("/gdp/", params).content.decode()

    def test_the_published_quarter_is_stated_as_published(self):
        st = gdp_statement(self.home, Q3)
        self.assertEqual(st["kind"], "published")
        self.assertEqual(st["text"], f"增长{self.published_q3}%（公布数）")
        self.assertRegex(st["check"], rf"^测算\d+\.\d%，公布{self.published_q3}%$")
        html = _visible(self._page(period="2026-09"))
        self.assertIn(f"前三季度地区生产总值增长{self.published_q3}%（公布数）", html)

    def test_the_calibration_is_on_the_districts_own_history(self):
        result = estimate_for(self.home, LATEST)
        self.assertEqual(result["calibration"]["weights"], "上年同期公布的行业增加值")
        self.assertFalse(result["calibration"]["defaults"])
        sources = {s["name"]: s["fit_source"] for s in result["sectors"]}
        fitted = [name for name, source in sources.items() if source == "按历史校准"]
        self.assertEqual(len(fitted), 7)  # every industry with a driver; 交通运输 has none
        # 农林牧渔业 does not follow its 总产值 in the demo (a least-squares θ below zero): only
        # its elasticity is fitted, and it is positive.
        self.assertEqual(sources["农林牧渔业"], "按历史校准（仅弹性）")
        agriculture = next(s for s in result["sectors"] if s["name"] == "农林牧渔业")
        self.assertGreater(agriculture["theta"], 0)
        self.assertEqual(result["calibration"]["history"], 11)  # 2024一季度 … 2026前三季度

    def test_the_year_starts_from_the_published_quarters_and_shows_its_error(self):
        st = gdp_statement(self.home, LATEST)
        self.assertEqual(st["kind"], "estimate")
        self.assertEqual(st["published_quarters"], ["一季度", "上半年", "前三季度"])
        self.assertRegex(st["text"], r"^测算增长\d+\.\d%左右（近7个季度平均误差±\d\.\d个百分点）$")
        html = _visible(self._page())
        self.assertIn(st["text"], html)
        self.assertIn(f"2026年前三季度已公布{self.published_q3}%", html)

    def test_no_page_or_bulletin_sentence_contradicts_a_published_gdp(self):
        for key in (PeriodKey(2026, 3), PeriodKey(2026, 6), Q3, LATEST):
            html = _visible(self._page(period=key.code))
            for said in re.findall(r"前三季度地区生产总值(?:测算)?增长(\d+\.\d)%", html):
                self.assertEqual(said, self.published_q3, key)
            sentence = gdp_sentence(estimate_for(self.home, key), "全区").text
            published = gdp_statement(self.home, key)
            if published["kind"] == "published":
                self.assertIn(f"增长{published['growth'].quantize(Decimal('0.1'))}%", sentence)

    def test_the_page_has_the_back_test_table_and_the_method_chosen(self):
        html = self._page()
        table = html.split('id="backtest-table"')[1].split("</table>")[0]
        self.assertEqual(table.count("<tr>"), 1 + 7)  # header and 2025一季度 … 2026前三季度
        self.assertIn("2026年前三季度", table)
        choice = _visible(html.split('id="method-choice"')[1].split("</p>")[0])
        self.assertRegex(choice, r"校准生产法近7个季度平均误差±\d\.\d\d个百分点")
        self.assertRegex(choice, r"本区采用 (校准生产法|桥接回归)")

    def test_the_page_names_industries_in_chinese(self):
        text = _visible(self._page())
        for code, name, *_ in DEFAULT_SECTORS:
            self.assertNotRegex(text, rf"\b{code}\b")
            self.assertIn(name, text)

    def test_the_reverse_calculation_flags_what_is_out_of_reach(self):
        result = estimate_for(self.home, LATEST)
        flagged = {s["name"]: s["verdict"] for s in result["sectors"] if s["reachable"] is False}
        self.assertIn("农林牧渔业", flagged)
        self.assertRegex(
            flagged["农林牧渔业"],
            r"^需增长\d+\.\d%，超出近五年最高增速（本行业增加值\d+\.\d%），不可依赖$",
        )
        industry = next(s for s in result["sectors"] if s["name"] == "工业")
        self.assertTrue(industry["reachable"])
        html = _visible(self._page())
        self.assertIn("不可依赖", html)
        self.assertIn("支撑投资的项目（固投闭合方案）", html)
        self.assertRegex(html, r"其他服务业少增长1个百分点（\d+\.\d%），工业需增长\d+\.\d%")

    def test_the_back_test_table_agrees_with_the_published_figures_and_its_own_mean(self):
        html = self._page()
        table = html.split('id="backtest-table"')[1].split("</table>")[0]
        labels = {"一季度": 3, "上半年": 6, "前三季度": 9, "全年": 12}
        rows = []
        for tr in table.split("<tr>")[2:]:
            cells = [_visible(td).strip() for td in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
            year, label = re.fullmatch(r"(\d{4})年(.+)", cells[0]).groups()
            rows.append((int(year), labels[label], *(Decimal(c) for c in cells[1:])))
        for year, month, published, prod, prod_err, bridge, bridge_err in rows:
            st = gdp_statement(self.home, PeriodKey(year, month))
            # Never a published figure other than the one the statement prints.
            self.assertEqual(st["kind"], "published")
            self.assertEqual(published, st["growth"].quantize(Decimal("0.1")), (year, month))
            for est, err in ((prod, prod_err), (bridge, bridge_err)):
                self.assertLessEqual(abs(est - published - err), Decimal("0.1"))
        # The means beside the table are the means of its error columns (shown to 0.1 there).
        choice = _visible(html.split('id="method-choice"')[1].split("</p>")[0])
        maes = [Decimal(m) for m in re.findall(r"平均误差±(\d+\.\d\d)个百分点", choice)]
        for mae, column in zip(maes, (4, 6), strict=True):
            by_hand = sum(abs(r[column]) for r in rows) / len(rows)
            self.assertLessEqual(abs(mae - by_hand), Decimal("0.05"))

    def test_a_typed_target_flags_each_industry_out_of_its_range_on_the_page(self):
        html = _visible(self._page(target="6.5"))
        self.assertIn("目标增长6.5%，测算增长", html)
        flagged = re.findall(
            r"(\S+) \d+\.\d \S+ -?\d+\.\d -?\d+\.\d -?\d+\.\d "
            r"需增长\d+\.\d%，超出近五年最高增速（本行业增加值-?\d+\.\d%），不可依赖",
            html,
        )
        self.assertIn("农林牧渔业", flagged)
        self.assertIn("住宿和餐饮业", flagged)
        self.assertRegex(
            html, r"工业 \d+\.\d 规模以上工业增加值 [\d.]+ [\d.]+ [\d.]+ 在近五年增速范围内"
        )

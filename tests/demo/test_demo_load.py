"""Loading the demo city: once, complete, and usable by one login per role."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.test import Client, TestCase, override_settings

from econdesk.accounts.cli_actor import command_user
from econdesk.accounts.models import Leader, Role, User
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import verify_chain
from econdesk.demo import profiles
from econdesk.demo.loader import load_demo
from econdesk.ledger.models import ImportBatch, Indicator, Observation, Region, Target

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Observation, Target, Region, User, Leader, ImportBatch, ChangeRecord)
    }


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
class DemoLoadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.summary = load_demo(user=command_user())
        cls.city = Region.objects.get(name=profiles.CITY_NAME, parent__isnull=True)
        cls.home = Region.objects.get(parent=cls.city, name=profiles.HOME_NAME)

    def test_it_loads_within_twenty_seconds(self):
        self.assertTrue(self.summary.created)
        self.assertLess(self.summary.seconds, 20)

    def test_it_loads_the_data_only_once(self):
        before = _counts()
        again = load_demo(user=command_user())
        self.assertFalse(again.created)
        self.assertEqual(_counts(), before)
        self.assertEqual(again.home, profiles.HOME_NAME)
        self.assertEqual(ImportBatch.objects.filter(file_name=profiles.BATCH_NAME).count(), 1)

    def test_every_member_has_two_full_years_of_every_active_indicator(self):
        members = list(Region.objects.filter(parent=self.city))
        self.assertEqual(len(members), 10)
        for indicator in Indicator.objects.filter(is_active=True):
            # Every period 2024 and 2025 publish (a 1-2月 series has 11 a year, a quarterly
            # one 4); monthly series reach ≥ 24 periods with 2026.
            per_year = len([m for m in range(1, 13) if indicator.has_period(m)])
            least = 24 if indicator.frequency == Indicator.Frequency.MONTHLY else 8
            for region in [self.city, *members]:
                current = Observation.objects.filter(
                    region=region, indicator=indicator, kind="actual", is_current=True
                )
                full_years = current.filter(period__year__in=(2024, 2025)).count()
                self.assertEqual(full_years, 2 * per_year, (region.name, indicator.code))
                self.assertGreaterEqual(current.count(), least, (region.name, indicator.code))
                self.assertFalse(current.filter(value__isnull=True).exists())

    def test_each_role_can_log_in_with_the_printed_password(self):
        self.assertEqual(
            {User.objects.get(username=r.username).role for r in self.summary.logins},
            set(Role.values),
        )
        for row in self.summary.logins:
            client = Client()
            self.assertTrue(client.login(username=row.username, password=row.password))
            self.assertEqual(
                int(client.session["_auth_user_id"]), User.objects.get(username=row.username).pk
            )

    def test_the_home_district_is_flagged_and_the_zone_is_not_ranked(self):
        self.assertTrue(self.home.is_home)
        self.assertEqual(Region.objects.filter(is_home=True).count(), 1)
        zone = Region.objects.get(parent=self.city, name="示例高新区")
        self.assertFalse(zone.ranked)
        self.assertEqual(zone.kind, Region.Kind.FUNCTIONAL_ZONE)
        self.assertEqual(Region.objects.get(parent=self.city, name="安澜市").kind, "county_city")

    def test_published_ranks_are_stored(self):
        fai = Observation.objects.get(
            region=self.home,
            indicator__code="fai",
            kind="actual",
            period__year=2026,
            period__month=2,
            is_current=True,
        )
        self.assertEqual(fai.growth, Decimal("-6.0"))
        self.assertIsNotNone(fai.rank)

    def test_targets_exist_at_all_three_levels(self):
        home_levels = set(Target.objects.filter(region=self.home).values_list("level", flat=True))
        self.assertEqual(home_levels, {"city", "district", "stretch"})
        fai_q1 = Target.objects.filter(
            region=self.home, indicator__code="fai", period__year=2026, period__month=3
        )
        self.assertEqual(fai_q1.count(), 3)
        self.assertTrue(Target.objects.filter(period__year=2025, region=self.home).exists())
        self.assertTrue(Target.objects.exclude(region=self.home).filter(level="city").exists())
        retail = Target.objects.get(
            region=self.home,
            indicator__code="retail_sales",
            period__year=2026,
            period__month=12,
            level="district",
        )
        self.assertEqual(retail.rank_goal, 3)

    def test_department_estimates_exist_for_the_first_quarter(self):
        estimates = Observation.objects.filter(
            region=self.home, kind="estimate", is_current=True, period__year=2026, period__month=3
        )
        self.assertEqual(
            set(estimates.values_list("indicator__code", flat=True)),
            {"fai", "tertiary_va", "gdp", "retail_sales"},
        )
        fai = estimates.get(indicator__code="fai")
        self.assertEqual((fai.period.year, fai.period.month), (2026, 3))
        self.assertEqual(fai.vintage, Observation.Vintage.ESTIMATE)
        self.assertLess(fai.growth, 0)

    def test_every_indicator_has_a_leader_in_charge(self):
        self.assertFalse(Indicator.objects.filter(leader__isnull=True).exists())
        self.assertEqual(Indicator.objects.get(code="fiscal_revenue").leader.name, "王海峰")
        self.assertEqual(Indicator.objects.get(code="fai").leader.user.username, "leader")

    def test_every_change_is_in_an_intact_change_record(self):
        self.assertEqual(verify_chain(), [])
        self.assertFalse(ChangeRecord.objects.filter(after__has_key="password").exists())

    def test_the_command_prints_the_address_and_the_logins(self):
        out = io.StringIO()
        call_command("demo", "--force", "--url", "http://127.0.0.1:8000/", stdout=out)
        text = out.getvalue()
        self.assertIn("已存在", text)
        self.assertIn("http://127.0.0.1:8000/", text)
        for login in profiles.DEMO_LOGINS:
            self.assertIn(login.username, text)
        self.assertIn(profiles.DEMO_PASSWORD, text)

    def test_the_command_refuses_outside_debug_without_force(self):
        with self.assertRaises(CommandError):
            call_command("demo", stdout=io.StringIO())

"""Write the demo city into the ledger once, through the services real data goes through.

Everything happens in one transaction: the catalogue, leaders in charge, regions, figures (one
ImportBatch), department estimates, targets and one demo login per role. A second call finds
示例市 with figures and changes nothing, so `make run` can call it every time.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from econdesk.accounts.models import Department, Leader, Role, User
from econdesk.analysis.gdp.value_added import ensure_value_added_indicators
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, record_model_change, snapshot
from econdesk.demo import profiles
from econdesk.demo.figures import DemoCity, Figure
from econdesk.demo.generator import generate
from econdesk.ledger.models import ImportBatch, Indicator, Observation, Region
from econdesk.ledger.periods import PeriodKey
from econdesk.ledger.services.catalogue import (
    ensure_standard_catalogue,
    save_indicator,
    save_region,
)
from econdesk.ledger.services.gdp import ensure_default_gdp_sectors
from econdesk.ledger.services.observations import ObservationInput, ObservationWriter, new_batch
from econdesk.ledger.services.regions import create_region_for_import
from econdesk.ledger.services.targets import save_target

REASON = "示例数据（自动生成）"


@dataclass(frozen=True)
class DemoLoginRow:
    """A line of the logins table the command prints."""

    username: str
    password: str
    role: str
    department: str
    display_name: str
    note: str = ""


@dataclass
class DemoSummary:
    """What load_demo did (or found), for the command to print and tests to check."""

    created: bool
    city: str
    members: list[str]
    home: str | None
    leaders: list[str]
    logins: list[DemoLoginRow]
    observations: int = 0
    estimates: int = 0
    targets: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


# The demo's "today": just after the city's October bulletin (data run to 1-10月 2026).
DEMO_TODAY = date(2026, 11, 20)


def load_demo(user: User | None = None, seed: int = profiles.DEFAULT_SEED) -> DemoSummary:
    """Load 示例市 unless it already has figures; ``user`` defaults to the 命令行 account."""
    if user is None:
        from econdesk.accounts.cli_actor import command_user

        user = command_user()
    started = time.perf_counter()
    with transaction.atomic():
        city = Region.objects.filter(name=profiles.CITY_NAME, parent__isnull=True).first()
        if city and Observation.objects.filter(region__parent=city).exists():
            summary = _existing(city)
        else:
            summary = _load(user, generate(seed), city)
    home = Region.objects.filter(is_home=True).first()
    if home is not None:
        from econdesk.demo.extras import load_extras

        summary.notes.extend(load_extras(user, home, today=DEMO_TODAY))
    summary.seconds = time.perf_counter() - started
    return summary


def _existing(city: Region) -> DemoSummary:
    members = list(Region.objects.filter(parent=city))
    home = next((m.name for m in members if m.is_home), None)
    return DemoSummary(
        created=False,
        city=city.name,
        members=[m.name for m in members],
        home=home,
        leaders=[str(leader) for leader in Leader.objects.filter(name__in=_leader_names())],
        logins=[
            _login_row(login, User.objects.filter(username=login.username).first())
            for login in profiles.DEMO_LOGINS
        ],
    )


def _load(user: User, demo: DemoCity, city: Region | None) -> DemoSummary:
    notes: list[str] = []
    indicators = ensure_standard_catalogue(user)
    # The GDP estimate's sector table and the published value added it is calibrated on; the
    # value added answers to GDP's leader.
    ensure_default_gdp_sectors(user)
    value_added = {i.code: i for i in ensure_value_added_indicators(user).values()}
    leaders = _leaders(user, {**indicators, **value_added})
    regions = _regions(user, demo, city, notes)
    observations, estimates = _figures(user, demo, regions, {**indicators, **value_added})
    targets = _targets(user, demo, regions, indicators)
    logins = _logins(user, leaders, notes)
    home = next((m.name for m in demo.members if regions[m.name].is_home), None)
    return DemoSummary(
        created=True,
        city=demo.name,
        members=[m.name for m in demo.members],
        home=home,
        leaders=[str(leader) for leader in leaders.values()],
        logins=logins,
        observations=observations,
        estimates=estimates,
        targets=targets,
        notes=notes,
    )


def _leader_names() -> list[str]:
    return [p.name for p in profiles.LEADERS]


def _leaders(user: User, indicators: dict[str, Indicator]) -> dict[str, Leader]:
    """The 分管区领导 of the speech; each indicator without a leader gets its one."""
    leaders = {}
    for order, spec in enumerate(profiles.LEADERS, start=1):
        leader = Leader.objects.filter(name=spec.name, title=spec.title).first()
        if leader is None:
            leader = Leader.objects.create(
                name=spec.name, title=spec.title, portfolio=spec.portfolio, sort_order=order * 10
            )
            record_model_change(user=user, obj=leader, before=None, reason=REASON)
        leaders[spec.name] = leader
        for code in spec.indicators:
            indicator = indicators.get(code)
            # An installation that already named its leaders keeps them.
            if indicator is not None and indicator.leader_id is None:
                indicator.leader = leader
                save_indicator(user, indicator, reason=f"{REASON}：分管区领导")
    return leaders


def _regions(
    user: User, demo: DemoCity, city: Region | None, notes: list[str]
) -> dict[str, Region]:
    if city is None:
        city = create_region_for_import(user, name=demo.name, parent=None, reason=REASON)
    regions = {demo.name: city}
    other_home = Region.objects.filter(is_home=True).exclude(parent=city).first()
    for spec in demo.members:
        region = Region.objects.filter(parent=city, name=spec.name).first()
        if region is None:
            region = create_region_for_import(user, name=spec.name, parent=city, reason=REASON)
            # The import service infers kind and ranking from the name; the demo knows them,
            # and knows which member is 本级 (unless the installation already set its own).
            wanted = {
                "kind": spec.kind,
                "ranked": spec.ranked,
                "is_home": spec.is_home and other_home is None,
            }
            if any(getattr(region, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(region, name, value)
                region = save_region(user, region, reason=REASON)
        regions[spec.name] = region
    if other_home is not None:
        notes.append(f"已有本级地区“{other_home}”，示例的{profiles.HOME_NAME}未设为本级。")
    return regions


def _figures(
    user: User, demo: DemoCity, regions: dict[str, Region], indicators: dict[str, Indicator]
) -> tuple[int, int]:
    """All actuals and estimates in one batch, through the ledger's only writer."""
    digest = hashlib.sha256()
    for f in demo.actuals + demo.value_added + demo.estimates:
        digest.update(
            f"{f.region}|{f.indicator}|{f.year}-{f.month}|{f.value}|{f.growth}\n".encode()
        )
    batch = new_batch(
        user, kind=ImportBatch.Kind.DEMO, file_name=profiles.BATCH_NAME, sha256=digest.hexdigest()
    )
    writer = ObservationWriter(user, batch)

    def rows(figures: list[Figure], kind: str, vintage: str, source: str):
        return [
            ObservationInput(
                region=regions[f.region],
                indicator=indicators[f.indicator],
                period=PeriodKey(f.year, f.month),
                value=f.value,
                growth=f.growth,
                rank=f.rank,
                kind=kind,
                vintage=vintage,
                source_ref=source,
            )
            for f in figures
        ]

    actual = rows(
        demo.actuals + [f for f in demo.value_added if f.indicator in indicators],
        Observation.Kind.ACTUAL,
        Observation.Vintage.MONTHLY,
        REASON,
    )
    for start in range(0, len(actual), 2000):
        writer.add(actual[start : start + 2000])
    estimate = rows(
        demo.estimates, Observation.Kind.ESTIMATE, Observation.Vintage.ESTIMATE, "部门预计（示例）"
    )
    writer.add(estimate)
    writer.finish(rows_read=len(actual) + len(estimate))
    return len(actual), len(estimate)


def _targets(
    user: User, demo: DemoCity, regions: dict[str, Region], indicators: dict[str, Indicator]
) -> int:
    digest = hashlib.sha256(repr(demo.targets).encode()).hexdigest()
    batch = new_batch(
        user, kind=ImportBatch.Kind.TARGETS, file_name="示例目标（自动生成）", sha256=digest
    )
    count = 0
    for t in demo.targets:
        saved = save_target(
            user,
            region=regions[t.region],
            indicator=indicators[t.indicator],
            period=PeriodKey(t.year, t.month),
            level=t.level,
            growth=t.growth,
            value=t.value,
            rank_goal=t.rank_goal,
            batch=batch,
            reason=REASON,
        )
        count += saved.status == "created"
    return count


def _logins(user: User, leaders: dict[str, Leader], notes: list[str]) -> list[DemoLoginRow]:
    """One login per role, all with the demo password; existing usernames are left alone."""
    departments = {d.short_name: d for d in Department.objects.all()}
    # One hash for all: the password is public anyway, and each hash costs a third of a second.
    hashed = make_password(profiles.DEMO_PASSWORD)
    rows = []
    for spec in profiles.DEMO_LOGINS:
        account = User.objects.filter(username=spec.username).first()
        if account is not None:
            notes.append(f"用户“{spec.username}”已存在，未改动其密码与角色。")
            rows.append(_login_row(spec, account, note="已存在"))
            continue
        account = User(
            username=spec.username,
            display_name=spec.display_name,
            role=spec.role,
            department=departments.get(spec.department) if spec.department else None,
        )
        # Set directly, bypassing the validators: the demo password is public by design.
        account.password = hashed
        account.save()
        # The change record keeps who got which role, never the password hash.
        record(
            user=user,
            action=ChangeRecord.Action.CREATE,
            object_type=account._meta.label,
            object_id=account.pk,
            object_repr=str(account),
            after=snapshot(account, ["username", "display_name", "role", "department"]),
            reason=f"{REASON}：演示账户",
        )
        if spec.leader and spec.leader in leaders and leaders[spec.leader].user_id is None:
            leader = leaders[spec.leader]
            before = snapshot(leader)
            leader.user = account
            leader.save(update_fields=["user"])
            record_model_change(user=user, obj=leader, before=before, reason=REASON)
        rows.append(_login_row(spec, account))
    return rows


def _login_row(spec: profiles.DemoLogin, account: User | None, note: str = "") -> DemoLoginRow:
    department = account.department if account is not None else None
    return DemoLoginRow(
        username=spec.username,
        password=profiles.DEMO_PASSWORD,
        role=Role(spec.role).label,
        department=department.name if department else "—",
        display_name=spec.display_name,
        note=note if account is not None else "不存在",
    )

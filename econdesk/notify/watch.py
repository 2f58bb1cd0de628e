"""Events nobody's click causes, found by ``econdesk deliver`` itself: a task due in N days or
overdue, an indicator newly red or fallen in rank (after an import or a published estimate),
and each leader's weekly digest. Each is emitted once (a dedupe key per task/indicator/week),
and only when some active channel subscribes to it."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from econdesk.notify.models import StatusWatch
from econdesk.notify.outbox import emit, subscribed

DUE_DAYS = 3


def run_all(today: date, *, due_days: int = DUE_DAYS, digest: bool | None = None) -> int:
    made = task_deadlines(today, due_days)
    made += lights()
    if digest if digest is not None else today.weekday() == 0:
        made += weekly_digests(today)
    return made


def _open_tasks():
    from econdesk.supervision.models import OPEN_STATUSES, SupervisedTask

    return SupervisedTask.objects.filter(status__in=OPEN_STATUSES).select_related(
        "lead_department", "leader"
    )


def task_deadlines(today: date, due_days: int = DUE_DAYS) -> int:
    made = 0
    want_due, want_late = subscribed("task.due"), subscribed("task.overdue")
    if not (want_due or want_late):
        return 0
    for task in _open_tasks():
        left = (task.deadline - today).days
        with transaction.atomic():
            if want_due and 0 <= left <= due_days:
                key = f"task.due:{task.pk}:{task.deadline}"
                made += bool(emit("task.due", dedupe_key=key, task=task, days_left=left))
            elif want_late and left < 0:
                key = f"task.overdue:{task.pk}:{task.deadline}"
                made += bool(emit("task.overdue", dedupe_key=key, task=task, days_late=-left))
    return made


def _panel():
    from econdesk.analysis.panel import build_panel
    from econdesk.bulletins.archive import latest_actual_period
    from econdesk.ledger.queries import home_region

    region = home_region()
    key = latest_actual_period(region) if region else None
    if key is None:
        return None, None, None
    return region, key, build_panel(region, key)


def seen_rows(panel: dict) -> dict:
    return {
        r["code"]: {"color": r["status"]["color"], "rank": r["rank"]} for r in panel["indicators"]
    }


def changes(before: dict, after: dict, panel_rows: list[dict]) -> list[tuple[str, dict]]:
    """(kind, row) for each indicator newly red, or lower in rank, than last seen."""
    found = []
    for row in panel_rows:
        now, old = after[row["code"]], before.get(row["code"], {})
        if now["color"] == "red" and old.get("color") != "red":
            found.append(("indicator.red", row))
        old_rank = old.get("rank")
        if now["rank"] is not None and old_rank is not None and now["rank"] > old_rank:
            found.append(("indicator.rank_fell", {**row, "_old_rank": old_rank}))
    return found


def lights() -> int:
    """Compare the home region's newest panel with what was seen last time."""
    if not (subscribed("indicator.red") or subscribed("indicator.rank_fell")):
        return 0
    region, key, panel = _panel()
    if panel is None:
        return 0
    after = seen_rows(panel)
    made = 0
    with transaction.atomic():
        watch = (
            StatusWatch.objects.select_for_update()
            .filter(region=region, period_code=key.code)
            .first()
        )
        if watch is not None and watch.rows == after:
            return 0
        # A period seen for the first time is compared with the one seen before it; the very
        # first look (nothing seen yet) only sets the baseline.
        earlier = (
            watch or StatusWatch.objects.filter(region=region).order_by("-period_code").first()
        )
        if earlier is not None:
            for kind, row in changes(earlier.rows, after, panel["indicators"]):
                made += bool(_emit_light(kind, region, key, panel, row))
        StatusWatch.objects.update_or_create(
            region=region, period_code=key.code, defaults={"rows": after}
        )
    return made


def _emit_light(kind, region, key, panel, row):
    from econdesk.ledger.models import Indicator

    indicator = Indicator.objects.select_related("leader").filter(code=row["code"]).first()
    old_rank = row.get("_old_rank")
    if kind == "indicator.red":
        dedupe = f"red:{region.pk}:{key.code}:{row['code']}"
    else:
        dedupe = f"rank:{region.pk}:{key.code}:{row['code']}:{row['rank']}"
    leader = indicator.leader if indicator else None
    return emit(
        kind,
        dedupe_key=dedupe,
        region=region.name,
        period=key.code,
        period_label=panel.get("period_display") or key.full_label,
        indicator=row["name"],
        code=row["code"],
        growth=_growth(row),
        rank=row.get("rank"),
        rank_prev=old_rank if old_rank is not None else row.get("rank_prev"),
        rank_of=row.get("rank_of"),
        fell=(row["rank"] - old_rank) if old_rank is not None else None,
        reasons=row["status"]["reasons"],
        department_id=indicator.lead_department_id if indicator else None,
        department=row.get("lead_department", ""),
        leader_user_id=leader.user_id if leader else None,
        path=f"/indicators/{row['code']}/",
    )


def _growth(row: dict) -> str | None:
    from econdesk.analysis.arithmetic.status import format_number

    if row.get("growth") is None:
        return None
    return format_number(row["growth"], row.get("growth_decimals", 1))


def weekly_digests(today: date) -> int:
    if not subscribed("digest.weekly"):
        return 0
    from econdesk.accounts.models import Leader

    _, _, panel = _panel()
    rows = panel["indicators"] if panel else []
    year, week, _ = today.isocalendar()
    made = 0
    for leader in Leader.objects.select_related("user").filter(user__is_active=True):
        mine = [r for r in rows if r.get("leader") == str(leader)]
        tasks = [t for t in _open_tasks() if t.leader_id == leader.pk]
        with transaction.atomic():
            made += bool(
                emit(
                    "digest.weekly",
                    dedupe_key=f"digest:{leader.pk}:{year}-W{week:02d}",
                    leader=str(leader),
                    leader_user_id=leader.user_id,
                    week=f"{year}年第{week}周",
                    indicators=[
                        {
                            "name": r["name"],
                            "growth": _growth(r),
                            "rank": r.get("rank"),
                            "color": r["status"]["color"],
                        }
                        for r in mine
                    ],  # fmt: skip
                    tasks=[
                        {
                            "number": t.number,
                            "title": t.title,
                            "deadline": t.deadline,
                            "state": "已逾期" if t.deadline < today else t.get_status_display(),
                        }
                        for t in tasks
                    ],  # fmt: skip
                )
            )
    return made

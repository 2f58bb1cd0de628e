"""Targets in tidy form `region,indicator,period,level,growth,value[,rank_goal]` → Target rows.

level is 市下达 (assigned by the city), 区级 (set by the district) or 奋斗 (stretch). A target
gives a growth rate in %, an amount in the indicator's unit (or the row's unit column), a rank
goal, or several of these. Targets are mutable: see services/targets.save_target.
"""

from __future__ import annotations

from econdesk.ledger import units
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.importing.readers import (
    CellError,
    cell_text,
    fit,
    period_problem,
    to_decimal,
    to_rank,
)
from econdesk.ledger.importing.report import FileContext
from econdesk.ledger.importing.tidy import TARGET_COLUMNS, read_header, read_period
from econdesk.ledger.lookups import normalise
from econdesk.ledger.models import ImportBatch, Target
from econdesk.ledger.services.observations import new_batch
from econdesk.ledger.services.regions import RegionLookupError, find_region
from econdesk.ledger.services.targets import save_target

LEVELS = {
    "市下达": Target.Level.CITY,
    "市下达目标": Target.Level.CITY,
    "city": Target.Level.CITY,
    "区级": Target.Level.DISTRICT,
    "区级目标": Target.Level.DISTRICT,
    "district": Target.Level.DISTRICT,
    "奋斗": Target.Level.STRETCH,
    "奋斗目标": Target.Level.STRETCH,
    "stretch": Target.Level.STRETCH,
}


def import_targets(ctx: FileContext, sheets) -> None:
    rows = []
    seen: dict[tuple, int] = {}
    regions: dict[str, object] = {}
    any_data = False
    for sheet in sheets:
        header = None
        for number, cells in sheet.rows:
            if not cells:
                continue
            if header is None:
                header = read_header(
                    ctx,
                    sheet.name,
                    number,
                    cells,
                    TARGET_COLUMNS,
                    ("region", "indicator", "period", "level"),
                )
                if header is None:
                    break
                if sheet.name:
                    ctx.report.sheets.append(sheet.name)
                continue
            any_data = True
            ctx.report.rows_read += 1
            row = _row(ctx, sheet.name, number, cells, header, regions)
            if row is None:
                continue
            key = (row["region"].pk, row["indicator"].pk, row["period"], row["level"])
            if key in seen:
                ctx.problem(sheet.name, number, None, f"与第{seen[key]}行是同一目标，重复出现")
                continue
            seen[key] = number
            rows.append(row)
    if not any_data and not ctx.failed:
        ctx.problem(None, None, None, "文件中没有目标数据")
    if ctx.failed:
        return
    batch = new_batch(
        ctx.user, kind=ImportBatch.Kind.TARGETS, file_name=ctx.name, sha256=ctx.sha256
    )
    for row in rows:
        result = save_target(ctx.user, batch=batch, reason=f"导入{ctx.name}", **row)
        if result.status == "created":
            ctx.report.targets_created.append(result)
        elif result.status == "updated":
            ctx.report.targets_updated.append(result)
        else:
            ctx.report.targets_unchanged += 1
    if batch.pk is not None:
        batch.rows_read = ctx.report.rows_read
        batch.created_count = len(ctx.report.targets_created)
        batch.revised_count = len(ctx.report.targets_updated)
        batch.unchanged_count = ctx.report.targets_unchanged
        batch.save()
        ctx.report.batch_id = batch.pk


def _row(ctx, sheet, number, cells, header, regions) -> dict | None:
    def cell(role):
        index = header.get(role)
        return cells[index] if index is not None and index < len(cells) else None

    def where(role):
        return column_letter(header[role])

    ok = True
    name = cell_text(cell("region"))
    if name not in regions:
        try:
            regions[name] = find_region(name) if name else None
            if regions[name] is None:
                ctx.problem(
                    sheet,
                    number,
                    where("region"),
                    f"未找到地区“{name}”" if name else "缺少地区名称",
                )
        except RegionLookupError as exc:
            regions[name] = None
            ctx.problem(sheet, number, where("region"), str(exc))
    region = regions[name]
    label = cell_text(cell("indicator"))
    indicator = ctx.indicators.find(label) if label else None
    if indicator is None:
        ctx.problem(
            sheet,
            number,
            where("indicator"),
            f"“{label}”不是已知指标（如为别称，请在指标目录中为其添加别名）",
        )
    key = read_period(cell("period"))
    if key is None:
        ctx.problem(
            sheet, number, where("period"), f"“{cell_text(cell('period'))}”不是期别（应如 2022-03）"
        )
    elif indicator is not None and (message := period_problem(indicator, key)):
        ctx.problem(sheet, number, where("period"), message)
        ok = False
    level = LEVELS.get(normalise(cell_text(cell("level"))).lower())
    if level is None:
        ctx.problem(
            sheet,
            number,
            where("level"),
            f"“{cell_text(cell('level'))}”不是目标层级（应为 市下达、区级 或 奋斗）",
        )
    # A refused cell leaves its goal None (not missing): the checks below read every goal.
    goals: dict = dict.fromkeys(("growth", "value", "rank_goal"))
    for role in ("growth", "value", "rank_goal"):
        if role not in header:
            continue
        try:
            if role == "rank_goal":
                goals[role] = to_rank(cell(role))
            elif role == "growth":
                goals[role] = fit(to_decimal(cell(role)), 4, 12)
            else:
                goals[role] = to_decimal(cell(role))
        except CellError as exc:
            ctx.problem(sheet, number, where(role), str(exc))
            ok = False
    if goals["value"] is not None and indicator is not None:
        unit = units.normalise_unit(cell_text(cell("unit")))
        try:
            if unit and indicator.unit and unit != indicator.unit:
                goals["value"] = units.convert(goals["value"], unit, indicator.unit)
            goals["value"] = fit(goals["value"], 6, 24)
        except (units.UnitError, CellError) as exc:
            ctx.problem(sheet, number, where("unit" if "unit" in header else "value"), str(exc))
            ok = False
    if ok and all(v is None for v in goals.values()):
        ctx.problem(sheet, number, None, "至少应填写目标增速、目标值或位次目标之一")
        ok = False
    if not (ok and region and indicator and key and level):
        return None
    return dict(region=region, indicator=indicator, period=key, level=level, **goals)

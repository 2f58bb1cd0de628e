"""Names a file uses that the ledger does not know: proposed, then created or aliased at once.

An import that meets an unknown indicator, an unknown member of a peer group, or a city its
title names but the ledger lacks, does not refuse the file: it proposes, per name, either an
alias of an existing one (when one is plainly the same: 东城 → 东城区) or a new one, with the
attributes it can tell (from the standard catalogue, the file's unit, the name's wording).
The proposals are applied inside the import's transaction only when the person importing said
so — the web page's confirmation, the CLI's --accept-new, or an answers file naming each —
so nothing is written until the whole import is confirmed. Without that, every unknown name is
a problem that states its proposal.

Answers (JSON), keyed by the name as the file writes it:

    {"indicators": {"工业投资": {"action": "create", "unit": "亿元", "cumulation": "ytd",
                                 "lead": "发改局"},
                    "技改投资额": {"action": "alias", "to": "技改投资"}},
     "regions": {"高新区": {"action": "create", "parent": "示范市", "ranked": false},
                 "东城": {"action": "alias", "to": "东城区"}}}
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db.models import Max

from econdesk.ledger import units
from econdesk.ledger.importing.errors import sheet_label
from econdesk.ledger.lookups import IndicatorIndex, bare_label, normalise
from econdesk.ledger.models import Indicator, Region
from econdesk.ledger.periods import leading_period
from econdesk.ledger.periods import normalise as period_words
from econdesk.ledger.services.base import audited_save
from econdesk.ledger.services.regions import (
    RegionLookupError,
    create_region_for_import,
    find_region,
    infer_kind,
    region_label,
)

INDICATOR, REGION = "indicator", "region"
CREATE, ALIAS = "create", "alias"
_ACTIONS = {"create": CREATE, "新建": CREATE, "alias": ALIAS, "并入": ALIAS, "别名": ALIAS}
_CUMULATIONS = {"ytd": "ytd", "累计": "ytd", "stock": "stock", "时点": "stock", "余额": "stock"}
# Words in an indicator's name that tell its lead department (first match wins).
_LEAD_WORDS = (
    (("存款", "贷款", "金融", "保费"), "金融局"),
    (("财政", "税收", "预算", "非税"), "财政局"),
    (("房地产", "商品房", "建筑", "施工面积"), "住建局"),
    (("外资", "内资", "招商", "到位资金"), "投促局"),
    (
        ("零售", "消费品", "批发", "住宿", "餐饮", "进出口", "出口", "进口", "网络", "旅游"),
        "商务局",
    ),
    (("工业", "用电", "技改", "制造业", "高技术", "新兴产业", "高新技术", "园区"), "经信局"),
    (("农", "林", "牧", "渔", "粮食"), "农业农村局"),
    (("收入", "支出", "人均"), "统计局"),
    (("投资", "服务业", "生产总值", "增加值"), "发改局"),
)
_STOCK_WORDS = ("余额", "年末", "期末", "施工面积", "从业人员", "存量")
_SUFFIX_NOISE = re.compile(r"(增速|增长率?|增幅|同比|总额|额|总量)$")
# A city (or prefecture, league, province) named at the head of a bulletin's title.
_CITY_IN_TITLE = re.compile(
    r"^(?:附表\d*|表\d+)?[:：、\s]*"
    r"([\u4e00-\u9fff]{1,12}?(?:自治州|地区|市|州|盟|省))"
    r"(?=$|\s*\d{4}|[-_ ]|各|全市|全州|主要|经济|统计|区县|区\(市\)县|县\(市|县区|县市)"
)


class AnswerError(ValueError):
    """An answers file that cannot be read; the message is Chinese."""


@dataclass
class Proposal:
    """What to do with one unknown name; `answered` when the person importing chose it."""

    kind: str  # INDICATOR or REGION
    name: str
    action: str  # CREATE or ALIAS
    where: str  # where the file first names it
    to: str = ""  # ALIAS: the existing indicator's or region's name
    # a new indicator
    unit: str = ""
    cumulation: str = "ytd"
    frequency: str = "monthly"
    lead: str = ""
    rank_key: str = "growth"
    from_catalogue: bool = False
    # a new region
    parent: str = ""
    ranked: bool = True
    answered: bool = False
    applied: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, normalise(self.name))

    def describe(self) -> str:
        if self.kind == INDICATOR:
            if self.action == ALIAS:
                return f"指标“{self.name}”作为“{self.to}”的别名"
            unit = f"单位{self.unit}" if self.unit else "无单位"
            cumulation = "时点（期末余额）" if self.cumulation == "stock" else "累计"
            lead = f"，牵头{self.lead}" if self.lead else "，牵头部门待定"
            source = "（标准指标目录）" if self.from_catalogue else ""
            return f"新建指标“{self.name}”{source}：{unit}，{cumulation}{lead}"
        if self.action == ALIAS:
            return f"地区“{self.name}”作为“{self.to}”的别名"
        if not self.parent:
            return f"新建地区“{self.name}”（无上级）"
        ranked = "参与排名" if self.ranked else "列出但不参与排名"
        return f"新建地区“{self.name}”，属{self.parent}，{ranked}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["describe"] = self.describe()
        data.pop("applied")
        return data


def read_answers(source) -> dict:
    """Answers from a JSON file path, a JSON text or a dict → {(kind, name): answer dict}."""
    if source is None or source == "":
        return {}
    data = source
    if isinstance(source, str | Path):
        text = str(source)
        if not text.lstrip().startswith("{"):
            try:
                text = Path(text).read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise AnswerError(f"无法读取答复文件“{source}”：{exc.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise AnswerError(f"答复文件不是有效的JSON（第{exc.lineno}行）：{exc.msg}") from None
    if not isinstance(data, dict):
        raise AnswerError('答复文件应为JSON对象：{"indicators": {…}, "regions": {…}}')
    answers = {}
    for section, kind in (("indicators", INDICATOR), ("regions", REGION)):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            raise AnswerError(f"答复文件的“{section}”应为对象（名称 → 处理方式）")
        for name, answer in entries.items():
            if isinstance(answer, str):
                answer = {"action": ALIAS, "to": answer}
            if not isinstance(answer, dict):
                raise AnswerError(f"答复文件中“{name}”的处理方式应为对象")
            action = _ACTIONS.get(str(answer.get("action", CREATE)).strip())
            if action is None:
                raise AnswerError(
                    f"答复文件中“{name}”的 action 应为 create（新建）或 alias（并入已有）"
                )
            answers[(kind, normalise(name))] = {**answer, "action": action}
    unknown = set(data) - {"indicators", "regions"}
    if unknown:
        raise AnswerError(
            f"答复文件含未知的项：{'、'.join(sorted(unknown))}（可用：indicators、regions）"
        )
    return answers


_TITLE_PREFIX = re.compile(r"^(?:附表\d*|表\d+)?[:：、\s]*")


def city_in_title(title: str) -> str | None:
    """The city a bulletin's title starts with, before or after its period (示范市2022年1-2月…
    or 2022年1-2月示范市… → 示范市), or None."""
    text = normalise(period_words(title))
    match = _CITY_IN_TITLE.search(text)
    if match is None:
        lead = leading_period(text[_TITLE_PREFIX.match(text).end() :])
        if lead is not None:
            match = _CITY_IN_TITLE.search(lead.rest)
    return match.group(1) if match else None


class NameResolver:
    """The unknown names of one import, their proposals, and (when accepted) their creation."""

    def __init__(self, user, indicators: IndicatorIndex, answers: dict | None, accept: bool):
        self.user = user
        self.indicators = indicators
        self.answers = answers or {}
        self.accept = accept
        self.proposals: dict[tuple[str, str], Proposal] = {}
        self.results: dict[tuple[str, str], object] = {}

    @property
    def listed(self) -> list[Proposal]:
        return list(self.proposals.values())

    # --- indicators --------------------------------------------------------------------------

    def indicator(
        self, ctx, name: str, *, unit: str | None, sheet, row, column
    ) -> Indicator | None:
        """The indicator called `name`, or (accepted) the one its proposal makes; None after a
        problem saying what is proposed."""
        name = bare_label(name)
        found = self.indicators.find(name)
        if found is not None or not name:
            return found
        key = (INDICATOR, name)
        if key in self.results:
            return self.results[key]
        proposal = self.proposals.get(key)
        if proposal is None:
            proposal = self._indicator_proposal(name, unit, _where(ctx, sheet, row, column))
            self.proposals[key] = proposal
        result = None
        try:
            if self._answer(proposal) or self.accept:
                result = self._apply_indicator(ctx, proposal)
            else:
                ctx.problem(sheet, row, column, self._ask(f"“{name}”不是已知指标", proposal))
        except (ValueError, RegionLookupError) as exc:
            ctx.problem(sheet, row, column, str(exc))
        self.results[key] = result
        return result

    def _indicator_proposal(self, name: str, unit: str | None, where: str) -> Proposal:
        entry = self.indicators.wider(name)
        if entry is not None:
            return Proposal(
                INDICATOR, name, CREATE, where, unit=entry["unit"], cumulation=entry["cumulation"],
                frequency=entry["frequency"], lead=entry["lead"], rank_key=entry["rank_key"],
                from_catalogue=True,
            )  # fmt: skip
        stem = _SUFFIX_NOISE.sub("", name)
        same = self.indicators.find(stem) if stem != name else None
        if same is not None:
            return Proposal(INDICATOR, name, ALIAS, where, to=same.name)
        lead = next((d for words, d in _LEAD_WORDS if any(w in name for w in words)), "")
        unit = units.normalise_unit(unit) if unit else ""
        if not unit:
            unit = "万千瓦时" if "电量" in name else ("元" if "人均" in name else "亿元")
        cumulation = "stock" if any(w in name for w in _STOCK_WORDS) else "ytd"
        return Proposal(INDICATOR, name, CREATE, where, unit=unit, cumulation=cumulation, lead=lead)

    def _apply_indicator(self, ctx, proposal: Proposal) -> Indicator:
        reason = f"导入{ctx.name}时{proposal.describe()}"
        if proposal.action == ALIAS:
            target = self.indicators.find(proposal.to)
            if target is None:
                raise ValueError(f"“{proposal.name}”应并入的指标“{proposal.to}”不存在")
            target.aliases = [*target.aliases, proposal.name]
            audited_save(self.user, "ledger.import", target, reason)
            self.indicators.learn(target)
            ctx.report.aliases_added.append(proposal.describe())
            proposal.applied = True
            return target
        if (
            proposal.unit
            and not units.is_known(proposal.unit)
            and proposal.unit not in ("户", "家", "个", "人")
        ):
            raise ValueError(f"新建指标“{proposal.name}”的单位“{proposal.unit}”不是可识别的单位")
        if proposal.cumulation not in ("ytd", "stock"):
            raise ValueError(f"新建指标“{proposal.name}”的累计方式应为累计或时点")
        entry = self.indicators.wider(proposal.name) if proposal.from_catalogue else None
        lead = None
        if proposal.lead:
            from econdesk.accounts.models import Department

            lead = Department.objects.filter(short_name=proposal.lead).first() or (
                Department.objects.filter(name=proposal.lead).first()
            )
            if lead is None:
                raise ValueError(f"新建指标“{proposal.name}”的牵头部门“{proposal.lead}”不存在")
        order = (Indicator.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 10
        if entry is not None:
            fields = {k: v for k, v in entry.items() if k not in ("lead", "sort_order")}
            fields.update(unit=proposal.unit, cumulation=proposal.cumulation)
            if Indicator.objects.filter(code=fields["code"]).exists():
                fields["code"] = _code_for(proposal.name)
        else:
            quarterly = proposal.frequency == "quarterly"
            fields = dict(
                code=_code_for(proposal.name), name=proposal.name, unit=proposal.unit,
                frequency=proposal.frequency, first_month=3 if quarterly else 2,
                price_basis="current", cumulation=proposal.cumulation,
                rank_key=proposal.rank_key, decimals=0 if proposal.unit == "元" else 2,
            )  # fmt: skip
        fields["aliases"] = [a for a in fields.get("aliases", []) if normalise(a) != proposal.name]
        if normalise(fields["name"]) != proposal.name:
            fields["aliases"].append(proposal.name)
        indicator = Indicator(**fields, lead_department=lead, sort_order=order)
        audited_save(self.user, "ledger.import", indicator, reason)
        self.indicators.learn(indicator)
        ctx.report.indicators_created.append(indicator.name)
        proposal.applied = True
        return indicator

    # --- regions -----------------------------------------------------------------------------

    def member(self, ctx, group, name: str, *, ranked_hint: bool | None, sheet, row, column):
        """A member of `group` the group does not know: proposed, and (accepted) created or
        aliased under the group's parent. None after a problem."""
        name = region_label(name)
        key = (REGION, name)
        if key in self.results:
            return self.results[key]
        proposal = self.proposals.get(key)
        if proposal is None:
            proposal = self._member_proposal(
                group, name, ranked_hint, _where(ctx, sheet, row, column)
            )
            self.proposals[key] = proposal
        result = None
        try:
            if self._answer(proposal) or self.accept:
                result = self._apply_member(ctx, group, proposal)
            else:
                message = f"“{name}”不在{group.parent.name}的下辖地区之中"
                ctx.problem(sheet, row, column, self._ask(message, proposal))
        except (ValueError, RegionLookupError) as exc:
            ctx.problem(sheet, row, column, str(exc))
        self.results[key] = result
        return result

    def _member_proposal(self, group, name, ranked_hint, where) -> Proposal:
        stem = re.sub(r"(区|县|市|旗)$", "", name)
        close = [
            r for r in group.members.by_name.values()
            if len(stem) >= 2 and (r.name.startswith(stem) or name.startswith(r.name))
        ]  # fmt: skip
        close = list({r.pk: r for r in close}.values())
        if len(close) == 1:
            return Proposal(REGION, name, ALIAS, where, to=close[0].name, parent=group.parent.name)
        kind = infer_kind(name, group.parent)
        ranked = kind != Region.Kind.FUNCTIONAL_ZONE if ranked_hint is None else ranked_hint
        return Proposal(REGION, name, CREATE, where, parent=group.parent.name, ranked=ranked)

    def _apply_member(self, ctx, group, proposal: Proposal) -> Region:
        reason = f"导入{ctx.name}时{proposal.describe()}"
        if proposal.action == ALIAS:
            target = group.members.find(proposal.to)
            if target is None:
                raise ValueError(
                    f"“{proposal.name}”应并入的地区“{proposal.to}”不在{group.parent.name}的下辖地区之中"
                )
            target.aliases = [*target.aliases, proposal.name]
            audited_save(self.user, "ledger.import", target, reason)
            group.members.by_name[proposal.name] = target
            ctx.report.aliases_added.append(proposal.describe())
            proposal.applied = True
            return target
        parent = group.parent
        if proposal.parent and normalise(proposal.parent) != normalise(parent.name):
            raise ValueError(
                f"“{proposal.name}”出现在{parent.name}的表中，只能建在{parent.name}之下"
            )
        region = _create_member(self.user, group, proposal.name, reason)
        if region.ranked != proposal.ranked:
            region.ranked = proposal.ranked
            audited_save(self.user, "ledger.import", region, reason)
        proposal.applied = True
        return region

    def new_parent(self, ctx, name: str, *, sheet, row, column, above: str = "") -> Region | None:
        """A city (or country…) a file's title or total row names and the ledger lacks."""
        name = normalise(name)
        key = (REGION, name)
        if key in self.results:
            return self.results[key]
        proposal = self.proposals.get(key)
        if proposal is None:
            proposal = Proposal(REGION, name, CREATE, _where(ctx, sheet, row, column), parent=above)
            self.proposals[key] = proposal
        result = None
        try:
            if self._answer(proposal) or self.accept:
                if proposal.action == ALIAS:
                    result = find_region(proposal.to)
                    if result is None:
                        raise ValueError(f"“{proposal.name}”应并入的地区“{proposal.to}”不存在")
                    result.aliases = [*result.aliases, proposal.name]
                    audited_save(self.user, "ledger.import", result, f"导入{ctx.name}")
                    ctx.report.aliases_added.append(proposal.describe())
                else:
                    grand = find_region(proposal.parent) if proposal.parent else None
                    if proposal.parent and grand is None:
                        raise ValueError(f"“{proposal.name}”的上级“{proposal.parent}”不存在")
                    result = create_region_for_import(
                        self.user, name=name, parent=grand,
                        reason=f"导入{ctx.name}时{proposal.describe()}",
                    )  # fmt: skip
                    ctx.report.regions_created.append(result.name)
                proposal.applied = True
            else:
                ctx.problem(sheet, row, column, self._ask(f"地区“{name}”尚未建立", proposal))
        except (ValueError, RegionLookupError) as exc:
            ctx.problem(sheet, row, column, str(exc))
        self.results[key] = result
        return result

    # --- answers -----------------------------------------------------------------------------

    def _answer(self, proposal: Proposal) -> bool:
        """Fold the person's answer for this name into the proposal; True if there was one."""
        answer = self.answers.get(proposal.key)
        if not answer:
            return False
        proposal.action = answer["action"]
        proposal.answered = True
        if proposal.action == ALIAS:
            proposal.to = normalise(str(answer.get("to") or proposal.to))
            if not proposal.to:
                raise ValueError(f"“{proposal.name}”选择了并入已有，但未指明并入哪一个")
            return True
        for name in ("unit", "lead", "parent", "frequency", "rank_key"):
            if name in answer and answer[name] is not None:
                setattr(proposal, name, str(answer[name]).strip())
        if "cumulation" in answer:
            proposal.cumulation = _CUMULATIONS.get(str(answer["cumulation"]).strip(), "?")
        if "ranked" in answer:
            proposal.ranked = answer["ranked"] in (True, "true", "1", "on", "是", 1)
        proposal.unit = units.normalise_unit(proposal.unit)
        return True

    @staticmethod
    def _ask(message: str, proposal: Proposal) -> str:
        return (
            f"{message}；建议：{proposal.describe()}。请在导入页核对后确认，"
            "或在命令行加 --accept-new 接受建议、用 --answers 文件逐项指定"
        )


def _where(ctx, sheet, row, column) -> str:
    sheet, row, column = ctx.locate(sheet, row, column)
    parts = [ctx.name]
    if sheet:
        parts.append(sheet_label(sheet))
    if row is not None:
        parts.append(f"第{row}行" + (f" {column}列" if column else ""))
    return " ".join(parts)


def _create_member(user, group, name: str, reason: str) -> Region:
    """A new member of a peer group, after the group's last, known to the group from now on."""
    if group.next_order is None:
        siblings = Region.objects.filter(parent=group.parent)
        group.next_order = (siblings.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    region = create_region_for_import(
        user, name=name, parent=group.parent, reason=reason, sort_order=group.next_order
    )
    group.next_order += 1
    group.members.by_name[name] = region
    group.created.append(region)
    return region


def _code_for(name: str) -> str:
    """A stable code for an indicator created at import: its name's hash, as a slug."""
    return "imported-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


__all__ = [
    "ALIAS",
    "CREATE",
    "AnswerError",
    "NameResolver",
    "Proposal",
    "city_in_title",
    "read_answers",
]

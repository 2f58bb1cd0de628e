"""Gather what a bulletin is written from: the panel, where each figure is stored, the GDP
estimate, leaders, departments' notes and (once that app exists) projects.

The result — the *material* — is a plain dict with Decimals inside. It is what the archive
stores (as the snapshot) and all a document needs: regenerating from it needs no ledger.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from econdesk import phrases
from econdesk.accounts.models import Leader
from econdesk.analysis.facts import load_panel_facts, previous_period
from econdesk.analysis.gdp_estimate import estimate_for
from econdesk.analysis.panel import build_panel
from econdesk.bulletins import compose
from econdesk.ledger.asof import current_observations, reading_as_of
from econdesk.ledger.models import Indicator, Observation, Region, Target
from econdesk.ledger.periods import PeriodKey, display_label

SUBJECTS = {Region.Kind.DISTRICT: "全区", Region.Kind.COUNTY: "全县"}


def subject_for(region: Region) -> str:
    """How a bulletin names its own region: 全区 / 全县, else the region's name (红岩市)."""
    return SUBJECTS.get(region.kind, region.name)


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def issuer_for(region: Region) -> str:
    """The issuing office (印发单位): the setting ECONDESK_BULLETIN_ISSUER — one office for all,
    or per region {region name: office} (e.g. {"锦江区": "锦江区发展和改革局"}) — else the
    region's 发展和改革局: an office, never the software."""
    configured = getattr(settings, "ECONDESK_BULLETIN_ISSUER", "") or ""
    if isinstance(configured, dict):
        configured = configured.get(region.name, "")
    return configured or f"{region.name}发展和改革局"


def group_label_for(group: Region | None) -> str:
    """How the peer group is named in sentences: the setting ECONDESK_PEER_GROUP_LABELS
    ({group name: label}, e.g. {"示范市": "六县市"}), else from the group's kind and name
    (全市 / 全州 / 全省 / 全盟 / 全地区)."""
    if group is None:
        return "全市"
    configured = getattr(settings, "ECONDESK_PEER_GROUP_LABELS", {}) or {}
    return configured.get(group.name) or phrases.group_label(group.kind, group.name)


def value_ranks(facts) -> dict:
    """Per indicator code: {"rank": n, "tied": bool}, the region's 总量 rank for the bulletin's
    period as the file published it (Observation.value_rank of the version the panel read: the
    current one, or the one as of the bulletin's moment), beside the rank by the indicator's
    rank_key. Only where published: a 总量 rank is never computed. ``tied``: another member of
    the group has the same published 总量 rank (并列)."""
    key = facts.period
    group_id = facts.group.pk if facts.group else None
    wanted: dict[int, tuple[str, int]] = {}  # observation id -> (indicator code, region id)
    for indicator in facts.indicators:
        for region_id, figure in facts.peers.get((indicator.pk, key), {}).items():
            if region_id != group_id:
                wanted[figure.observation_id] = (indicator.code, region_id)
        own = facts.own_figure(indicator.pk, key)
        if own is not None:
            wanted[own.observation_id] = (indicator.code, facts.region.pk)
    if not wanted:
        return {}
    published: dict[str, dict[int, int]] = {}  # code -> {region id: value_rank}
    for pk, value_rank in Observation.objects.filter(
        pk__in=wanted, value_rank__isnull=False
    ).values_list("pk", "value_rank"):
        code, region_id = wanted[pk]
        published.setdefault(code, {})[region_id] = value_rank
    out = {}
    for code, ranks in published.items():
        rank = ranks.get(facts.region.pk)
        if rank is None:
            continue
        others = [r for region_id, r in ranks.items() if region_id != facts.region.pk]
        out[code] = {"rank": rank, "tied": rank in others}
    return out


def rank_keys(facts) -> dict:
    """Per indicator code: what its published rank is by — "growth" (增速) or "value" (总量)."""
    return {i.code: i.rank_key for i in facts.indicators}


def published_gdp(region: Region, key: PeriodKey) -> dict | None:
    """The region's latest published GDP of the year up to ``key`` (a quarter: 前三季度), with
    the group total's growth and the published rank; None when none is in the ledger."""
    own = (
        current_observations()
        .filter(region=region, indicator__code="gdp", kind=Observation.Kind.ACTUAL,
                period__year=key.year, period__month__lte=key.month, growth__isnull=False)
        .select_related("indicator", "period")
        .order_by("-period__month")
        .first()
    )  # fmt: skip
    if own is None:
        return None
    total = None
    if region.parent_id:
        total = (
            current_observations()
            .filter(region_id=region.parent_id, indicator=own.indicator, period=own.period,
                    kind=Observation.Kind.ACTUAL)
            .first()
        )  # fmt: skip
    ind = own.indicator
    return {
        "label": display_label(own.period.month),
        "period": PeriodKey(key.year, own.period.month).code,
        "value": own.value,
        "growth": own.growth,
        "unit": ind.unit,
        "decimals": ind.decimals,
        "growth_decimals": ind.growth_decimals,
        "total_growth": total.growth if total else None,
        "rank": own.rank,
        "observation_id": own.pk,
    }


def project_warnings(region: Region, today: date, at_most: int = 6) -> list[dict]:
    """Projects and deals behind schedule (red first), from econdesk.projects.warnings."""
    from econdesk.projects.warnings import warnings

    return [
        {"name": w.subject_name, "kind": w.kind_label, "color": w.color,
         "department": w.department, "reason": w.reason}
        for w in warnings(region, today)[:at_most]
    ]  # fmt: skip


def open_tasks(region: Region, at_most: int = 8) -> list[dict]:
    """Open supervision tasks (督办事项) of the region, earliest deadline first."""
    from econdesk.supervision.models import OPEN_STATUSES, SupervisedTask

    tasks = SupervisedTask.objects.filter(region=region, status__in=OPEN_STATUSES)
    return [
        {"title": t.title, "department": str(t.lead_department or ""),
         "deadline": chinese_date(t.deadline)}
        for t in tasks.select_related("lead_department").order_by("deadline", "id")[:at_most]
    ]  # fmt: skip


def _refs(facts) -> dict:
    """Per indicator code: the observation ids behind the total, the ranks and the estimates,
    and the ids of the targets (the panel row itself carries only its own observation id)."""
    key = facts.period
    group_id = facts.group.pk if facts.group else None
    refs = {}
    for indicator in facts.indicators:
        prev = previous_period(indicator, key)
        total = facts.total_figure(indicator.pk, key)
        peers = facts.peers.get((indicator.pk, key), {})
        peers_prev = facts.peers.get((indicator.pk, prev), {}) if prev else {}
        refs[indicator.code] = {
            "own": getattr(facts.own_figure(indicator.pk, key), "observation_id", None),
            "total": total.observation_id if total else None,
            "peers": sorted(f.observation_id for r, f in peers.items() if r != group_id),
            "peers_prev": sorted(f.observation_id for r, f in peers_prev.items() if r != group_id),
            "estimates": {
                t.code: f.observation_id
                for (iid, t), f in facts.estimates.items()
                if iid == indicator.pk
            },
            "targets": {
                f"{t.period.code}|{t.level}": t.pk for t in facts.targets.get(indicator.pk, [])
            },
        }
    return refs


def observations_used(facts) -> list[int]:
    """Every observation the panel read: own history, peers and total, estimates."""
    ids = {f.observation_id for f in facts.own.values()}
    ids |= {f.observation_id for figures in facts.peers.values() for f in figures.values()}
    ids |= {f.observation_id for f in facts.estimates.values()}
    return sorted(ids)


def leaders_for(indicators: list[Indicator]) -> list[dict]:
    """Leaders in charge in their order, each with the codes of the indicators they answer for."""
    codes: dict[int, list[str]] = {}
    for indicator in sorted(indicators, key=lambda i: (i.sort_order, i.pk)):
        if indicator.leader_id:
            codes.setdefault(indicator.leader_id, []).append(indicator.code)
    return [
        {
            "label": str(leader),
            "name": leader.name,
            "title": leader.title,
            "codes": codes[leader.pk],
        }
        for leader in Leader.objects.filter(pk__in=codes)
    ]


def department_notes(indicators, key: PeriodKey, as_of: datetime | None = None) -> dict:
    """Problems and plans the lead departments published, per indicator code.

    Uses econdesk.reporting.queries.published_notes(indicator, period) when it exists (each
    note: department, problems, plans, approved_at); nothing otherwise. An as-of read keeps only
    notes approved by then.
    """
    from econdesk.reporting.queries import notes_ahead

    ahead = notes_ahead(indicators, key)
    out = {}
    for indicator in indicators:
        notes = []
        for note in ahead.get(indicator.code, []):
            approved = note.get("approved_at")
            if as_of is not None and approved is not None and approved > as_of:
                continue
            notes.append(
                {
                    "department": str(note.get("department") or ""),
                    "problems": note.get("problems") or "",
                    "plans": note.get("plans") or "",
                    "approved_at": approved.isoformat() if approved else "",
                }
            )
        if notes:
            out[indicator.code] = notes
    return out


PROJECT_KEYS = ("projects_started", "deals_signed")


def project_items(region: Region, key: PeriodKey) -> list[dict]:
    """Projects started and deals signed this year up to the period, from the projects app:
    ``projects.sentences.project_sentences(region, start, end)`` writes the sentences (count,
    total investment, industry chains) and the figures they state; only the started and signed
    ones are kept."""
    from econdesk.projects.sentences import project_sentences

    end = date(key.year, key.month, calendar.monthrange(key.year, key.month)[1])
    found = project_sentences(region, date(key.year, 1, 1), end)
    return [
        {"key": s.key, "text": s.text, "figures": dict(s.figures)}
        for s in found
        if s.key in PROJECT_KEYS
    ]


def provenance(ids: set[int], target_ids: set[int]) -> dict:
    """Where each cited figure is stored: observation version and batch (file), or target."""
    out = {}
    for obs in Observation.objects.filter(pk__in=ids).select_related(
        "batch", "region", "indicator", "period"
    ):
        batch = obs.batch
        out[f"obs:{obs.pk}"] = {
            "what": f"{obs.region}·{obs.indicator}·{obs.period}（{obs.get_kind_display()}）",
            "value": obs.value,
            "growth": obs.growth,
            "version": obs.version,
            "created_at": timezone.localtime(obs.created_at).strftime("%Y-%m-%d %H:%M"),
            "batch_id": batch.pk if batch else None,
            "file_name": batch.file_name if batch else "",
            "imported_by": batch.user_name if batch else "",
            "source_ref": obs.source_ref,
        }
    for target in Target.objects.filter(pk__in=target_ids).select_related(
        "batch", "indicator", "period"
    ):
        batch = target.batch
        out[f"target:{target.pk}"] = {
            "what": str(target),
            "file_name": batch.file_name if batch else "手工维护",
            "batch_id": batch.pk if batch else None,
        }
    return out


def cited(document: dict) -> tuple[set[int], set[int]]:
    """The observation and target ids a document's sentences cite."""
    obs, targets = set(), set()
    for sentence in compose.sentences_of(document):
        for src in sentence.sources:
            if src.observation_id:
                obs.add(src.observation_id)
            obs.update(src.observation_ids)
            if src.target_id:
                targets.add(src.target_id)
    return obs, targets


def collect(
    region: Region, key: PeriodKey, kind: str = "monthly", as_of: datetime | None = None
) -> dict:
    """The material of a bulletin of ``kind`` for ``region`` and ``key``, read now or as of a
    moment (the observation versions created by then)."""
    if as_of is None:
        return _collect(region, key, kind, None)
    with reading_as_of(as_of):
        return _collect(region, key, kind, as_of)


def _collect(region: Region, key: PeriodKey, kind: str, as_of: datetime | None) -> dict:
    facts = load_panel_facts(region, key)
    panel = build_panel(region, key)
    gdp = estimate_for(region, key)
    today = timezone.localdate(as_of) if as_of else timezone.localdate()
    panel = {**panel, "total_label": group_label_for(facts.group)}
    material = {
        "kind": kind,
        "region": region.name,
        "region_id": region.pk,
        "subject": subject_for(region),
        "period": key.code,
        "panel": panel,
        "refs": _refs(facts),
        "observation_ids": observations_used(facts),
        "gdp": gdp if gdp.get("gdp_growth") is not None else None,
        "leaders": leaders_for(facts.indicators),
        "notes": department_notes(facts.indicators, key, as_of),
        "projects": project_items(region, key),
        "gdp_published": published_gdp(region, key),
        "value_ranks": value_ranks(facts),
        "rank_keys": rank_keys(facts),
        "project_warnings": project_warnings(region, today),
        "open_tasks": open_tasks(region),
        "issuer": issuer_for(region),
        "issue_date": chinese_date(today),
    }
    material["provenance"] = provenance(*cited(compose.document_for(material)))
    return material

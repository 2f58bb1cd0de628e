"""The archive: issue a bulletin with the data it used, regenerate it, read the ledger as of
its issue, and issue the month's bulletin when new data arrives.

An issued bulletin keeps (1) the material it was written from — the panel with exact Decimals
— as its snapshot, (2) the ids of every observation version the panel read, (3) the .docx as
issued with its sha256, and (4) the moment of issue. Regenerating from (1) gives the same
figures after any later correction; ``material.collect(…, as_of=(4))`` re-reads the ledger
(econdesk.ledger.asof.reading_as_of) and must agree with (1) — the test of both.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from econdesk import notify
from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, user_label
from econdesk.bulletins import codec, compose, services
from econdesk.bulletins.material import chinese_date, collect, issuer_for
from econdesk.bulletins.models import Bulletin, BulletinKind
from econdesk.ledger import queries
from econdesk.ledger.models import Observation, Period, Region
from econdesk.ledger.periods import PeriodKey, span_label


def issue(user, region: Region, key: PeriodKey, kind: str = BulletinKind.MONTHLY) -> Bulletin:
    """Issue (印发) the bulletin of ``kind`` for ``region`` and ``key`` and notify the readers."""
    permissions.require(user, "bulletins.issue")
    services.check_kind(kind)
    period = Period.objects.filter(year=key.year, month=key.month).first()
    if period is None:
        raise services.BulletinError(f"{key.full_label}尚无数据，无法印发通报。")
    with transaction.atomic():
        issued_at = timezone.now()
        material = collect(region, key, kind)
        if not material["panel"]["indicators"]:
            raise services.BulletinError(f"{region}{key.full_label}没有可用的指标数据，无法印发。")
        number = next_number(region, key.year, kind)
        material["number"] = number
        material["issue_date"] = chinese_date(timezone.localdate(issued_at))
        observation_ids = material.pop("observation_ids")
        template, template_sha, _name = services.active_template(kind)
        document = compose.document_for(material)
        content = services.render(material, "docx", template)
        bulletin = Bulletin.objects.create(
            kind=kind,
            region=region,
            period=period,
            number=number,
            title=f"{document['title']}{document['subtitle']}",
            issued_at=issued_at,
            issued_by=user if getattr(user, "pk", None) else None,
            issued_by_name=user_label(user),
            snapshot=codec.to_storable(material),
            observation_ids=observation_ids,
            template_sha256=template_sha,
            file_name=services.file_name_for(material, "docx"),
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
        )
        record(
            user=user,
            action=ChangeRecord.Action.CREATE,
            object_type="bulletins.Bulletin",
            object_id=bulletin.pk,
            object_repr=str(bulletin),
            after={"kind": kind, "region": region.name, "period": key.code, "number": number,
                   "sha256": bulletin.sha256, "observations": len(observation_ids)},
            reason="印发通报",
        )  # fmt: skip
        link = reverse("bulletins:detail", args=[bulletin.pk])
        services.notify_readers(f"新印发：{bulletin.title}", link)
        notify.emit("bulletin.issued", bulletin=bulletin)  # pushed by econdesk deliver
    return bulletin


def next_number(region: Region, year: int, kind: str) -> int:
    """期号: issued bulletins of ``kind`` for ``region`` are numbered 第1期, 第2期 … within a
    year; a re-issue of a period takes the next number and leaves the earlier one as it was."""
    numbers = Bulletin.objects.filter(kind=kind, region=region, period__year=year)
    return (max(numbers.values_list("number", flat=True), default=0) or 0) + 1


def planned(region: Region, key: PeriodKey, kind: str) -> dict:
    """What 印发 would issue now, named as the confirmation states it: the title with its 期号,
    the issuing office, and the earlier issues of the same period (a re-issue never overwrites)."""
    services.check_kind(kind)
    number = next_number(region, key.year, kind)
    material = {
        "kind": kind,
        "region": region.name,
        "number": number,
        "panel": {"year": key.year, "period": key.code, "period_label": span_label(key.month)},
    }
    if kind == BulletinKind.MEETING:
        title = f"{region.name}{compose.meeting_title(material)}会议材料（第{number}期）"
    else:
        title = f"{region.name}经济运行情况通报{compose.subtitle(material)}"
    earlier = Bulletin.objects.filter(
        kind=kind, region=region, period__year=key.year, period__month=key.month
    )
    return {
        "title": title,
        "number": number,
        "issuer": issuer_for(region),
        "earlier": list(earlier.order_by("number")),
    }


def material_of(bulletin: Bulletin) -> dict:
    """The material an issued bulletin was written from, Decimals exact."""
    return codec.from_stored(bulletin.snapshot)


def regenerate(bulletin: Bulletin, fmt: str) -> bytes:
    """The bulletin again, from its snapshot (same figures whatever was corrected since)."""
    material = material_of(bulletin)
    template = None
    if fmt == "docx":
        template = services.template_by_sha(bulletin.kind, bulletin.template_sha256)
    return services.render(material, fmt, template)


def latest_actual_period(region: Region) -> PeriodKey | None:
    """The newest period with an actual figure for ``region``."""
    found = (
        Observation.objects.filter(region=region, kind=Observation.Kind.ACTUAL, is_current=True)
        .order_by("-period__year", "-period__month")
        .values_list("period__year", "period__month")
        .first()
    )
    return PeriodKey(*found) if found else None


def due(region: Region | None = None, kind: str = BulletinKind.MONTHLY) -> PeriodKey | None:
    """The period whose bulletin is due: the home region's newest actual period, unless a
    bulletin of ``kind`` already covers it. Older uncovered periods are not back-filled."""
    region = region or queries.home_region()
    if region is None:
        return None
    key = latest_actual_period(region)
    if key is None:
        return None
    covered = Bulletin.objects.filter(
        kind=kind, region=region, period__year=key.year, period__month=key.month
    ).exists()
    return None if covered else key


def issue_due(user, kind: str = BulletinKind.MONTHLY) -> list[Bulletin]:
    """Issue the bulletin that is due (for cron); [] when nothing new has arrived."""
    region = queries.home_region()
    key = due(region, kind)
    if key is None:
        return []
    return [issue(user, region, key, kind)]

"""One door for bulletins: generate a document in a format, keep templates, notify readers.

Pages and commands call these functions; each checks permission first. Writes (template
uploads, notifications) run in one transaction with their change record.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from jinja2 import TemplateError

from econdesk.accounts import permissions
from econdesk.accounts.cli_actor import CLI_USERNAME
from econdesk.accounts.models import User
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, user_label
from econdesk.bulletins import charts, compose
from econdesk.bulletins.docx import TemplateRejected, default_template, render_docx
from econdesk.bulletins.docx import validate_template as _validate
from econdesk.bulletins.material import collect
from econdesk.bulletins.models import BulletinKind, BulletinTemplate, Notification
from econdesk.bulletins.xlsx import render_xlsx
from econdesk.ledger.models import Region
from econdesk.ledger.periods import PeriodKey

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
MAX_TEMPLATE_BYTES = getattr(settings, "ECONDESK_MAX_TEMPLATE_BYTES", 10 * 1024 * 1024)


class BulletinError(ValueError):
    """A request that cannot be served, with a Chinese message for the user."""


def format_of(file_name: str) -> str:
    """docx / xlsx / html from an output file name; refuses anything else."""
    ext = PurePath(file_name).suffix.lower().lstrip(".")
    if ext == "htm":
        ext = "html"
    if ext not in FORMATS:
        raise BulletinError(
            f"无法识别输出格式“{file_name}”：文件名须以 .docx、.xlsx 或 .html 结尾。"
        )
    return ext


def check_kind(kind: str) -> str:
    if kind not in BulletinKind.values:
        raise BulletinError(
            f"未知的通报类型“{kind}”：可选 monthly（月度通报）或 meeting（会议材料）。"
        )
    return kind


def file_name_for(material: dict, fmt: str) -> str:
    """东城区2022年1-2月经济运行通报.docx"""
    panel = material["panel"]
    what = "经济运行通报" if material["kind"] == "monthly" else "经济运行分析会会议材料"
    return f"{material['region']}{panel['year']}年{panel['period_label']}{what}.{fmt}"


# ---- templates ---------------------------------------------------------------------------


def active_template(kind: str) -> tuple[bytes, str, str]:
    """The template in use for ``kind``: (bytes, sha256, file name); the default if none."""
    check_kind(kind)
    uploaded = BulletinTemplate.objects.filter(kind=kind, is_active=True).first()
    if uploaded is not None:
        content = bytes(uploaded.content)
        return content, uploaded.sha256, uploaded.file_name
    content = default_template(kind)
    return content, hashlib.sha256(content).hexdigest(), f"{kind}.docx"


def template_by_sha(kind: str, sha256: str) -> bytes:
    """The template an issued bulletin was filled into, when still known; else the active one."""
    uploaded = BulletinTemplate.objects.filter(kind=kind, sha256=sha256).first()
    if uploaded is not None:
        return bytes(uploaded.content)
    default = default_template(kind)
    if hashlib.sha256(default).hexdigest() == sha256:
        return default
    return active_template(kind)[0]


def upload_template(user, kind: str, file_name: str, content: bytes) -> BulletinTemplate:
    """Check an uploaded template by rendering it with the demo document, then put it in use.

    Raises TemplateRejected (Chinese message) for a broken template; nothing is saved then.
    """
    permissions.require(user, "bulletins.edit_template")
    check_kind(kind)
    if len(content) > MAX_TEMPLATE_BYTES:
        raise TemplateRejected(f"模板文件过大（超过{MAX_TEMPLATE_BYTES // (1024 * 1024)}MB）。")
    if not file_name.lower().endswith(".docx"):
        raise TemplateRejected(
            "请上传 Word 文档（.docx）。旧版 .doc 请先在 Word 或 WPS 中另存为 .docx。"
        )
    _validate(content, kind)
    sha = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        BulletinTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
        template = BulletinTemplate.objects.create(
            kind=kind,
            file_name=file_name[:255],
            content=content,
            sha256=sha,
            uploaded_by=user if getattr(user, "pk", None) else None,
            uploaded_by_name=user_label(user),
        )
        record(
            user=user,
            action=ChangeRecord.Action.CREATE,
            object_type="bulletins.BulletinTemplate",
            object_id=template.pk,
            object_repr=str(template),
            after={"kind": kind, "file_name": template.file_name, "sha256": sha},
            reason="上传通报模板",
        )
    return template


def reset_template(user, kind: str) -> None:
    """Go back to the default template of ``kind`` (uploaded ones stay, inactive)."""
    permissions.require(user, "bulletins.edit_template")
    check_kind(kind)
    with transaction.atomic():
        count = BulletinTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
        if count:
            record(
                user=user,
                action=ChangeRecord.Action.UPDATE,
                object_type="bulletins.BulletinTemplate",
                object_id=kind,
                object_repr=f"{BulletinKind(kind).label}模板",
                before={"active": "uploaded"},
                after={"active": "default"},
                reason="恢复默认通报模板",
            )


# ---- rendering ---------------------------------------------------------------------------


def _where(key: str, provenance: dict) -> str:
    info = provenance.get(key)
    if info is None:
        return ""
    if key.startswith("target:"):
        return f"目标编号{key[7:]}（{info['file_name']}）"
    batch = f"导入批次{info['batch_id']}·{info['file_name']}" if info["batch_id"] else "手工录入"
    ref = f"，{info['source_ref']}" if info.get("source_ref") else ""
    return f"数据编号{key[4:]}，第{info['version']}版，{batch}，{info['created_at']}录入{ref}"


def html_sections(document: dict, provenance: dict) -> tuple[list[dict], list[dict]]:
    """Sections with numbered sentences, and the footnotes saying where each figure is stored."""
    sections, notes = [], []
    for sec in document["sections"]:
        lines = []
        for sentence in sec["sentences"]:
            refs = []
            for src in sentence.sources:
                where = []
                if src.observation_id:
                    where.append(_where(f"obs:{src.observation_id}", provenance))
                if src.observation_ids:
                    ids = [str(i) for i in src.observation_ids]
                    shown = "、".join(ids[:12]) + ("等" if len(ids) > 12 else "")
                    where.append(f"数据编号{shown}（共{len(ids)}条）")
                if src.target_id:
                    where.append(_where(f"target:{src.target_id}", provenance))
                if src.note:
                    where.append(src.note)
                notes.append(
                    {
                        "number": len(notes) + 1,
                        "label": src.label,
                        "value": src.value,
                        "where": "；".join(w for w in where if w),
                    }
                )
                refs.append(notes[-1])
            title = "\n".join(f"{n['label']}：{n['value']}（{n['where']}）" for n in refs)
            lines.append({"text": sentence.text, "refs": refs, "title": title})
        sections.append({"heading": sec["heading"], "level": sec["level"], "sentences": lines})
    return sections, notes


def render_html(material: dict, bulletin=None) -> str:
    """The printable HTML page: every sentence with its figures (hover and footnotes)."""
    document = compose.document_for(material)
    sections, notes = html_sections(document, material.get("provenance", {}))
    chart = None
    if document.get("chart"):
        png = charts.growth_chart(document["chart"])
        chart = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return render_to_string(
        "bulletins/document.html",
        {"document": document, "sections": sections, "notes": notes, "chart": chart,
         "bulletin": bulletin, "material": material},
    )  # fmt: skip


def render(material: dict, fmt: str, template: bytes | None = None) -> bytes:
    """The bytes of ``material`` as .docx (into the active or given template), .xlsx or .html."""
    if fmt == "docx":
        if template is None:
            template = active_template(material["kind"])[0]
        try:
            return render_docx(compose.document_for(material), template)
        except TemplateError as exc:  # a template kept from before the sandbox was strict
            raise BulletinError(
                f"当前 Word 模板无法安全使用（{exc}），请恢复默认模板或重新上传模板。"
            ) from exc
    if fmt == "xlsx":
        return render_xlsx(material)
    if fmt == "html":
        return render_html(material).encode("utf-8")
    raise BulletinError(f"不支持的格式：{fmt}")


def generate(user, region: Region, key: PeriodKey, kind: str, fmt: str):
    """A bulletin written from today's data (not archived): (bytes, file name, content type)."""
    permissions.require(user, "bulletins.read")
    check_kind(kind)
    if fmt not in FORMATS:
        raise BulletinError(f"不支持的格式：{fmt}")
    material = collect(region, key, kind)
    if not material["panel"]["indicators"]:
        raise BulletinError(f"{region}{key.full_label}没有可用的指标数据，无法生成通报。")
    return render(material, fmt), file_name_for(material, fmt), FORMATS[fmt]


# ---- notifications -----------------------------------------------------------------------


def readers():
    """Everyone who may read bulletins and can log in (not the command-line account)."""
    roles = permissions.ROLE_RULES["bulletins.read"]
    return User.objects.filter(is_active=True, role__in=roles).exclude(username=CLI_USERNAME)


def notify_readers(text: str, link: str) -> int:
    """One notification per reader; returns how many were sent."""
    rows = [Notification(user=u, text=text[:300], link=link[:300]) for u in readers()]
    Notification.objects.bulk_create(rows)
    return len(rows)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read; returns it (for its link)."""
    note = Notification.objects.get(pk=notification_id, user=user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    return note


def mark_all_read(user) -> int:
    """Mark every unread notification of the user read; a reader's own state, not business
    data, so (like mark_read and the 催办 reminders) no change record. Returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    return unread.update(read_at=timezone.now())

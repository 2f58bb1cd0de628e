"""Data import (数据导入) for reviewers: upload → preview → confirm, on the ledger's importer.

An upload is stored once as MEDIA_ROOT/uploads/<sha256> and previewed by a dry run (the real
import, read back, then rolled back), which lists new cells, revised cells with before → after,
or every problem at its file, sheet, row and column. Confirming imports the same stored bytes
and is refused, with a fresh preview, if what it would change is no longer what was previewed
(someone changed the ledger in between).

The preview also lists the findings of the data checks (校验提示, econdesk.ledger.checks) at
their cells. They do not stop an import, but confirming one that has them needs a written
explanation; it is kept with the figures (the batch and its change record) and in the staged
upload's options.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, snapshot
from econdesk.ledger.importing import (
    FindingsUnexplained,
    ImportFailed,
    ImportReport,
    import_one,
)
from econdesk.ledger.models import Observation
from econdesk.reporting.models import StagedImport
from econdesk.reporting.services import MAX_EXPLANATION  # the change record's reason field holds it

# The page lists this many new and revised cells per file; the counts cover all of them.
MAX_LISTED_CELLS = 300
OPTION_NAMES = ("region", "period", "total", "parent", "layout")
# What the change record keeps of a staged upload (not the preview, which can be long).
AUDITED = ["file_name", "sha256", "size", "options", "status", "preview_digest", "imported_by",
           "imported_at", "batch_ids"]  # fmt: skip
Status = StagedImport.Status


class PreviewOutdated(Exception):
    """The confirmation was refused because the preview no longer holds; it was redone."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def upload_path(sha256: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "uploads" / sha256


def stage_upload(user, upload, *, options: dict | None = None) -> StagedImport:
    """Store an uploaded file, preview its import, and keep both for the confirmation."""
    permissions.require(user, "ledger.import")
    limit = settings.ECONDESK_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"文件过大（{upload.size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB。"
        )
    if not upload.size:
        raise ValidationError("文件是空的。")
    sha256 = _store(upload)
    staged = StagedImport(
        file_name=Path(upload.name or "上传文件").name[:255],
        sha256=sha256,
        size=upload.size,
        options={k: (options or {}).get(k) or "" for k in OPTION_NAMES},
        uploaded_by=user,
    )
    _apply_preview(staged, _dry_run(user, staged))
    with transaction.atomic():
        staged.save()
        _record(user, staged, None, "上传待导入文件并预览")
    return staged


def refresh_preview(user, staged: StagedImport, *, answers: dict | None = None) -> StagedImport:
    """Preview a stored upload again against the ledger as it is now; `answers` (as in
    ledger.importing.names) replace how the file's unknown names are to be handled."""
    permissions.require(user, "ledger.import")
    _refuse_if_imported(staged)
    if answers is not None:
        staged.options = {**staged.options, "answers": answers}
    preview = _dry_run(user, staged)
    with transaction.atomic():
        options = staged.options
        staged = StagedImport.objects.select_for_update().get(pk=staged.pk)
        _refuse_if_imported(staged)
        before = snapshot(staged, AUDITED)
        staged.options = options
        _apply_preview(staged, preview)
        staged.save()
        _record(user, staged, before, "重新预览")
    return staged


def confirm_import(
    user, staged: StagedImport, *, seen_digest: str, explanation: str = ""
) -> StagedImport:
    """Import the stored file for real, exactly as previewed (seen_digest), in one transaction.

    A preview with findings of the data checks needs ``explanation`` (ValidationError, nothing
    imported, without one); it is recorded with the figures.
    Raises PreviewOutdated (nothing imported) when the preview on the page is not the latest,
    or when the import would now change something other than what it showed; in the second
    case the preview is redone from the ledger as it is now.
    """
    permissions.require(user, "ledger.import")
    explanation = (explanation or "").strip()
    if len(explanation) > MAX_EXPLANATION:
        raise ValidationError(f"说明不能超过{MAX_EXPLANATION}字。")
    try:
        with transaction.atomic():
            staged = StagedImport.objects.select_for_update().get(pk=staged.pk)
            _refuse_if_imported(staged)
            if staged.status != Status.PREVIEWED:
                raise ValidationError("该文件有错误，不能导入；请修改文件后重新上传。")
            if seen_digest != staged.preview_digest:
                raise PreviewOutdated("预览已被更新，请核对最新预览后再确认导入。")
            findings = staged.preview.get("findings") or []
            if findings and not explanation:
                raise ValidationError(
                    f"数据校验有{len(findings)}处提示：请修改文件后重新上传，或确认数据无误并"
                    "填写说明后再确认导入。未导入任何数据。"
                )
            with _stored_file(staged) as fh:
                report = import_one(
                    user, fh, **_options(staged), explanation=explanation if findings else ""
                )
            result = _summarise(report)
            if result["digest"] != staged.preview_digest:
                raise _Moved(result)
            before = snapshot(staged, AUDITED)
            if findings:
                staged.options = {**staged.options, "explanation": explanation}
            staged.status = Status.IMPORTED
            staged.preview = result
            staged.imported_by = user
            staged.imported_at = timezone.now()
            staged.batch_ids = [f.batch_id for f in report.files if f.batch_id]
            staged.save()
            reason = "确认导入" + (f"（校验提示{len(findings)}处，说明：{explanation}）"
                                  if findings else "")  # fmt: skip
            _record(user, staged, before, reason)
            return staged
    except FindingsUnexplained:
        # The ledger moved so that the checks find what the preview did not show.
        preview = _dry_run(user, staged)
    except (_Moved, ImportFailed) as moved:
        preview = moved.result if isinstance(moved, _Moved) else _problems(moved)
    # The ledger moved since the preview (nothing was imported): keep what it would do now.
    with transaction.atomic():
        staged = StagedImport.objects.select_for_update().get(pk=staged.pk)
        before = snapshot(staged, AUDITED)
        _apply_preview(staged, preview)
        staged.save()
        _record(user, staged, before, "确认时数据已变化，重新预览")
    raise PreviewOutdated(
        "预览之后台账数据已发生变化，未导入任何数据；请核对下方重新生成的预览后再确认。"
    )


# --- helpers ---------------------------------------------------------------------------------


class _Moved(Exception):
    def __init__(self, result: dict):
        self.result = result


def _refuse_if_imported(staged: StagedImport) -> None:
    if staged.status == Status.IMPORTED:
        raise ValidationError("该文件已导入，无需重复导入。")


def _options(staged: StagedImport) -> dict:
    """The import's options. The page lists every proposal for an unknown name and the
    reviewer's confirmation accepts them (as changed on the page): accept_new in both runs."""
    options = {k: staged.options.get(k) or None for k in OPTION_NAMES}
    return {**options, "accept_new": True, "answers": staged.options.get("answers") or None}


def _store(upload) -> str:
    """Write the upload to MEDIA_ROOT/uploads/<sha256> (once per content); its hash."""
    folder = upload_path("x").parent
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        final = upload_path(digest.hexdigest())
        if final.exists():
            os.unlink(tmp)
        else:
            os.replace(tmp, final)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return digest.hexdigest()


@contextmanager
def _stored_file(staged: StagedImport):
    path = upload_path(staged.sha256)
    if not path.is_file():
        raise ValidationError("暂存的上传文件已不存在，请重新上传。")
    with path.open("rb") as raw:
        yield File(raw, name=staged.file_name)


def _dry_run(user, staged: StagedImport) -> dict:
    """The real import of the stored file, summarised and then rolled back."""
    try:
        with transaction.atomic():
            with _stored_file(staged) as fh:
                # Rolled back below: the checks' findings are listed, never refused.
                report = import_one(user, fh, **_options(staged), refuse_unexplained=False)
            result = _summarise(report)
            transaction.set_rollback(True)
    except ImportFailed as failed:
        return _problems(failed)
    return result


def _problems(failed: ImportFailed) -> dict:
    return {
        "ok": False,
        "truncated": failed.truncated,
        "proposals": [p.as_dict() for p in failed.proposals],
        "problems": [
            {
                "file": p.file,
                "sheet": p.sheet or "",
                "row": p.row,
                "column": p.column or "",
                "message": p.message,
                "where": p.where(),
            }  # fmt: skip
            for p in failed.problems
        ],
    }


def _apply_preview(staged: StagedImport, preview: dict) -> None:
    staged.preview = preview
    staged.preview_digest = preview.get("digest", "")
    staged.status = Status.PREVIEWED if preview["ok"] else Status.FAILED
    staged.previewed_at = timezone.now()


def _new_cells(batch_id: int | None) -> tuple[int, list[dict]]:
    if not batch_id:
        return 0, []
    qs = (
        Observation.objects.filter(batch_id=batch_id, version=1)
        .select_related("region", "indicator", "period")
        .order_by("indicator__sort_order", "region__sort_order", "period__year", "period__month")
    )
    cells = [
        {
            "region": o.region.name,
            "indicator": o.indicator.name,
            "period": o.period.code,
            "kind": o.get_kind_display(),
            "value": _text(o.value),
            "growth": _text(o.growth),
            "rank": o.rank,
            "value_rank": o.value_rank,
            "month_value": _text(o.month_value),
            "month_growth": _text(o.month_growth),
            "source_ref": o.source_ref,
        }  # fmt: skip
        for o in qs[:MAX_LISTED_CELLS]
    ]
    return qs.count(), cells


def _text(value) -> str | None:
    """A figure as people write it: 62.35, 100 (not 62.350000 or 1E+2)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _record(user, staged: StagedImport, before: dict | None, reason: str) -> None:
    """The change record of a staged upload, without its (long) preview."""
    after = snapshot(staged, AUDITED)
    if before is not None:
        changed = sorted(k for k in after if before.get(k) != after[k])
        before, after = {k: before.get(k) for k in changed}, {k: after[k] for k in changed}
    record(
        user=user,
        action=ChangeRecord.Action.CREATE if before is None else ChangeRecord.Action.UPDATE,
        object_type=staged._meta.label,
        object_id=staged.pk,
        object_repr=str(staged),
        before=before,
        after=after,
        reason=reason,
    )


def _revision(r) -> dict:
    return {
        "region": r.region, "indicator": r.indicator, "period": r.period, "kind": r.kind,
        "before": {k: _text(v) for k, v in r.before.items()},
        "after": {k: _text(v) for k, v in r.after.items()},
        "source_ref": r.source_ref, "describe": r.describe(),
    }  # fmt: skip


def _summarise(report: ImportReport) -> dict:
    """What the import did (or would do), JSON-ready, with a digest of every change in it."""
    files, changes = [], []
    for f in report.files:
        revisions = [_revision(r) for r in f.revisions]
        targets_created = [t.describe() for t in f.targets_created]
        targets_updated = [t.describe() for t in f.targets_updated]
        new_count, new_cells = _new_cells(f.batch_id)
        changes.append(
            [
                f.file,
                f.kind,
                f.created,
                f.unchanged,
                f.kept_blank,
                revisions,
                targets_created,
                targets_updated,
                f.targets_unchanged,
                f.regions_created,
                f.indicators_created,
                f.aliases_added,
                f.ranking_changed,
            ]  # fmt: skip
        )
        files.append(
            {
                "file": f.file,
                "kind": f.kind,
                "kind_label": f.kind_label,
                "sheets": f.sheets,
                "rows_read": f.rows_read,
                "created": f.created,
                "new_cells": new_cells,
                "new_listed": len(new_cells),
                "new_count": new_count,
                "revised": len(revisions),
                "revisions": revisions[:MAX_LISTED_CELLS],
                "unchanged": f.unchanged,
                "kept_blank": f.kept_blank,
                "targets_created": targets_created,
                "targets_updated": targets_updated,
                "targets_unchanged": f.targets_unchanged,
                "regions_created": f.regions_created,
                "indicators_created": f.indicators_created,
                "aliases_added": f.aliases_added,
                "ranking_changed": f.ranking_changed,
                "warnings": f.warnings,
                "layouts": f.layouts,
                "changed": f.changed,
            }  # fmt: skip
        )
    proposals = [p.as_dict() for p in report.proposals]
    changes.append(proposals)
    changes.append(report.findings)
    canonical = json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str)
    return {
        "ok": True,
        "proposals": proposals,
        "changed": report.changed,
        "files": files,
        "created": sum(f["created"] for f in files),
        "revised": sum(f["revised"] for f in files),
        "unchanged": sum(f["unchanged"] for f in files),
        "targets": sum(len(f["targets_created"]) + len(f["targets_updated"]) for f in files),
        "findings": report.findings[:MAX_LISTED_CELLS],
        "findings_count": len(report.findings),
        "digest": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    }


def answers_from_form(data, proposals: list[dict]) -> dict:
    """The reviewer's choices on the preview page (fields p<i>-action, -to, -unit, -cumulation,
    -lead, -parent, -ranked for the i-th proposal) as answers for ledger.importing.names."""
    answers: dict = {"indicators": {}, "regions": {}}
    for index, proposal in enumerate(proposals):
        prefix = f"p{index}-"
        action = data.get(prefix + "action") or proposal["action"]
        answer: dict = {"action": "alias" if action == "alias" else "create"}
        if answer["action"] == "alias":
            answer["to"] = (data.get(prefix + "to") or proposal.get("to") or "").strip()
        elif proposal["kind"] == "indicator":
            for name in ("unit", "cumulation", "lead"):
                answer[name] = (data.get(prefix + name, proposal.get(name)) or "").strip()
        else:
            answer["parent"] = proposal.get("parent") or ""
            answer["ranked"] = data.get(prefix + "ranked") == "on"
        section = "indicators" if proposal["kind"] == "indicator" else "regions"
        answers[section][proposal["name"]] = answer
    return answers


def proposal_choices() -> dict:
    """What the preview page offers for each unknown name: existing indicators, regions and
    departments to choose from."""
    from econdesk.accounts.models import Department
    from econdesk.ledger.models import Indicator, Region

    return {
        "indicator_names": list(Indicator.objects.values_list("name", flat=True)),
        "region_names": list(Region.objects.values_list("name", flat=True)),
        "departments": list(Department.objects.values_list("short_name", flat=True)),
    }

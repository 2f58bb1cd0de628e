"""Files sent with progress reports and closure requests: size checks, storage, cleanup.

Files live under MEDIA_ROOT/supervision/<task id>/ with a random name; the original name is kept
on the row and given back on download. Each stored file has its change record.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import record, snapshot
from econdesk.supervision.models import TaskAttachment


def check_files(files) -> None:
    """Refuse empty files and files above settings.ECONDESK_MAX_UPLOAD_BYTES, by name."""
    limit = settings.ECONDESK_MAX_UPLOAD_BYTES
    for upload in files:
        if upload.size > limit:
            raise ValidationError(
                {"files": f"附件“{upload.name}”超过大小限制（最大{limit / 1024 / 1024:.0f}MB）。"}
            )
        if upload.size == 0:
            raise ValidationError({"files": f"附件“{upload.name}”是空文件。"})


def attach_files(user, task, event, files) -> list[TaskAttachment]:
    saved = []
    for upload in files:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        name = (upload.name or "附件").replace("/", "_").replace("\\", "_")[-255:]
        attachment = TaskAttachment(
            task=task,
            event=event,
            name=name,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=user,
        )
        attachment.file.save(name, upload, save=False)
        saved.append(attachment)
        attachment.save()
        record(
            user=user,
            action=ChangeRecord.Action.CREATE,
            object_type=attachment._meta.label,
            object_id=attachment.pk,
            object_repr=f"{task.number} 附件 {name}",
            after={
                **snapshot(attachment, ["task", "event", "name", "size", "sha256"]),
                "file": attachment.file.name,
            },  # fmt: skip
            reason="上传附件",
        )
    return saved


class removing_files_on_error:
    """Delete the files stored in the block if the block fails (the rows roll back anyway)."""

    def __enter__(self) -> list[TaskAttachment]:
        self.stored: list[TaskAttachment] = []
        return self.stored

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            for attachment in self.stored:
                attachment.file.storage.delete(attachment.file.name)

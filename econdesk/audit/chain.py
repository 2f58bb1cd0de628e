"""The keyed hash chain of the change record: the key, the entry hash, verification, anchors.

Every entry carries HMAC-SHA256(key, previous hash + canonical JSON of the entry). The key lives
outside the database — ECONDESK_AUDIT_KEY (the environment) or the file ECONDESK_AUDIT_KEY_FILE
(default var/audit.key, created with mode 0600 by `econdesk setup` when neither is set) — so
someone who can write the database but not read the key cannot recompute a valid chain after
rewriting an entry. Entries written before the key existed (key_version 0, plain SHA-256) stay
verifiable; they are accepted only as the beginning of the chain, followed by keyed entries
(migration 0003 appends a keyed seal after them), so nobody can pass a rewritten chain off as
an old unkeyed one. docs/reliability.md says what this protects against and what it cannot.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

GENESIS = "0" * 64
HEAD_PK = 1
LEGACY = 0  # plain SHA-256, before the key (upgraded chains only)
KEYED = 1  # HMAC-SHA256 with the office's audit key
CURRENT_KEY_VERSION = KEYED
MIN_KEY_BYTES = 32

_cache: dict[tuple, bytes] = {}


# --- the key ------------------------------------------------------------------------------------


def key_source() -> tuple[str, Path | None]:
    """Where the key comes from: ("env", None), ("file", path) or ("default", var/audit.key)."""
    if getattr(settings, "ECONDESK_AUDIT_KEY", ""):
        return "env", None
    named = getattr(settings, "ECONDESK_AUDIT_KEY_FILE", "")
    if named:
        return "file", Path(named)
    return "default", Path(settings.VAR_DIR) / "audit.key"


def create_key_file(path: Path) -> bool:
    """Write a new random key to `path` (mode 0600) unless it exists; True when created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as handle:
        handle.write(os.urandom(32).hex() + "\n")
    return True


def _read_key_file(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(
            f"审计密钥文件 {path} 不存在：变更记录无法签名与核验。"
            "请恢复原密钥文件（与备份分开保存的那份），或设置 ECONDESK_AUDIT_KEY。"
        ) from exc
    except PermissionError as exc:
        raise ImproperlyConfigured(f"无法读取审计密钥文件 {path}：权限不足。") from exc
    return _checked(text, f"审计密钥文件 {path}")


def _checked(text: str, where: str) -> bytes:
    key = text.strip().encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ImproperlyConfigured(f"{where}的内容太短：审计密钥至少 {MIN_KEY_BYTES} 个字符。")
    return key


def audit_key(*, create: bool = False) -> bytes:
    """The key of the chain. With create=True the default key file is made when missing
    (only the default file, never one named by ECONDESK_AUDIT_KEY_FILE)."""
    kind, path = key_source()
    if kind == "env":
        return _checked(settings.ECONDESK_AUDIT_KEY, "环境变量 ECONDESK_AUDIT_KEY ")
    cache_key = (kind, str(path))
    if cache_key in _cache and path.exists():
        return _cache[cache_key]
    if kind == "default" and create:
        create_key_file(path)
    key = _read_key_file(path)
    _cache[cache_key] = key
    return key


def key_for_writing() -> bytes:
    """The key record() signs with. The default key file is created on first use only while
    the chain has no keyed entry yet; after that a missing key is an error, never a new key."""
    kind, path = key_source()
    if kind == "default" and not path.exists():
        from econdesk.audit.models import ChangeRecord

        if not ChangeRecord.objects.filter(key_version__gte=KEYED).exists():
            return audit_key(create=True)
    return audit_key()


def forget_cached_key() -> None:
    _cache.clear()


# --- entry hashes -------------------------------------------------------------------------------


def canonical(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def plain_hash(prev_hash: str, payload: dict) -> str:
    """The unkeyed SHA-256 of chains written before the key (key_version 0)."""
    return hashlib.sha256((prev_hash + canonical(payload)).encode("utf-8")).hexdigest()


def keyed_hash(prev_hash: str, payload: dict, key: bytes) -> str:
    message = (prev_hash + canonical(payload)).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def entry_hash(prev_hash: str, payload: dict, key_version: int = LEGACY, key: bytes | None = None):
    if key_version == LEGACY:
        return plain_hash(prev_hash, payload)
    if key_version == KEYED:
        return keyed_hash(prev_hash, payload, key if key is not None else audit_key())
    raise ValueError(f"未知的签名版本 {key_version}")


def payload_of(record) -> dict:
    """The fields an entry's hash covers (the key version too, for keyed entries)."""
    payload = {
        "at": record.at.isoformat(),
        "user_id": record.user_id,
        "user_name": record.user_name,
        "source": record.source,
        "remote_addr": record.remote_addr,
        "request_id": record.request_id,
        "action": record.action,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "before": record.before,
        "after": record.after,
        "reason": record.reason,
    }
    version = getattr(record, "key_version", LEGACY) or LEGACY
    if version != LEGACY:
        payload["key_version"] = version
    return payload


def sign(record, key: bytes | None = None) -> str:
    """The hash `record` must carry (its prev_hash and key_version already set)."""
    version = getattr(record, "key_version", LEGACY) or LEGACY
    if version != LEGACY and key is None:
        key = audit_key()
    return entry_hash(record.prev_hash, payload_of(record), version, key)


# --- verification -------------------------------------------------------------------------------


@dataclasses.dataclass
class Verification:
    """What `econdesk audit verify` found: entries read, the last one, and any problems."""

    entries: int = 0
    last_id: int | None = None
    last_hash: str = GENESIS
    keyed: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def walk(records, key: bytes | None, head_last_id: int) -> tuple[Verification, Verification]:
    """Check every entry's link and hash; returns (all entries, those the checkpoint covers)."""
    result, upto = Verification(), Verification()
    problems = result.problems
    prev = GENESIS
    seen_keyed = False
    key_failures = 0
    for rec in records:
        version = rec.key_version or LEGACY
        if rec.prev_hash != prev:
            problems.append(f"第{rec.id}条记录的前一条哈希不符：其前的记录被删除或改动。")
        if version == LEGACY and seen_keyed:
            problems.append(
                f"第{rec.id}条记录没有密钥签名，却排在已签名的记录之后：该记录被改写或伪造。"
            )
        elif version not in (LEGACY, KEYED):
            problems.append(f"第{rec.id}条记录的签名版本 {version} 未知：该记录被改写或伪造。")
        elif version == KEYED and key is None:
            pass  # reported once by the caller
        elif entry_hash(rec.prev_hash, payload_of(rec), version, key) != rec.hash:
            problems.append(f"第{rec.id}条记录的内容与哈希不符：该记录被改动。")
            key_failures += version == KEYED
        if version == KEYED:
            seen_keyed = True
            result.keyed += 1
        prev = rec.hash
        result.entries += 1
        result.last_id = rec.id
        if rec.id <= head_last_id:
            upto.entries += 1
            upto.last_id = rec.id
            upto.last_hash = rec.hash
    result.last_hash = prev
    if result.entries and not seen_keyed:
        problems.append(
            f"全部{result.entries}条记录都没有密钥签名：升级后的记录链末尾应有一条签名记录，"
            "记录链可能被整条改写。"
        )
    if key_failures and key_failures == result.keyed:
        problems.append(
            "所有签名记录都与哈希不符：若不是整条记录链被改写，就是所用的审计密钥不对"
            "（ECONDESK_AUDIT_KEY / ECONDESK_AUDIT_KEY_FILE）。"
        )
    return result, upto


# --- anchors ------------------------------------------------------------------------------------


def anchor_of(head) -> dict:
    """The head of the chain as an office keeps it elsewhere: count, last entry, hash, time."""
    return {
        "entries": head.entries if head else 0,
        "last_id": head.last_id if head else 0,
        "hash": (head.last_hash if head else "") or GENESIS,
        "at": timezone.localtime(head.updated_at).isoformat() if head and head.updated_at else "",
        "written_at": timezone.localtime().isoformat(timespec="seconds"),
    }


def anchor_text(anchor: dict) -> str:
    return json.dumps(anchor, ensure_ascii=False, indent=2) + "\n"


class AnchorError(ValueError):
    pass


def read_anchor(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AnchorError(f"锚点文件 {path} 不存在。") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise AnchorError(f"锚点文件 {path} 不是 econdesk audit anchor 写出的格式。") from exc
    if not isinstance(data, dict):
        raise AnchorError(f"锚点文件 {path} 不是 econdesk audit anchor 写出的格式。")
    try:
        entries, last_id = int(data["entries"]), int(data["last_id"])
        digest = str(data["hash"])
    except (KeyError, TypeError, ValueError) as exc:
        raise AnchorError(f"锚点文件 {path} 缺少条数、最后一条编号或哈希。") from exc
    return {"entries": entries, "last_id": last_id, "hash": digest, "at": data.get("at", "")}


def anchor_problems(anchor: dict, name: str, records_model) -> list[str]:
    """What differs between an anchor and the chain now (empty when the chain still holds it)."""
    when = f"（{anchor['at']}）" if anchor.get("at") else ""
    if anchor["entries"] == 0:
        return []
    row = records_model.objects.filter(pk=anchor["last_id"]).values("hash").first()
    if row is None:
        return [f"锚点 {name}{when}记载的第{anchor['last_id']}条记录已不存在：记录被删除。"]
    out = []
    if row["hash"] != anchor["hash"]:
        out.append(
            f"锚点 {name}{when}记载的第{anchor['last_id']}条记录哈希不符：此前的记录被改写。"
        )
    count = records_model.objects.filter(pk__lte=anchor["last_id"]).count()
    if count != anchor["entries"]:
        out.append(
            f"锚点 {name}{when}记载到第{anchor['last_id']}条共{anchor['entries']}条，"
            f"现存{count}条：记录被删除或插入。"
        )
    return out

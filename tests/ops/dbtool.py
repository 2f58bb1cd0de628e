"""Run by the backup round-trip tests in a subprocess, against the database DATABASE_URL names:

    python -m tests.ops.dbtool populate     setup + the sample city, its bulletin and targets,
                                            a few users and a login lock
    python -m tests.ops.dbtool damage       edit, delete and add rows after the backup
    python -m tests.ops.dbtool fingerprint  nothing

Each prints, as its last line, JSON: the fingerprint of every table (row count, checksum, plus
the change record's hashes and the observation values) and whether `audit verify` passes.
"""

from __future__ import annotations

import io
import json
import os
import sys


def populate() -> None:
    from django.core.management import call_command

    from econdesk.accounts import security
    from econdesk.accounts.cli_actor import command_user
    from econdesk.accounts.models import Department, Role, User
    from econdesk.ledger.importing import import_files
    from econdesk.ledger.models import Region
    from tests.conftest import SAMPLE_BULLETIN, SAMPLE_DISTRICTS, SAMPLE_TARGETS

    call_command("setup", stdout=io.StringIO())
    user = command_user()
    city = Region.objects.create(name="示范市", kind=Region.Kind.CITY)
    kinds = {"县": Region.Kind.COUNTY, "区": Region.Kind.DISTRICT, "市": Region.Kind.COUNTY_CITY}
    for order, name in enumerate(SAMPLE_DISTRICTS, start=1):
        Region.objects.create(
            name=name, kind=kinds[name[-1]], parent=city, sort_order=order, is_home=name == "东城区"
        )
    import_files(user, [SAMPLE_BULLETIN])
    import_files(user, [SAMPLE_TARGETS])
    for username, role, dept in [
        ("alice", Role.ADMIN, "发改局"),
        ("rita", Role.REVIEWER, "统计局"),
        ("leo", Role.LEADER, None),
    ]:
        User.objects.create_user(
            username=username,
            password="Econdesk-test-2026",
            role=role,
            department=Department.objects.get(short_name=dept) if dept else None,
            display_name=f"{username}（测试）",
        )
    for _ in range(5):
        security.record_failure("mallory", "10.0.0.9")


def damage() -> None:
    from django.db import transaction
    from django.db.models import F

    from econdesk.accounts.cli_actor import command_user
    from econdesk.accounts.models import Department, LoginAttempt, User
    from econdesk.audit.services import record
    from econdesk.ledger.models import Observation, Target

    user = command_user()
    first = list(Observation.objects.order_by("id").values_list("id", flat=True)[:10])
    Observation.objects.filter(id__in=first).update(value=F("value") + 1)
    Target.objects.filter(id__in=Target.objects.order_by("id").values("id")[:5]).delete()
    User.objects.filter(username="rita").delete()
    LoginAttempt.objects.all().delete()
    with transaction.atomic():
        dept = Department.objects.create(name="备份后新增的单位", short_name="新增")
        record(
            user=user,
            action="create",
            object_type="accounts.department",
            object_id=dept.pk,
            object_repr=str(dept),
            after={"name": dept.name},
            reason="备份之后的修改",
        )


def state() -> dict:
    from econdesk.ops import fingerprint

    taken = fingerprint.take()
    try:
        from econdesk.audit.services import verify

        result = verify()
        audit = {"intact": result.intact, "problems": list(result.problems)}
    except ImportError:  # pragma: no cover - an audit app without verify()
        audit = {"intact": None, "problems": []}
    return {**taken.as_dict(), "audit": audit}


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
    import django

    django.setup()
    action = argv[1] if len(argv) > 1 else "fingerprint"
    if action == "populate":
        populate()
    elif action == "damage":
        damage()
    elif action != "fingerprint":
        raise SystemExit(f"unknown action {action!r}")
    print(json.dumps(state(), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)

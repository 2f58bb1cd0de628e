"""The departments every district has, created by `econdesk setup` (idempotent)."""

from __future__ import annotations

STANDARD_DEPARTMENTS: list[tuple[str, str]] = [
    ("区发展和改革局", "发改局"),
    ("区统计局", "统计局"),
    ("区财政局", "财政局"),
    ("区经济和信息化局", "经信局"),
    ("区商务局", "商务局"),
    ("区住房和城乡建设局", "住建局"),
    ("区农业农村局", "农业农村局"),
    ("区投资促进局", "投促局"),
    ("区金融工作局", "金融局"),
    ("区委目标绩效办", "目标绩效办"),
]


def ensure_standard_departments(user):
    """short name → department; the missing ones are created through the one door
    (econdesk.audit.changes.create_many: "org.manage", one change record each)."""
    from econdesk.accounts.models import Department
    from econdesk.audit import changes

    by_short = {d.short_name: d for d in Department.objects.all()}
    missing = [
        Department(name=name, short_name=short, sort_order=order * 10)
        for order, (name, short) in enumerate(STANDARD_DEPARTMENTS, start=1)
        if short not in by_short
    ]
    names = set(Department.objects.values_list("name", flat=True))
    missing = [d for d in missing if d.name not in names]  # renamed short name: keep theirs
    for department in changes.create_many(user, "org.manage", missing, reason="标准部门"):
        by_short[department.short_name] = department
    return {short: by_short[short] for _, short in STANDARD_DEPARTMENTS if short in by_short}

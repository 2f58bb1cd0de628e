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


def ensure_standard_departments():
    from econdesk.accounts.models import Department

    by_short = {}
    for order, (name, short) in enumerate(STANDARD_DEPARTMENTS, start=1):
        dept, _ = Department.objects.get_or_create(
            short_name=short, defaults={"name": name, "sort_order": order * 10}
        )
        by_short[short] = dept
    return by_short

"""Reference data every installation starts with: the §6 thresholds and a list of chains.

The migration 0002 seeds the same rows; ``ensure_reference_data`` puts back whatever is missing
(a database flushed by transactional tests, or one loaded from a fixture), never overwriting an
edited row. Like periods, these rows are reference data and are not written to the change record.
"""

from __future__ import annotations

from econdesk.projects.thresholds import STANDARD_THRESHOLDS

STANDARD_CHAINS = ["新能源汽车", "新材料", "智能制造", "数字经济", "生物医药", "现代物流",
                   "文化旅游", "现代农业", "城市基础设施", "社会事业"]  # fmt: skip


def ensure_reference_data() -> None:
    """Create the standard thresholds and industry chains that are missing."""
    from econdesk.projects.models import IndustryChain, ScaleThreshold

    for order, t in enumerate(STANDARD_THRESHOLDS, start=1):
        ScaleThreshold.objects.get_or_create(
            code=t.code,
            defaults=dict(name=t.name, group=t.group, amount=t.amount, basis=t.basis,
                          applies_to=t.applies_to, sort_order=order * 10),
        )  # fmt: skip
    for order, name in enumerate(STANDARD_CHAINS, start=1):
        IndustryChain.objects.get_or_create(name=name, defaults={"sort_order": order * 10})

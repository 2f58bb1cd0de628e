"""The events a channel can subscribe to (kind, label). No Django."""

EVENT_KINDS = [
    ("bulletin.issued", "通报印发"),
    ("indicator.red", "指标新亮红灯"),
    ("indicator.rank_fell", "指标位次后退"),
    ("report.returned", "填报被退回"),
    ("report.approved", "填报审核通过"),
    ("task.assigned", "督办事项交办"),
    ("task.due", "督办事项临近时限"),
    ("task.overdue", "督办事项逾期"),
    ("task.returned", "办结申请被退回"),
    ("task.closed", "督办事项办结销号"),
    ("digest.weekly", "领导每周摘要"),
]
LABELS = dict(EVENT_KINDS)
# Events about one department's work: a channel that belongs to a department gets only its own.
DEPARTMENT_KINDS = frozenset(
    {
        "report.returned",
        "report.approved",
        "task.assigned",
        "task.due",
        "task.overdue",
        "task.returned",
        "task.closed",
        "indicator.red",
        "indicator.rank_fell",
    }
)

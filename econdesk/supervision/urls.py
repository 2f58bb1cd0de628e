"""/supervision/: supervised tasks, meetings, warnings, statistics, scores and rules."""

from django.urls import path

from econdesk.supervision.views import meetings, scores, tasks, warnings

app_name = "supervision"

urlpatterns = [
    path("", tasks.index, name="index"),
    path("tasks/new/", tasks.task_form, name="task-new"),
    path("tasks/<int:pk>/", tasks.detail, name="task"),
    path("tasks/<int:pk>/edit/", tasks.task_form, name="task-edit"),
    path("tasks/<int:pk>/report/", tasks.act, name="task-report"),
    path("tasks/<int:pk>/return/", tasks.return_task, name="task-return"),
    path("tasks/<int:pk>/close/", tasks.close, name="task-close"),
    path("tasks/<int:pk>/remind/", tasks.remind, name="task-remind"),
    path("attachments/<int:pk>/", tasks.attachment, name="attachment"),
    path("reminders/", tasks.reminder_list, name="reminders"),
    path("reminders/read/", tasks.reminders_read, name="reminders-read"),
    path("rules/", tasks.rules, name="rules"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_form, name="meeting-new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_form, name="meeting-edit"),
    path("meetings/<int:pk>/decisions/", meetings.decision_add, name="decision-add"),
    path("warnings/", warnings.warning_list, name="warnings"),
    path("warnings/indicator/", warnings.from_indicator, name="warning-indicator"),
    path("warnings/project/", warnings.from_project, name="warning-project"),
    path("stats/", scores.stats, name="stats"),
    path("stats/overdue.xlsx", scores.overdue_export, name="overdue-export"),
    path("scores/", scores.score_table, name="scores"),
    path("scores/<int:year>/export/", scores.score_export, name="score-export"),
    path("scores/<int:year>/scheme/", scores.scheme, name="scheme"),
    path("scores/<int:year>/<int:department>/", scores.score_detail, name="score-detail"),
]

"""督办与考核: meetings and their decisions, supervised tasks, reminders and department scores."""

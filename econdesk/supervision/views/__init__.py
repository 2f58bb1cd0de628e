"""Pages of /supervision/: tasks, meetings, warnings, statistics and scores."""

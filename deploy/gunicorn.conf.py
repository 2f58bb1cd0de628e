"""gunicorn settings for econdesk (see docs/deploy.md). Every value can be overridden by env."""

import multiprocessing
import os

bind = os.environ.get("ECONDESK_BIND", "127.0.0.1:8000")
# Processes are stateless (sessions and data live in the database), so any count works.
workers = int(os.environ.get("ECONDESK_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("ECONDESK_THREADS", 2))
timeout = int(os.environ.get("ECONDESK_TIMEOUT", 120))  # large imports and bulletins
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("ECONDESK_FORWARDED_ALLOW_IPS", "127.0.0.1")

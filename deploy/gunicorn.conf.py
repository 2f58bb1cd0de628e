"""gunicorn settings for econdesk (docs/deploy.md). Every value can be overridden by env.

    gunicorn -c deploy/gunicorn.conf.py econdesk.wsgi:application

Processes are stateless (sessions, login lockouts and data live in the database), so any number
of workers, on any number of hosts, can serve the same site.
"""

import multiprocessing
import os

bind = os.environ.get("ECONDESK_BIND", "127.0.0.1:8000")
# Each worker thread keeps one database connection (CONN_MAX_AGE): keep workers × threads well
# under PostgreSQL's max_connections (100 by default), whatever the number of CPUs.
workers = int(os.environ.get("ECONDESK_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 16)))
threads = int(os.environ.get("ECONDESK_THREADS", 2))
timeout = int(os.environ.get("ECONDESK_TIMEOUT", 120))  # large imports and bulletins
graceful_timeout = 30
keepalive = 5  # behind nginx's keepalive to the upstream
max_requests = 2000
max_requests_jitter = 200
proc_name = "econdesk"
accesslog = "-"  # stdout/stderr: journald under systemd
errorlog = "-"
# Only nginx on this host may say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("ECONDESK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The worker heartbeat file: in memory when available, so a slow disk never stalls it.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# gunicornc's control socket only where asked for (systemd: /run/econdesk/gunicorn.ctl): the
# default under ~/.gunicorn would be shared by every gunicorn of the same user.
control_socket = os.environ.get("ECONDESK_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

"""econdesk's WSGI application with each request's server time written down (loadtest only).

gunicorn serves ``loadtest.wsgi_timing:application`` in the load runs. For every request one
line goes to $LOADTEST_WSGI_LOG (appended; short lines, so the workers' lines do not mix):

    method|path|status|wall ms|cpu ms

wall is the time inside Django (gunicorn's %(M)s adds reading the request and writing the
response); cpu is this thread's CPU time in that span (time.thread_time), which excludes
PostgreSQL's share and the time spent waiting for a core. On a machine shared with other work,
cpu shows what a page costs the app itself, wall what the user waited.
"""

from __future__ import annotations

import os
import time

from econdesk.wsgi import application as _django

_LOG = os.environ.get("LOADTEST_WSGI_LOG")
_fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if _LOG else None


def application(environ, start_response):
    started, cpu_started = time.perf_counter(), time.thread_time()
    status = ["-"]

    def _start_response(code, headers, exc_info=None):
        status[0] = code.split(" ", 1)[0]
        return start_response(code, headers, exc_info)

    body = _django(environ, _start_response)
    try:
        # Django's responses are rendered already; joining keeps the close() below in the span.
        chunks = list(body)
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    if _fd is not None:
        wall = (time.perf_counter() - started) * 1000
        cpu = (time.thread_time() - cpu_started) * 1000
        line = f"{environ['REQUEST_METHOD']}|{environ.get('PATH_INFO', '')}|{status[0]}|{wall:.1f}|{cpu:.1f}\n"
        os.write(_fd, line.encode())
    return chunks

"""A real HTTP server on 127.0.0.1 that answers like the group robots and an SMS gateway.

- POST /cgi-bin/webhook/send?key=K — WeCom: {"msgtype":"markdown","markdown":{"content":…}}
- POST /robot/send?access_token=T&timestamp=…&sign=… — DingTalk: checks the signature
  (HMAC-SHA256 of "timestamp\\nsecret", base64, url-encoded) and the timestamp (within an
  hour), and the custom keyword when one is set; answers errcode 310000 otherwise.
- POST /sms — a gateway that takes {"mobile","content","msgid"} and drops a repeated msgid.

``plan`` is a list of what to do with the next requests, taken in order: "ok", "error"
(errcode 500 with HTTP 200, as the robots do), "http500", "ratelimit" (WeCom 45009 /
DingTalk 130101), "slow" (takes the message, then answers after the client gave up), "hold" (takes the message and
answers only when the test sets ``release``).
``stop()``/``start()`` take the server off the port and back (connection refused meanwhile).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

WECOM_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DING_TOKEN = "1c53e149ba5de6597cxxxxxx0e901fdxxxxxx80b8ac141e4a75afdc44c85ca4f"
DING_SECRET = "SEC4d8f2c0b0e6a4d51c8b9f1e7a2d3c4b5a6e7f8091a2b3c4d5e6f708192a3b4c5"
SLOW_SECONDS = 2.5


@dataclass
class Received:
    robot: str
    body: dict
    query: dict
    headers: dict


@dataclass
class RobotServer:
    keyword: str = ""
    plan: list[str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)  # every request that got through
    refused: list[Received] = field(default_factory=list)
    sms_delivered: dict = field(default_factory=dict)  # msgid -> body, repeats dropped
    port: int = 0
    holding: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def start(self) -> RobotServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                owner._handle(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def wecom_url(self) -> str:
        return f"{self.base}/cgi-bin/webhook/send?key={WECOM_KEY}"

    @property
    def dingtalk_url(self) -> str:
        return f"{self.base}/robot/send?access_token={DING_TOKEN}"

    @property
    def sms_url(self) -> str:
        return f"{self.base}/sms"

    def texts(self, robot: str) -> list[str]:
        out = []
        for r in self.received:
            if r.robot != robot:
                continue
            md = r.body.get("markdown", {})
            out.append(md.get("content") or md.get("text") or r.body.get("content", ""))
        return out

    # --- the robots ---------------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        length = int(req.headers.get("Content-Length", 0))
        try:
            body = json.loads(req.rfile.read(length).decode("utf-8"))
        except ValueError:
            return self._answer(req, 400, {"errcode": 40001, "errmsg": "invalid json"})
        got = Received(parts.path, body, query, dict(req.headers))
        if parts.path == "/cgi-bin/webhook/send":
            got.robot = "wecom"
            problem = self._check_wecom(query, body)
        elif parts.path == "/robot/send":
            got.robot = "dingtalk"
            problem = self._check_dingtalk(query, body)
        elif parts.path == "/sms":
            got.robot = "sms"
            problem = None
        else:
            return self._answer(req, 404, {"errcode": 404, "errmsg": "not found"})
        if problem:
            self.refused.append(got)
            return self._answer(req, 200, problem)
        step = self.plan.pop(0) if self.plan else "ok"
        if step == "http500":
            return self._answer(req, 500, {"errcode": -1, "errmsg": "system busy"})
        if step == "error":
            return self._answer(req, 200, {"errcode": -1, "errmsg": "系统繁忙"})
        if step == "ratelimit":
            code = 45009 if got.robot == "wecom" else 130101
            return self._answer(req, 200, {"errcode": code, "errmsg": "send too fast"})
        self.received.append(got)
        if got.robot == "sms":
            self.sms_delivered.setdefault(body.get("msgid"), body)
        if step == "slow":
            time.sleep(SLOW_SECONDS)
        if step == "hold":  # keep the sender waiting until the test lets go
            self.holding.set()
            self.release.wait(60)
        if got.robot == "sms":
            return self._answer(req, 200, {"code": 0, "msg": "已受理", "msgid": body.get("msgid")})
        return self._answer(req, 200, {"errcode": 0, "errmsg": "ok"})

    def _check_wecom(self, query, body):
        if query.get("key") != WECOM_KEY:
            return {"errcode": 93000, "errmsg": "invalid webhook url"}
        if body.get("msgtype") != "markdown" or not isinstance(
            body.get("markdown", {}).get("content"), str
        ):
            return {"errcode": 40008, "errmsg": "invalid message type"}
        if len(body["markdown"]["content"].encode("utf-8")) > 4096:
            return {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
        return None

    def _check_dingtalk(self, query, body):
        if query.get("access_token") != DING_TOKEN:
            return {"errcode": 300001, "errmsg": "token is not exist"}
        stamp, sign = query.get("timestamp", ""), query.get("sign", "")
        if not stamp.isdigit() or abs(time.time() * 1000 - int(stamp)) > 3600_000:
            return {"errcode": 310000, "errmsg": "invalid timestamp"}
        expected = base64.b64encode(
            hmac.new(
                DING_SECRET.encode(), f"{stamp}\n{DING_SECRET}".encode(), hashlib.sha256
            ).digest()
        ).decode()
        # parse_qs url-decodes once: a sign sent without url-encoding loses its "+" here.
        if not hmac.compare_digest(sign, expected):
            return {"errcode": 310000, "errmsg": "sign not match"}
        md = body.get("markdown", {})
        if body.get("msgtype") != "markdown" or not md.get("title") or not md.get("text"):
            return {"errcode": 40035, "errmsg": "缺少参数 markdown"}
        if self.keyword and self.keyword not in md["title"] + md["text"]:
            return {"errcode": 310000, "errmsg": "keywords not in content"}
        return None

    @staticmethod
    def _answer(req, status: int, data: dict) -> None:
        raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
        try:
            req.send_response(status)
            req.send_header("Content-Type", "application/json; charset=utf-8")
            req.send_header("Content-Length", str(len(raw)))
            req.end_headers()
            req.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass

"""Issue #11 item 8: no query parameter of any page or endpoint can cause a server error.

Every GET address of the project (the rows of the permission matrix, which covers the whole
URLconf — tests/trust) is first requested as the administrator with a recorder on the query
string, to learn which parameters its view reads; then each of those, and the parameters the
site uses everywhere, is sent with hostile values. Any 5xx or exception is a failure; a 400
must say what is wrong in Chinese.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from tests.trust.matrix import CASES
from tests.trust.world import build

HOSTILE = ["2026-13", "abc", "²", "1" * 25, "-1", "\x00", "x" * 3000]
SHORT = ["2026-13", "²"]
EVERYWHERE = ["period", "region", "year", "page", "limit"]
CJK = re.compile(r"[\u4e00-\u9fff]")


class Recorder:
    """Names the view asked the query string for (get, [], getlist, in)."""

    def __init__(self, monkeypatch):
        self.names: set[str] = set()
        for method in ("get", "__getitem__", "getlist", "__contains__"):
            original = getattr(QueryDict, method)
            monkeypatch.setattr(QueryDict, method, self._wrap(original))

    def _wrap(self, original):
        names = self.names

        def recording(qd, key, *args, **kwargs):
            names.add(key)
            return original(qd, key, *args, **kwargs)

        return recording


def get_cases():
    seen, cases = set(), []
    for case in CASES:
        if case.method == "GET" and case.name not in ("logout",) and case.name not in seen:
            seen.add(case.name)
            cases.append(case)
    return cases


def with_param(url: str, query: str, name: str, value: str) -> str:
    qd = QueryDict(query, mutable=True)
    qd[name] = value
    return f"{url}?{qd.urlencode()}"


@pytest.fixture
def quiet():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def test_hostile_query_values_never_cause_a_server_error(
    client, people, sample_city, settings, tmp_path, monkeypatch, quiet
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build(people, sample_city)
    client.force_login(people["admin"])
    problems, tried = [], 0
    for case in get_cases():
        if case.name.startswith("admin:"):
            continue
        base = reverse(case.name, args=[world.args[a] for a in case.args])
        with monkeypatch.context() as patch:
            recorder = Recorder(patch)
            client.get(f"{base}?{case.query}" if case.query else base)
            read = {n for n in recorder.names if isinstance(n, str)}
        for name in sorted(read | set(EVERYWHERE)):
            values = HOSTILE if name in read else SHORT
            for value in values:
                url = with_param(base, case.query, name, value)
                tried += 1
                try:
                    response = client.get(url)
                except Exception as exc:  # noqa: BLE001 - a crash is what this test looks for
                    problems.append(
                        f"{case.key} {name}={value[:20]!r}: 异常 {type(exc).__name__}: {exc}"
                    )
                    continue
                if response.status_code >= 500:
                    problems.append(f"{case.key} {name}={value[:20]!r}: {response.status_code}")
                elif response.status_code == 400 and not response.streaming:
                    text = response.content.decode(errors="replace")
                    if response["Content-Type"].startswith("application/json"):
                        text = json.dumps(json.loads(text), ensure_ascii=False)
                    if not CJK.search(text):
                        problems.append(f"{case.key} {name}={value[:20]!r}: 400 无中文说明")
    print(f"模糊测试：{tried} 个请求，{len(problems)} 处出错")  # shown with pytest -s
    assert tried > 500
    if problems:
        pytest.fail(f"{len(problems)}/{tried} 处出错:\n" + "\n".join(problems), pytrace=False)

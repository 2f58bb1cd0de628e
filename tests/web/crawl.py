"""Walking the workspace as a user does: follow the links of every page from the overview, to a
bounded depth, and read each page's visible text for what a Chinese reader should never see.

Used by tests/web/test_crawl.py. Plain Python over Django's test client; no browser.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

# Where the crawl does not go: the back office (Django's own screens), the JSON API and its
# schema pages, leaving the session, and static files.
SKIP_PREFIXES = ("/admin/", "/api/", "/logout/", "/static/", "/media/")
# Words of English a Chinese page may show: the product's name, file formats and the
# abbreviations the statistics bureau itself prints.
ALLOWED_WORDS = frozenset(
    {
        "econdesk",  # the product's name, in the title and footer
        "Excel", "Word", "CSV", "PDF", "ZIP", "XLSX", "xlsx", "docx", "csv", "pdf",
        "GDP", "CPI", "PPI", "PMI", "PM", "ID", "API", "URL", "Token", "Webhook",
        "xls", "ods", "WPS", "GB",  # 文件（.xlsx、.xls、.ods）, Word 或 WPS, GB/T 9704 公文格式
        "CXO",  # a demo project's name as people write it (生物医药CXO基地)
        "Authorization",  # the header a token is sent in, as the user must type it (我的令牌)
    }
)  # fmt: skip
RAW_DECIMAL = re.compile(r"\d\.\d*0000")
IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b")
# A word standing alone: letters glued to digits are a unit or a code (20GWh, 91990101MA0…).
WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])")
# An address with many query values (periods × regions × indicators) is one page to read: at
# most this many addresses per path and set of query names.
PER_SHAPE = 1
VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area", "base"}


class _Text(HTMLParser):
    """The text a reader sees (scripts, styles and templates left out) and the links.

    A value marked ``translate="no"`` is a code people typed themselves (an indicator's 代码, a
    login name, a server account) and is read as such: it is left out of the text checked."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._code: list[str] = []  # the open tags marked translate="no" and those inside

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        attrs = dict(attrs)
        if self._code or attrs.get("translate") == "no":
            if tag not in VOID:
                self._code.append(tag)
            return
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "placeholder", "aria-label"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if self._code and self._code[-1] == tag:
            self._code.pop()

    def handle_data(self, data):
        if not self._hidden and not self._code and data.strip():
            self.parts.append(data.strip())


def read_page(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts), parser.links


def problems_in(text: str) -> list[str]:
    """What a Chinese reader should not see in `text`, each quoted with its line."""
    found = []
    for line in text.splitlines():
        for match in RAW_DECIMAL.finditer(line):
            found.append(f"未格式化的小数“{match.group()}”：{line[:120]}")
        for match in IDENTIFIER.finditer(line):
            found.append(f"代码标识“{match.group()}”：{line[:120]}")
        for match in WORD.finditer(IDENTIFIER.sub("", line)):
            if match.group() not in ALLOWED_WORDS:
                found.append(f"英文“{match.group()}”：{line[:120]}")
    return found


def _shape(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.path, tuple(sorted({k for k, _ in parse_qsl(parts.query)}))


def _local(href: str, here: str) -> str | None:
    href, _ = urldefrag(href)
    if not href or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if href.startswith("?"):
        href = urlsplit(here).path + href
    elif not href.startswith("/"):
        return None
    if href.startswith(SKIP_PREFIXES):
        return None
    return href


@dataclass
class Crawl:
    visited: dict[str, int] = field(default_factory=dict)  # url → status
    failures: list[str] = field(default_factory=list)
    # path → first problem seen for each distinct word / decimal / identifier there
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, url: str, problem: str) -> None:
        path = urlsplit(url).path
        what = problem.split("：", 1)[0]
        seen = self.by_path.setdefault(path, {})
        if what not in seen:
            seen[what] = f"{url}：{problem}"
            self.failures.append(f"{url}：{problem}")


def crawl(client, start: str = "/", depth: int = 2, limit: int = 150) -> Crawl:
    """Breadth first from `start`, following links up to `depth` clicks, at most `limit` pages."""
    result = Crawl()
    shapes: dict[tuple, int] = {}
    queue = deque([(start, 0)])
    seen = {start}
    while queue and len(result.visited) < limit:
        url, level = queue.popleft()
        response = client.get(url)
        result.visited[url] = response.status_code
        if response.status_code >= 500:
            result.add(url, f"服务器错误 {response.status_code}")
            continue
        if response.status_code != 200:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        text, links = read_page(response.content.decode())
        for problem in problems_in(text):
            result.add(url, problem)
        if level >= depth:
            continue
        for href in links:
            target = _local(href, url)
            if target is None or target in seen:
                continue
            shape = _shape(target)
            if shapes.get(shape, 0) >= PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(target)
            queue.append((target, level + 1))
    return result

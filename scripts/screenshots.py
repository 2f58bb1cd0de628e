"""`make screenshots`: the main pages with the demo city 示例市, saved as PNGs in docs/screenshots/.

    .venv/bin/python scripts/screenshots.py                    # every page
    .venv/bin/python scripts/screenshots.py import-layout.png  # retake only the ones named

Builds a throwaway SQLite database (`econdesk setup` + `econdesk demo`), serves it with
runserver on a free local port, and drives Debian's Chromium (/usr/bin/chromium, never a
downloaded browser) through Playwright with the flags of tests/e2e/conftest.py. The database,
its media and the server go away at the end; only the PNGs stay.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("ECONDESK_CHROMIUM", "/usr/bin/chromium")
# The same flags as tests/e2e/conftest.py: no sandbox in containers, no background traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--lang=zh-CN",  # the browser's own words (date fields, file pickers) as a Chinese user sees them
]
DEMO_PASSWORD = "econdesk-demo"  # econdesk.demo.profiles.DEMO_PASSWORD, public by design
Q1 = "2026-03"  # the story's 一季度 "开门红" period in the demo city
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shot:
    file: str
    user: str
    path: str
    viewport: dict
    caption: str
    full_page: bool = True
    click: str | None = None  # a link to follow after loading `path`
    upload: str | None = None  # a file (from the repository) to upload on `path` first


SHOTS = [
    Shot("overview-q1.png", "leader", f"/?period={Q1}", DESKTOP,
         "总览（一季度）：设有一季度目标的指标排在“一季度‘开门红’目标”之下，每张卡片有累计值、增速、"
         "全市增速与差距、位次与变化、目标与缺口、任务进度与序时进度、预计和红黄绿状态及原因。"),
    Shot("overview-latest.png", "leader", "/", DESKTOP,
         "总览（最新一期 1-10月）：全部指标按目录顺序，顶部是红黄绿灯的数量。"),
    Shot("overview-phone.png", "leader", f"/?period={Q1}", PHONE,
         "领导手机上的总览：卡片单列排列，导航可横向滑动。", full_page=False),
    Shot("indicator-fai.png", "leader", f"/indicators/fai/?period={Q1}", DESKTOP,
         "指标页（固定资产投资，一季度）：要前移位次需要多少、预计及区间、增速与全市走势图、"
         "全市各区县排位图（本区红色、全市增速虚线）、对比表、目标与缺口表、每个数字的来历。"),
    Shot("leaders.png", "leader", f"/leaders/?period={Q1}", DESKTOP,
         "分管领导汇报（陈立群，一季度）：目标完成情况、存在问题及下阶段工作打算，数字已填好。",
         click="text=只看此份汇报"),
    Shot("gdp.png", "leader", f"/gdp/?period={Q1}&target=6.5", DESKTOP,
         "GDP测算（一季度）：分行业权重、推算指标增速、拉动与贡献率、拉动柱状图，"
         "以及按GDP目标6.5%倒推各行业和推算指标需要的增速。"),
    Shot("targets.png", "reviewer", "/targets/?year=2026", DESKTOP,
         "目标管理（2026年）：本区各指标、各期、各层级的目标，审核员可新增或修改。"),
    Shot("target-form.png", "reviewer",
         "/targets/edit/?indicator=fai&year=2026&month=12&level=district", DESKTOP,
         "维护目标（审核员）：修改区级全年固定资产投资目标，保存时记入变更记录。"),
    Shot("refusal-clerk.png", "clerk", "/targets/edit/", DESKTOP,
         "拒绝页：单位填报员打开维护目标表单，看到中文原因，未作任何改动。", full_page=False),
    Shot("settings.png", "admin", "/settings/", DESKTOP,
         "设置（管理员）：进入中文后台维护单位、分管区领导、用户、指标目录、GDP测算行业和地区。",
         full_page=False),
    # Issue 15: any district from the page, the 排位总表, 全市对比 formatted, 本级 on 设置;
    # each main page also at a phone's 390 px.
    Shot("overview-other-district.png", "leader", "/?region=3", DESKTOP,
         "总览切换到另一区县（地区选择器按市分组，选中即切换，期别保留）。", full_page=False),
    Shot("peers.png", "leader", "/peers/?indicator=power_use", DESKTOP,
         "全市对比（全社会用电量）：数字按指标单位与小数位书写，过万的万千瓦时写作亿千瓦时。"),
    Shot("ranking.png", "leader", "/ranking/", DESKTOP,
         "排位总表：各区县为行、各指标为列，每格为增速及位次，按红黄绿着色，点击表头排序，可导出Excel。",
         full_page=False),
    Shot("settings-home.png", "admin", "/settings/", DESKTOP,
         "设置：管理员在此一步更改本级地区（原本级同时取消，记入变更记录）。", full_page=False),
    Shot("indicator-phone.png", "leader", "/indicators/power_use/", PHONE,
         "手机上的指标页：增速、位次不需横向滑动。", full_page=False),
    Shot("leaders-phone.png", "leader", "/leaders/", PHONE,
         "手机上的分管领导汇报。", full_page=False),
    Shot("peers-phone.png", "leader", "/peers/", PHONE,
         "手机上的全市对比。", full_page=False),
    Shot("ranking-phone.png", "leader", "/ranking/", PHONE,
         "手机上的排位总表：地区列固定，其余横向滚动。", full_page=False),
    # The other working pages, desktop and phone.
    Shot("bulletins.png", "reviewer", "/bulletins/", DESKTOP,
         "通报：选择地区（按市分组）、期别和种类，预览、下载Word/Excel，确认后印发；下方为已印发的各期。"),
    Shot("bulletins-phone.png", "reviewer", "/bulletins/", PHONE,
         "手机上的通报页。", full_page=False),
    Shot("notifications.png", "leader", "/bulletins/notifications/", DESKTOP,
         "我的通知：印发、亮灯、督办等通知，未读加粗，可逐条或全部标为已读。", full_page=False),
    Shot("projects.png", "leader", "/projects/", DESKTOP,
         "重大项目：按阶段、牵头单位筛选，投资进度与预警。", full_page=False),
    Shot("projects-phone.png", "leader", "/projects/", PHONE,
         "手机上的重大项目列表。", full_page=False),
    Shot("closure.png", "leader", "/projects/closure/", DESKTOP,
         "固投缺口闭合：目标缺口、项目可补的投资与仍差的数额。", full_page=False),
    Shot("supervision.png", "supervisor", "/supervision/", DESKTOP,
         "督办：督办事项的状态、时限、牵头单位与红黄绿灯。", full_page=False),
    Shot("supervision-phone.png", "supervisor", "/supervision/", PHONE,
         "手机上的督办事项。", full_page=False),
    Shot("audit.png", "admin", "/audit/", DESKTOP,
         "变更记录：每次修改的对象（中文名称）、字段、修改前后、修改人与时间（本地时间）。",
         full_page=False),
    Shot("import.png", "reviewer", "/reporting/import/", DESKTOP,
         "数据导入：上传市统计局月报（Excel、CSV、Word或PDF），先预览、后确认。", full_page=False),
    Shot("import-layout.png", "reviewer", "/reporting/import/", DESKTOP,
         "映射版式：任何读取器都认不出表头的文件（docs/samples/flat-bulletin-2022-02.xlsx），"
         "页面列出文件的前几行，猜出表头行、地区列和多数列的指标与口径，用户补齐后保存为版式，"
         "下月同样式的文件直接读取。",
         upload="docs/samples/flat-bulletin-2022-02.xlsx", click="#map-layout"),
    Shot("gdp-phone.png", "leader", f"/gdp/?period={Q1}", PHONE,
         "手机上的GDP测算。", full_page=False),
]  # fmt: skip


INDEX_HEAD = """# 页面截图

`make screenshots` 生成（scripts/screenshots.py）：临时 SQLite 数据库载入示例市（`econdesk setup` +
`econdesk demo`），本机 runserver，Debian 的 Chromium 经 Playwright 打开各页面截图。演示账户的密码均为
`econdesk-demo`；页面数字来自示例数据，不是真实统计。本文件随截图一起重新生成。

| 截图 | 账户 | 地址 | 说明 |
|---|---|---|---|
"""


def write_index() -> Path:
    """docs/screenshots.md: each PNG with who took it, where, and what it shows."""
    rows = [
        f"| [{shot.file}](screenshots/{shot.file}) | {shot.user} | `{shot.path}` | {shot.caption} |"
        for shot in SHOTS
    ]
    index = OUT.parent / "screenshots.md"
    index.write_text(INDEX_HEAD + "\n".join(rows) + "\n", encoding="utf-8")
    return index


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def econdesk(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess | subprocess.Popen:
    command = [sys.executable, "-m", "econdesk.cli", *args]
    if kwargs.pop("background", False):
        return subprocess.Popen(command, cwd=REPO, env=env, **kwargs)
    return subprocess.run(command, cwd=REPO, env=env, check=True, **kwargs)


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"runserver 已退出（返回码 {server.returncode}）")
        try:
            urllib.request.urlopen(url + "login/", timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"{seconds:.0f} 秒内未能连上 {url}")


def log_in(context, base: str, username: str):
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


def take(browser, base: str, shot: Shot) -> Path:
    context = browser.new_context(
        locale="zh-CN", viewport=shot.viewport, is_mobile=shot.viewport is PHONE
    )
    try:
        page = log_in(context, base, shot.user)
        page.goto(base + shot.path.lstrip("/"))
        if shot.upload:
            page.set_input_files("input[name=file]", str(REPO / shot.upload))
            page.click("button:has-text('上传并预览')")
            page.wait_for_load_state("networkidle")
        if shot.click:
            page.click(shot.click)
        page.wait_for_load_state("networkidle")
        # Charts draw after load; wait until every chart container has its SVG.
        page.wait_for_function(
            "Array.from(document.querySelectorAll('[data-chart]'))"
            ".every(el => el.querySelector('svg'))"
        )
        target = OUT / shot.file
        page.screenshot(path=str(target), full_page=shot.full_page)
        return target
    finally:
        context.close()


def main() -> int:
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        print(
            f"找不到 Chromium：{CHROMIUM}（Debian 的 chromium 包，.ci/run 会安装）", file=sys.stderr
        )
        return 1
    if importlib.util.find_spec("econdesk.demo.loader") is None:
        print("示例数据载入器 econdesk/demo/loader.py 尚不存在，无法截图。", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="econdesk-screens-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "econdesk.settings",
            "ECONDESK_VAR_DIR": tmp,
            "DATABASE_URL": f"sqlite:///{tmp}/screens.sqlite3",
            "ECONDESK_DEBUG": "1",
            "ECONDESK_LOG_LEVEL": "ERROR",
        }
        print("建立临时数据库并载入示例市……")
        econdesk(env, "setup")
        econdesk(env, "demo", stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        server = econdesk(
            env, "runserver", f"127.0.0.1:{port}", "--noreload", background=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until_up(base, server)
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
                )
                try:
                    wanted = set(sys.argv[1:])  # file names: retake only these
                    for shot in SHOTS:
                        if wanted and shot.file not in wanted:
                            continue
                        path = take(browser, base, shot)
                        print(f"已保存 {path.relative_to(REPO)}")
                finally:
                    browser.close()
            print(f"已写入 {write_index().relative_to(REPO)}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())

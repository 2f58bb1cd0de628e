"""Write docs/permissions.md from the table the permission tests use (tests/trust/matrix.py).

    .venv/bin/python scripts/permission_matrix.py          # rewrite docs/permissions.md
    .venv/bin/python scripts/permission_matrix.py --check  # exit 1 if the file is out of date

The page is generated, never edited by hand: change the table and run this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "permissions.md"
sys.path.insert(0, str(REPO))

from tests.trust.matrix import CASES, ROLE_SHORT, ROLE_TITLES, ROLES, SECTIONS  # noqa: E402


def _rule_book() -> list[str]:
    """The roles × actions table read off econdesk.accounts.permissions.RULES."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
    django.setup()
    from econdesk.accounts.permissions import role_table

    table = role_table()
    names = [name for _, name in table.roles]
    lines = [
        "## 规则本：角色与操作",
        "",
        "读自 `econdesk/accounts/permissions.py` 的 `RULES`（设置页“角色与权限”显示同一张表）。"
        "“可”为允许，“本单位”为只限本单位牵头（或配合）的对象，“—”为不允许。",
        "",
        "| 操作 | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        *[f"| {r.label} | " + " | ".join(c or "—" for c in r.cells) + " |" for r in table.rows],
        "",
        *[f"- {note}" for note in table.notes],
        "",
    ]
    return lines


LEGEND = [
    ("200 / 201", "允许：打开页面、返回数据或已新建"),
    ("302", "允许：办理后转到下一页（或带提示返回）"),
    ("400", "允许这样做，但请求内容有误：原样退回、用中文说明，不写入任何数据"),
    ("403", "拒绝：页面为中文拒绝页并写明原因；接口为 JSON，detail 为中文原因"),
    ("404", "按设计对该角色隐藏的对象"),
    ("405", "该地址不接受这种请求方法"),
    ("→登录", "转到登录页（/admin/ 为后台自己的登录页）"),
]


def _cell(answer: str) -> str:
    return "→登录" if answer == "L" else answer


def render() -> str:
    roles = len(ROLES)
    names = {c.name for c in CASES}
    lines = [
        "# 权限矩阵",
        "",
        "<!-- 由 scripts/permission_matrix.py 根据 tests/trust/matrix.py 生成，请勿手改。 -->",
        "",
        "每个地址（URL 名称）× 请求方法 × 所试对象，各角色得到的答复。规则只有一处："
        "`econdesk/accounts/permissions.py`；页面、接口和命令行都问它。"
        "`tests/trust/test_permission_matrix.py` 逐格发请求核对；答复不是 200/201/302 的写操作"
        "须不改动任何数据（含变更记录）；被角色直接拒绝的，空请求体也得到同样的拒绝。",
        "",
        f"共 {len(names)} 个地址、{len(CASES)} 行、{roles} 个角色，{len(CASES) * roles} 格。",
        "",
        "对象各有两份：经信局牵头的（colin 的单位）与商务局牵头的（cora 的单位）；"
        "rita 在统计局、sue 在目标绩效办，均不牵头。",
        "",
        "## 角色",
        "",
        *[f"- **{ROLE_SHORT[r]}**：{ROLE_TITLES[r]}" for r in ROLES],
        "",
        "## 答复",
        "",
        "| 答复 | 含义 |",
        "|---|---|",
        *[f"| {code} | {meaning} |" for code, meaning in LEGEND],
        "",
    ]
    lines += _rule_book()
    header = "| 地址 | 方法 | 对象 | " + " | ".join(ROLE_SHORT[r] for r in ROLES) + " | 说明 |"
    rule = "|---|---|---|" + "---|" * roles + "---|"
    for section, title in SECTIONS.items():
        rows = [c for c in CASES if c.section == section]
        lines += [f"## {title}", "", header, rule]
        for c in rows:
            cells = " | ".join(_cell(c.answers[r]) for r in ROLES)
            lines.append(f"| `{c.name}` | {c.method} | {c.label} | {cells} | {c.note} |")
        lines.append("")
    lines += [
        "## 命令行",
        "",
        "`econdesk import`、`econdesk bulletin`、`econdesk analyze` 用 `--user 用户名` 以该用户的名义执行，"
        "按同一规则判断；不给 `--user` 时为内置的“命令行”账户（系统管理员，不能登录网页）。"
        "例如 `econdesk import --user leo 文件` 被拒绝：“您的角色（领导）无权导入数据。”，"
        "不写入任何数据。",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="只检查，不写文件")
    options = parser.parse_args()
    text = render()
    if options.check:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC.relative_to(REPO)} 已过期：请运行 python scripts/permission_matrix.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"已写出 {DOC.relative_to(REPO)}（{len(CASES)} 行）")
    return 0


if __name__ == "__main__":
    sys.exit(main())

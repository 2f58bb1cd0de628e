"""The permission matrix: what every role gets from every address, as the tests expect it.

One row per address (URL name) × method × object tried; seven answers per row, one per role, in
the order of ROLES. tests/trust/test_permission_matrix.py sends each request and compares;
scripts/permission_matrix.py prints the same rows into docs/permissions.md. Plain data, no Django.

Answers: 200/201 allowed; 302 allowed (the next page, or back with a message); 400 allowed but
the body refused by validation, with the reason in Chinese, nothing written; 403 refused (a page: the Chinese
refusal page with the rule book's reason; the API: JSON with a Chinese "detail"); 404 the object
is hidden from that role by design; 405 wrong method; L sent to log in (pages: /login/; /admin/:
the back office's own login).

The objects: each one exists twice, one led by 经信局 (colin's department, label 经信局) and one
by 商务局 (cora's, label 商务局); rita sits in 统计局 and sue in 目标绩效办, leading neither.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("anonymous", "admin", "reviewer", "clerk", "other_clerk", "leader", "supervisor")
ROLE_TITLES = {
    "anonymous": "未登录的访客",
    "admin": "系统管理员 alice",
    "reviewer": "数据审核 rita（统计局）",
    "clerk": "单位填报 colin（经信局）",
    "other_clerk": "单位填报 cora（商务局）",
    "leader": "领导 leo",
    "supervisor": "督查 sue（目标绩效办）",
}
ROLE_SHORT = {
    "anonymous": "未登录",
    "admin": "alice",
    "reviewer": "rita",
    "clerk": "colin",
    "other_clerk": "cora",
    "leader": "leo",
    "supervisor": "sue",
}
ANSWERS = frozenset({"200", "201", "302", "400", "403", "404", "405", "L"})
WRITES = frozenset({"200", "201", "302"})  # a write answered so may change data; no other may

SECTIONS = {
    "web": "工作台页面（总览、对比、指标、分管领导、目标、GDP测算、设置、登录）",
    "reporting": "数据填报与导入 /reporting/",
    "bulletins": "通报 /bulletins/",
    "projects": "项目台账 /projects/",
    "supervision": "督办 /supervision/",
    "audit": "变更记录 /audit/",
    "notify": "推送设置 /notify/（群机器人、短信、邮件）",
    "accounts": "账户与 API 令牌 /account/",
    "api": "接口 /api/",
    "admin": "后台 /admin/",
}


@dataclass(frozen=True)
class Case:
    """One request: the address `name` filled with the world's `args`, sent with `method`."""

    name: str
    method: str
    expect: str  # seven answers in ROLES order
    args: tuple[str, ...] = ()
    query: str = ""
    label: str = ""  # what is tried, when the address is tried more than once
    note: str = ""

    @property
    def answers(self) -> dict[str, str]:
        return dict(zip(ROLES, self.expect.split(), strict=True))

    @property
    def key(self) -> str:
        return " ".join(part for part in (self.name, self.method, self.label) if part)

    @property
    def section(self) -> str:
        if ":" in self.name:
            return self.name.split(":", 1)[0]
        return "web" if self.name in WEB_NAMES else "api"


WEB_NAMES = frozenset(
    {"login", "logout", "password_change", "password_change_done", "overview", "peer-table",
     "indicator", "leaders", "targets", "target-edit", "gdp", "settings", "status-rules", "ranking-table", "ranking-excel"}
)  # fmt: skip

# Rows that recur: everyone signed in may read; an address that only takes POST.
READ = "L 200 200 200 200 200 200"
API_READ = "403 200 200 200 200 200 200"
POST_ONLY = "L 405 405 405 405 405 405"
API_POST_ONLY = "403 405 405 405 405 405 405"
# The rule book's role rules for writes (before object rules)
REVIEW = "L 302 302 403 403 403 403"  # ledger.import / review_estimate / bulletins.issue …
ASSIGN = "L 302 403 403 403 403 302"  # supervision.assign / supervision.score
ASSIGN_PAGE = "L 200 403 403 403 403 200"
EDIT_PAGE = "L 200 200 200 200 403 403"  # projects.edit without an object (新增)
JX_PAGE = "L 200 200 200 403 403 403"  # projects.edit on 经信局's row
SW_PAGE = "L 200 200 403 200 403 403"  # projects.edit on 商务局's row
JX_SAVE = "L 302 302 302 403 403 403"
SW_SAVE = "L 302 302 403 302 403 403"
NEW_SAVE = "L 302 302 302 400 403 403"  # a new row for 经信局: cora's form offers only 商务局
API_JX_SAVE = "403 200 200 200 403 403 403"
API_SW_SAVE = "403 200 200 403 200 403 403"
API_NEW = "403 201 201 201 403 403 403"  # a new row for 经信局: cora is refused by the service
OWN_DEPT = "新增的一行由经信局牵头：cora 的表单只列商务局，所以是400（填写有误），不是越权"
# A new 经信局 row linked to 商务局's object (or filed in another region's register): a clerk may
# link only to what the rule book lets them edit, so colin is refused too (issue: links).
API_LINK = "403 201 201 403 403 403 403"
LINK_NOTE = "外键也按规则检查：colin 不能把新行关联到商务局的对象，cora 不能新建经信局的行"

# The table is read as a table: one row per line where it fits, so the formatter keeps off.
# fmt: off
CASES: list[Case] = [
    # --- web -------------------------------------------------------------------------------------
    Case("login", "GET", "200 200 200 200 200 200 200"),
    Case("logout", "GET", "405 405 405 405 405 405 405", note="退出只接受POST"),
    Case("logout", "POST", "L L L L L L L", note="退出后回到登录页"),
    Case("password_change", "GET", READ),
    Case("password_change", "POST", "L 302 302 302 302 302 302", note="改的是本人的密码"),
    Case("password_change_done", "GET", READ),
    Case("accounts:tokens", "GET", READ, note="我的令牌：只列本人的"),
    Case("accounts:tokens", "POST", "L 200 200 200 200 200 200", note="生成的是本人的令牌"),
    Case("accounts:tokens-all", "GET", "L 200 403 403 403 403 403", note="org.manage"),
    Case("accounts:token-revoke", "GET", POST_ONLY, ("token",)),
    Case("accounts:token-revoke", "POST", "L 302 403 302 403 403 403", ("token",),
         label="colin的令牌", note="作废令牌：本人或系统管理员"),
    Case("overview", "GET", READ),
    Case("peer-table", "GET", READ),
    Case("indicator", "GET", READ, ("indicator_jx",), label="经信局"),
    Case("indicator", "GET", READ, ("indicator_sw",), label="商务局"),
    Case("leaders", "GET", READ),
    Case("targets", "GET", READ),
    Case("target-edit", "GET", "L 200 200 403 403 403 403"),
    Case("target-edit", "POST", REVIEW, note="ledger.edit_target"),
    Case("gdp", "GET", READ),
    Case("settings", "GET", "L 200 403 403 403 403 403", note="org.manage"),
    Case("status-rules", "GET", READ, note="亮灯规则人人可看"),
    Case("ranking-table", "GET", READ),
    Case("ranking-excel", "GET", READ, note="排位总表的Excel"),
    Case("status-rules", "POST", "L 302 403 403 403 403 403", note="ledger.edit_catalogue"),
    # --- reporting -------------------------------------------------------------------------------
    Case("reporting:index", "GET", READ),
    Case("reporting:report", "GET", "L 200 200 200 403 403 403", ("indicator_jx", "estimate"),
         label="经信局草稿", note="草稿只给本单位与审核人看；领导、督查看已发布的"),
    Case("reporting:report", "GET", "L 200 200 403 200 403 403", ("indicator_sw", "estimate"),
         label="商务局待审", note="待审的填报同样不对其他单位、领导、督查公开"),
    Case("reporting:report", "POST", "L 302 302 302 403 403 403", ("indicator_jx", "estimate"),
         label="经信局草稿", note="保存草稿：本单位，或审核人、管理员代填"),
    Case("reporting:report", "POST", "L 400 400 403 400 403 403", ("indicator_sw", "estimate"),
         label="商务局待审", note="已提交待审核的不能修改（400，中文说明）"),
    Case("reporting:return", "GET", POST_ONLY, ("indicator_sw", "estimate"), label="商务局待审"),
    Case("reporting:return", "POST", REVIEW, ("indicator_sw", "estimate"),
         label="商务局待审", note="ledger.review_estimate"),
    Case("reporting:approve", "GET", POST_ONLY, ("indicator_sw", "estimate"), label="商务局待审"),
    Case("reporting:approve", "POST", REVIEW, ("indicator_sw", "estimate"), label="商务局待审"),
    Case("reporting:import", "GET", "L 200 200 403 403 403 403", note="ledger.import"),
    Case("reporting:import", "POST", REVIEW, note="上传后转到预览"),
    Case("reporting:import-preview", "GET", "L 200 200 403 403 403 403", ("staged",)),
    Case("reporting:import-confirm", "GET", POST_ONLY, ("staged",)),
    Case("reporting:import-confirm", "POST", REVIEW, ("staged",)),
    Case("reporting:import-refresh", "GET", POST_ONLY, ("staged",)),
    Case("reporting:import-refresh", "POST", REVIEW, ("staged",)),
    Case("reporting:import-layout", "GET", "L 200 200 403 403 403 403", ("staged_flat",),
         note="映射版式：按上传文件的前几行说明各列"),
    Case("reporting:import-layout", "POST", REVIEW, ("staged_flat",), note="保存版式后重新预览"),
    Case("reporting:import-layouts", "GET", "L 200 200 403 403 403 403"),
    Case("reporting:import-layout-edit", "GET", "L 200 200 403 403 403 403", ("layout",)),
    Case("reporting:import-layout-edit", "POST", REVIEW, ("layout",)),
    # --- bulletins -------------------------------------------------------------------------------
    Case("bulletins:index", "GET", READ),
    Case("bulletins:generate", "GET", READ, (), "format=xlsx"),
    Case("bulletins:issue-confirm", "GET", "L 200 200 403 403 403 403", (), "period=2022-02"),
    Case("bulletins:issue", "GET", POST_ONLY),
    Case("bulletins:issue", "POST", REVIEW, note="bulletins.issue"),
    Case("bulletins:detail", "GET", READ, ("bulletin",)),
    Case("bulletins:download", "GET", READ, ("bulletin", "fmt")),
    Case("bulletins:template-download", "GET", READ, ("kind",)),
    Case("bulletins:template-upload", "GET", POST_ONLY, ("kind",)),
    Case("bulletins:template-upload", "POST", REVIEW, ("kind",), note="bulletins.edit_template"),
    Case("bulletins:template-reset", "GET", POST_ONLY, ("kind",)),
    Case("bulletins:template-reset", "POST", REVIEW, ("kind",)),
    Case("bulletins:notifications", "GET", READ, note="我的通知：只列本人的"),
    Case("bulletins:notifications-read", "GET", POST_ONLY),
    Case("bulletins:notifications-read", "POST", "L 302 302 302 302 302 302", note="全部标为已读：只标记本人的"),
    Case("bulletins:notification-read", "GET", POST_ONLY, ("notification",)),
    Case("bulletins:notification-read", "POST", "L 404 404 302 404 404 404", ("notification",),
         label="colin的通知", note="通知只属于收到的人：别人的通知一律404"),
    # --- projects --------------------------------------------------------------------------------
    Case("projects:list", "GET", READ),
    Case("projects:new", "GET", EDIT_PAGE, note="projects.edit"),
    Case("projects:new", "POST", NEW_SAVE, note=OWN_DEPT),
    Case("projects:detail", "GET", READ, ("project_jx",), label="经信局"),
    Case("projects:detail", "GET", READ, ("project_sw",), label="商务局"),
    Case("projects:edit", "GET", JX_PAGE, ("project_jx",), label="经信局"),
    Case("projects:edit", "GET", SW_PAGE, ("project_sw",), label="商务局"),
    Case("projects:edit", "POST", JX_SAVE, ("project_jx",), label="经信局"),
    Case("projects:edit", "POST", SW_SAVE, ("project_sw",), label="商务局"),
    Case("projects:months", "GET", JX_PAGE, ("project_jx",), label="经信局"),
    Case("projects:months", "GET", SW_PAGE, ("project_sw",), label="商务局"),
    Case("projects:months", "POST", JX_SAVE, ("project_jx",), label="经信局"),
    Case("projects:months", "POST", SW_SAVE, ("project_sw",), label="商务局"),
    Case("projects:procedures", "GET", JX_PAGE, ("project_jx",), label="经信局"),
    Case("projects:procedures", "GET", SW_PAGE, ("project_sw",), label="商务局"),
    Case("projects:procedures", "POST", JX_SAVE, ("project_jx",), label="经信局"),
    Case("projects:procedures", "POST", SW_SAVE, ("project_sw",), label="商务局"),
    Case("projects:problem-new", "GET", JX_PAGE, ("project_jx",), label="经信局"),
    Case("projects:problem-new", "GET", SW_PAGE, ("project_sw",), label="商务局"),
    Case("projects:problem-new", "POST", JX_SAVE, ("project_jx",), label="经信局"),
    Case("projects:problem-new", "POST", SW_SAVE, ("project_sw",), label="商务局"),
    Case("projects:problem-edit", "GET", JX_PAGE, ("project_jx", "problem_jx"), label="经信局"),
    Case("projects:problem-edit", "GET", SW_PAGE, ("project_sw", "problem_sw"), label="商务局"),
    Case("projects:problem-edit", "POST", JX_SAVE, ("project_jx", "problem_jx"), label="经信局"),
    Case("projects:problem-edit", "POST", SW_SAVE, ("project_sw", "problem_sw"), label="商务局"),
    Case("projects:closure", "GET", READ),
    Case("projects:closure-industry", "GET", READ),
    Case("projects:warnings", "GET", READ),
    Case("projects:export", "GET", READ),
    Case("projects:import", "GET", EDIT_PAGE, note="projects.import"),
    Case("projects:import", "POST", NEW_SAVE,
         label="经信局项目的台账", note="台账里是经信局的项目：cora 导入被逐行拒绝（400，列出原因），一行也不写"),
    Case("projects:deals", "GET", READ),
    Case("projects:deal-new", "GET", EDIT_PAGE),
    Case("projects:deal-new", "POST", NEW_SAVE, note=OWN_DEPT),
    Case("projects:deal-edit", "GET", JX_PAGE, ("deal_jx",), label="经信局"),
    Case("projects:deal-edit", "GET", SW_PAGE, ("deal_sw",), label="商务局"),
    Case("projects:deal-edit", "POST", JX_SAVE, ("deal_jx",), label="经信局"),
    Case("projects:deal-edit", "POST", SW_SAVE, ("deal_sw",), label="商务局"),
    Case("projects:deal-convert", "GET", POST_ONLY, ("deal_jx",), label="经信局"),
    Case("projects:deal-convert", "POST", JX_SAVE, ("deal_jx",), label="经信局"),
    Case("projects:deal-convert", "POST", SW_SAVE, ("deal_sw",), label="商务局"),
    Case("projects:funding", "GET", READ),
    Case("projects:funding-new", "GET", EDIT_PAGE),
    Case("projects:funding-new", "POST", NEW_SAVE, note=OWN_DEPT),
    Case("projects:funding-new", "POST", "L 302 302 400 400 403 403", label="经信局→商务局的项目",
         note="表单只列可关联的项目：colin 选不到商务局的项目（400，填写有误）"),
    Case("projects:funding-edit", "GET", JX_PAGE, ("funding_jx",), label="经信局"),
    Case("projects:funding-edit", "GET", SW_PAGE, ("funding_sw",), label="商务局"),
    Case("projects:funding-edit", "POST", JX_SAVE, ("funding_jx",), label="经信局"),
    Case("projects:funding-edit", "POST", SW_SAVE, ("funding_sw",), label="商务局"),
    Case("projects:enterprises", "GET", READ),
    Case("projects:enterprise-new", "GET", EDIT_PAGE),
    Case("projects:enterprise-new", "POST", NEW_SAVE, note=OWN_DEPT),
    Case("projects:enterprise-edit", "GET", JX_PAGE, ("enterprise_jx",), label="经信局"),
    Case("projects:enterprise-edit", "GET", SW_PAGE, ("enterprise_sw",), label="商务局"),
    Case("projects:enterprise-edit", "POST", JX_SAVE, ("enterprise_jx",), label="经信局"),
    Case("projects:enterprise-edit", "POST", SW_SAVE, ("enterprise_sw",), label="商务局"),
    Case("projects:requests", "GET", READ),
    Case("projects:request-new", "GET", EDIT_PAGE),
    Case("projects:request-new", "POST", NEW_SAVE, note=OWN_DEPT),
    Case("projects:request-edit", "GET", JX_PAGE, ("request_jx",), label="经信局"),
    Case("projects:request-edit", "GET", SW_PAGE, ("request_sw",), label="商务局"),
    Case("projects:request-edit", "POST", JX_SAVE, ("request_jx",), label="经信局"),
    Case("projects:request-edit", "POST", SW_SAVE, ("request_sw",), label="商务局"),
    # --- supervision -----------------------------------------------------------------------------
    Case("supervision:index", "GET", READ, note="单位只列本单位牵头或配合的事项"),
    Case("supervision:task-new", "GET", ASSIGN_PAGE, note="supervision.assign"),
    Case("supervision:task-new", "POST", ASSIGN),
    Case("supervision:task", "GET", "L 200 200 200 403 200 200", ("task_jx",),
         label="经信局", note="经信局牵头、商务局不参与：cora 看到的是拒绝页与原因"),
    Case("supervision:task", "GET", READ, ("task_sw",), label="商务局", note="商务局牵头、经信局配合：两个单位都看得到"),
    Case("supervision:task-edit", "GET", ASSIGN_PAGE, ("task_jx",), label="经信局"),
    Case("supervision:task-edit", "GET", ASSIGN_PAGE, ("task_sw",), label="商务局"),
    Case("supervision:task-edit", "POST", ASSIGN, ("task_jx",), label="经信局"),
    Case("supervision:task-edit", "POST", ASSIGN, ("task_sw",), label="商务局"),
    Case("supervision:task-report", "GET", POST_ONLY, ("task_sw",), label="商务局"),
    Case("supervision:task-report", "POST", "L 403 403 400 403 403 403", ("task_jx",),
         label="经信局 报送进展", note="已申请办结、待审核的事项不能再报送（400）"),
    Case("supervision:task-report", "POST", "L 403 403 302 302 403 403", ("task_sw",),
         label="商务局 报送进展", note="supervision.report：牵头和配合单位"),
    Case("supervision:task-report", "POST", "L 403 403 403 302 403 403", ("task_sw",),
         label="商务局 申请办结", note="supervision.request_close：只有牵头单位"),
    Case("supervision:task-return", "GET", POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervision:task-return", "POST", "L 403 403 403 403 403 302", ("task_jx",),
         label="经信局", note="supervision.close：只有督查"),
    Case("supervision:task-close", "GET", POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervision:task-close", "POST", "L 403 403 403 403 403 302", ("task_jx",), label="经信局"),
    Case("supervision:task-remind", "GET", POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervision:task-remind", "POST", ASSIGN, ("task_jx",), label="经信局"),
    Case("supervision:task-remind", "POST", ASSIGN, ("task_sw",), label="商务局"),
    Case("supervision:attachment", "GET", "L 200 200 200 403 200 200", ("attachment",),
         label="经信局事项的附件", note="附件随事项：看不到事项就拿不到附件"),
    Case("supervision:reminders", "GET", READ, note="只列本人的催办"),
    Case("supervision:reminders-read", "GET", POST_ONLY),
    Case("supervision:reminders-read", "POST", "L 302 302 302 302 302 302", note="只标记本人的"),
    Case("supervision:rules", "GET", READ),
    Case("supervision:rules", "POST", ASSIGN),
    Case("supervision:meetings", "GET", READ),
    Case("supervision:meeting-new", "GET", ASSIGN_PAGE),
    Case("supervision:meeting-new", "POST", ASSIGN),
    Case("supervision:meeting", "GET", READ, ("meeting",), note="各人只见自己可见的事项"),
    Case("supervision:meeting-edit", "GET", ASSIGN_PAGE, ("meeting",)),
    Case("supervision:meeting-edit", "POST", ASSIGN, ("meeting",)),
    Case("supervision:decision-add", "GET", POST_ONLY, ("meeting",)),
    Case("supervision:decision-add", "POST", ASSIGN, ("meeting",)),
    Case("supervision:warnings", "GET", READ),
    Case("supervision:warning-indicator", "GET", POST_ONLY),
    Case("supervision:warning-indicator", "POST", ASSIGN),
    Case("supervision:warning-project", "GET", POST_ONLY),
    Case("supervision:warning-project", "POST", ASSIGN),
    Case("supervision:stats", "GET", READ),
    Case("supervision:overdue-export", "GET", READ),
    Case("supervision:scores", "GET", READ),
    Case("supervision:score-export", "GET", READ, ("year",)),
    Case("supervision:scheme", "GET", READ, ("year",)),
    Case("supervision:scheme", "POST", ASSIGN, ("year",), note="supervision.score"),
    Case("supervision:score-detail", "GET", READ, ("score_year", "department_jx"),
         label="经信局", note="2022年：样例数据所在年份，经信局有得分"),
    # --- audit -----------------------------------------------------------------------------------
    Case("audit:list", "GET", "L 200 200 403 403 200 200", note="audit.read"),
    Case("audit:as-of", "GET", READ, note="ledger.read：某一时点的数字"),
    Case("audit:history", "GET", "L 200 200 403 403 200 200", ("project_type", "project_jx"),
         label="经信局项目"),
    Case("audit:history", "GET", "L 200 200 403 403 403 403", ("report_type", "report_jx"),
         label="经信局草稿", note="变更记录只给看得到对象的人：草稿的记录领导、督查也看不到"),
    # --- notify --------------------------------------------------------------------------------
    Case("notify:settings", "GET", "L 200 403 403 403 403 403", note="org.manage"),
    Case("notify:channel-new", "GET", "L 200 403 403 403 403 403", note="org.manage"),
    Case("notify:channel", "GET", "L 200 403 403 403 403 403", ("channel",), note="org.manage"),
    Case("notify:settle", "GET", POST_ONLY, ("message",)),
    Case("notify:contacts", "GET", "L 200 403 403 403 403 403", note="org.manage"),
    # --- API -------------------------------------------------------------------------------------
    Case("api-root", "GET", API_READ),
    Case("api-schema", "GET", API_READ),
    Case("api-docs", "GET", API_READ),
    Case("api-redoc", "GET", API_READ),
    Case("api-panel", "GET", API_READ, (), "region=东城区&period=2022-02"),
    Case("api-gdp", "GET", API_READ, (), "region=东城区&period=2022-02"),
    Case("region-list", "GET", API_READ),
    Case("region-detail", "GET", API_READ, ("region",)),
    Case("indicator-list", "GET", API_READ),
    Case("indicator-detail", "GET", API_READ, ("indicator_pk",)),
    Case("period-list", "GET", API_READ),
    Case("period-detail", "GET", API_READ, ("period",)),
    Case("observation-list", "GET", API_READ),
    Case("observation-detail", "GET", API_READ, ("observation",)),
    Case("api-observations-as-of", "GET", API_READ, (), "at=2030-01-01"),
    Case("target-list", "GET", API_READ),
    Case("target-detail", "GET", API_READ, ("target",)),
    Case("project-list", "GET", API_READ),
    Case("project-list", "POST", API_NEW, label="经信局", note="新建经信局的项目"),
    Case("project-list", "POST", API_LINK, label="经信局→外区台账",
         note="单位只在本区台账中登记；审核与管理员可代外区登记"),
    Case("project-detail", "GET", API_READ, ("project_jx",), label="经信局"),
    Case("project-detail", "PATCH", API_JX_SAVE, ("project_jx",), label="经信局"),
    Case("project-detail", "PATCH", API_SW_SAVE, ("project_sw",), label="商务局"),
    Case("project-detail", "PATCH", "403 200 200 403 403 403 403", ("project_sw",),
         label="商务局→经信局", note="改牵头单位：colin 不能把商务局的项目改到本单位名下，cora 也不能移交出去"),
    Case("project-months", "GET", API_READ, ("project_jx",), label="经信局"),
    Case("project-months", "POST", API_JX_SAVE, ("project_jx",), label="经信局"),
    Case("project-months", "POST", API_SW_SAVE, ("project_sw",), label="商务局"),
    Case("project-warnings", "GET", API_READ),
    Case("project-closure", "GET", API_READ),
    Case("deal-list", "GET", API_READ),
    Case("deal-list", "POST", API_NEW, label="经信局"),
    Case("deal-list", "POST", API_LINK, label="经信局→商务局的项目",
         note="招商项目与重大项目一一对应：关联别人的项目会挡住对方自己的招商项目"),
    Case("deal-detail", "GET", API_READ, ("deal_jx",), label="经信局"),
    Case("deal-detail", "PATCH", API_JX_SAVE, ("deal_jx",), label="经信局"),
    Case("deal-detail", "PATCH", API_SW_SAVE, ("deal_sw",), label="商务局"),
    Case("funding-list", "GET", API_READ),
    Case("funding-list", "POST", API_NEW, label="经信局"),
    Case("funding-list", "POST", API_LINK, label="经信局→商务局的项目", note=LINK_NOTE),
    Case("funding-detail", "GET", API_READ, ("funding_jx",), label="经信局"),
    Case("funding-detail", "PATCH", API_JX_SAVE, ("funding_jx",), label="经信局"),
    Case("funding-detail", "PATCH", API_SW_SAVE, ("funding_sw",), label="商务局"),
    Case("enterprise-list", "GET", API_READ),
    Case("enterprise-list", "POST", API_NEW, label="经信局"),
    Case("enterprise-detail", "GET", API_READ, ("enterprise_jx",), label="经信局"),
    Case("enterprise-detail", "PATCH", API_JX_SAVE, ("enterprise_jx",), label="经信局"),
    Case("enterprise-detail", "PATCH", API_SW_SAVE, ("enterprise_sw",), label="商务局"),
    Case("request-list", "GET", API_READ),
    Case("request-list", "POST", API_NEW, label="经信局"),
    Case("request-list", "POST", API_LINK, label="经信局→商务局的企业", note=LINK_NOTE),
    Case("request-detail", "GET", API_READ, ("request_jx",), label="经信局"),
    Case("request-detail", "PATCH", API_JX_SAVE, ("request_jx",), label="经信局"),
    Case("request-detail", "PATCH", API_SW_SAVE, ("request_sw",), label="商务局"),
    Case("meeting-list", "GET", API_READ),
    Case("meeting-list", "POST", "403 201 403 403 403 403 201", note="supervision.assign"),
    Case("meeting-detail", "GET", API_READ, ("meeting",)),
    Case("meeting-decisions", "GET", API_POST_ONLY, ("meeting",)),
    Case("meeting-decisions", "POST", "403 200 403 403 403 403 200", ("meeting",)),
    Case("supervised-task-list", "GET", API_READ, note="单位只列本单位牵头或配合的事项"),
    Case("supervised-task-list", "POST", "403 201 403 403 403 403 201"),
    Case("supervised-task-detail", "GET", "403 200 200 200 404 200 200", ("task_jx",),
         label="经信局", note="接口对 cora 隐藏经信局的事项（404），页面给出拒绝原因（403）"),
    Case("supervised-task-detail", "GET", API_READ, ("task_sw",), label="商务局"),
    Case("supervised-task-detail", "PATCH", "403 200 403 403 403 403 200", ("task_jx",),
         label="经信局"),
    Case("supervised-task-detail", "PATCH", "403 200 403 403 403 403 200", ("task_sw",),
         label="商务局"),
    Case("supervised-task-report", "GET", API_POST_ONLY, ("task_sw",), label="商务局"),
    Case("supervised-task-report", "POST", "403 403 403 400 404 403 403", ("task_jx",),
         label="经信局", note="待审核的事项不能报送（400）"),
    Case("supervised-task-report", "POST", "403 403 403 200 200 403 403", ("task_sw",),
         label="商务局"),
    Case("supervised-task-request-closure", "GET", API_POST_ONLY, ("task_sw",), label="商务局"),
    Case("supervised-task-request-closure", "POST", "403 403 403 403 200 403 403", ("task_sw",),
         label="商务局", note="只有牵头单位"),
    Case("supervised-task-return-task", "GET", API_POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervised-task-return-task", "POST", "403 403 403 403 404 403 200", ("task_jx",),
         label="经信局"),
    Case("supervised-task-close", "GET", API_POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervised-task-close", "POST", "403 403 403 403 404 403 200", ("task_jx",), label="经信局"),
    Case("supervised-task-remind", "GET", API_POST_ONLY, ("task_jx",), label="经信局"),
    Case("supervised-task-remind", "POST", "403 200 403 403 404 403 200", ("task_jx",),
         label="经信局"),
    Case("supervised-task-remind", "POST", "403 200 403 403 403 403 200", ("task_sw",),
         label="商务局"),
    Case("supervised-task-events", "GET", "403 200 200 200 404 200 200", ("task_jx",), label="经信局"),
    Case("supervised-task-events", "GET", API_READ, ("task_sw",), label="商务局"),
    Case("score-list", "GET", API_READ),
    Case("score-detail", "GET", API_READ, ("department_jx",), "year=2022", label="经信局"),
    Case("reminder-list", "GET", API_READ, note="只列本人的催办"),
    Case("reminder-read", "GET", API_POST_ONLY),
    Case("reminder-read", "POST", API_READ, note="只标记本人的"),
    # --- admin: a few screens (the back office is Django's, for 系统管理员) ---------------------------
    Case("admin:index", "GET", "L 200 L L L L L", note="系统管理员角色即可进入，不看 is_staff"),
    Case("admin:accounts_user_changelist", "GET", "L 200 L L L L L"),
    Case("admin:ledger_gdpsector_changelist", "GET", "L 200 L L L L L"),
    Case("admin:accounts_department_add", "POST", "L 302 L L L L L", note="新增单位"),
]
# fmt: on

"""What an import did (or, in a dry run, would do), per file, with a Chinese text rendering."""

from __future__ import annotations

from dataclasses import dataclass, field

from econdesk.ledger.importing.errors import ImportProblem, column_letter, sheet_label
from econdesk.ledger.models import ImportBatch
from econdesk.ledger.services.observations import Revision, WriteSummary
from econdesk.ledger.services.targets import TargetSave

# The text rendering lists this many corrections per file; all are in report.revisions.
MAX_RENDERED_REVISIONS = 200


@dataclass
class FileReport:
    """One file: its kind, what was read, and what changed in the ledger."""

    file: str
    kind: str = ""
    sheets: list[str] = field(default_factory=list)
    rows_read: int = 0
    created: int = 0
    revisions: list[Revision] = field(default_factory=list)
    unchanged: int = 0
    kept_blank: int = 0
    targets_created: list[TargetSave] = field(default_factory=list)
    targets_updated: list[TargetSave] = field(default_factory=list)
    targets_unchanged: int = 0
    regions_created: list[str] = field(default_factory=list)
    indicators_created: list[str] = field(default_factory=list)
    aliases_added: list[str] = field(default_factory=list)
    ranking_changed: list[str] = field(default_factory=list)  # 某功能区改为参与排名
    warnings: list[str] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)  # the saved layouts (版式) it was read with
    batch_id: int | None = None

    @property
    def kind_label(self) -> str:
        return ImportBatch.Kind(self.kind).label if self.kind else "未识别"

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.revisions
            or self.targets_created
            or self.targets_updated
            or self.regions_created
            or self.indicators_created
            or self.aliases_added
            or self.ranking_changed
        )

    def add_summary(self, summary: WriteSummary) -> None:
        self.created += summary.created
        self.revisions.extend(summary.revised)
        self.unchanged += summary.unchanged
        self.kept_blank += summary.kept_blank

    def render_lines(self) -> list[str]:
        where = self.file
        if self.sheets:
            where += "（" + "、".join(sheet_label(s) for s in dict.fromkeys(self.sheets)) + "）"
        lines = [f"{where}：{self.kind_label}，读取{self.rows_read}行"]
        lines.extend(f"  按版式“{name}”读取" for name in self.layouts)
        if not self.changed:
            lines.append("  无变化")
        if self.kind == ImportBatch.Kind.TARGETS:
            if self.changed:
                lines.append(
                    f"  目标新增{len(self.targets_created)}条，修改{len(self.targets_updated)}条，"
                    f"未变{self.targets_unchanged}条"
                )
            lines.extend(f"    修改：{t.describe()}" for t in self.targets_updated)
        elif self.changed:
            lines.append(
                f"  新增{self.created}条，更正（新版本）{len(self.revisions)}条，"
                f"未变{self.unchanged}条"
            )
            for revision in self.revisions[:MAX_RENDERED_REVISIONS]:
                lines.append(f"    更正：{revision.describe()}")
            if len(self.revisions) > MAX_RENDERED_REVISIONS:
                lines.append(f"    ……另有{len(self.revisions) - MAX_RENDERED_REVISIONS}条更正")
        if self.kept_blank:
            lines.append(f"  {self.kept_blank}处文件中为空而台账已有数据，保留台账原值")
        if self.regions_created:
            lines.append("  新建地区：" + "、".join(self.regions_created))
        if self.indicators_created:
            lines.append("  新建指标：" + "、".join(self.indicators_created))
        lines.extend(f"  新增别名：{a}" for a in self.aliases_added)
        lines.extend(f"  排名范围：{r}" for r in self.ranking_changed)
        lines.extend(f"  提示：{w}" for w in self.warnings)
        return lines


@dataclass
class ImportReport:
    """All files of one import. `dry_run` means the writes were rolled back."""

    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False
    proposals: list = field(default_factory=list)  # names.Proposal, one per unknown name
    accepted: bool = False  # the proposals were applied (--accept-new, answers, the web page)
    findings: list = field(default_factory=list)  # validation.finding_dict, one per 校验提示
    explanation: str = ""  # what the person importing wrote to confirm figures with findings

    @property
    def changed(self) -> bool:
        return any(f.changed for f in self.files)

    @property
    def created(self) -> int:
        return sum(f.created for f in self.files)

    @property
    def revisions(self) -> list[Revision]:
        return [r for f in self.files for r in f.revisions]

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    def render(self) -> str:
        lines = []
        if self.dry_run:
            lines.append("【试导入】以下为将发生的变化，未写入任何数据。")
        if self.proposals:
            head = "文件中有台账尚未建立的名称，" + (
                "已按以下处理：" if self.accepted and not self.dry_run else "建议如下处理："
            )
            lines.append(head)
            lines.extend(f"  {'（已指定）' if p.answered else ''}{p.describe()}（{p.where}）"
                         for p in self.proposals)  # fmt: skip
            if self.dry_run and not self.accepted:
                lines.append(
                    "  正式导入时加 --accept-new 接受以上建议，或用 --answers 文件逐项指定"
                )
        if self.findings:
            lines.append(
                f"数据校验提示{len(self.findings)}处（提示不阻止导入；确认数据无误的，"
                '正式导入时用 --explain "说明" 写明理由，说明随数据记录）：'
                if self.dry_run or not self.explanation
                else f"数据校验提示{len(self.findings)}处，已按说明确认导入（说明：{self.explanation}）："
            )
            lines.extend(f"  {f['where']}：{f['subject']}：{f['message']}" for f in self.findings)
        for report in self.files:
            lines.extend(report.render_lines())
        if not self.changed:
            lines.append("无变化")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


@dataclass
class ImportOptions:
    """What the person importing said on the command line or the form."""

    region: str | None = None  # the city of a bulletin whose title does not name it
    period: object = None  # a PeriodKey, for a bulletin whose title gives none
    total: str | None = None  # the name of the total row, besides 全市 / 全省 / 全国
    parent: str | None = None  # the parent region under which missing members are created
    layout: str | None = None  # the name of a saved layout (版式) to read the file with


@dataclass
class FileContext:
    """One file being imported: who, with which options, its problems and its report."""

    user: object
    name: str
    sha256: str
    options: ImportOptions
    problems: object  # errors.ProblemList shared by all files of the import
    report: FileReport
    indicators: object  # lookups.IndicatorIndex, built once per import
    names: object = None  # names.NameResolver: unknown names, proposed and (accepted) created

    checks: object = None  # validation.ImportChecks of the whole import, or None

    # (sheet, row, column) of the rows being parsed → where a person finds them in the file
    # (readers.SheetRows.locate), or None when the rows are the file's own.
    locator: object = None

    def __post_init__(self):
        self._problems_before = len(self.problems)

    def locate(self, sheet: str | None, row: int | None, column: str | None) -> tuple:
        if self.locator is None:
            return sheet, row, column
        return self.locator(sheet, row, column)

    def where(self, sheet, row, column) -> str:
        """A place in the file as a warning names it: 工作表“县区指标” 第13行 (no file name)."""
        sheet, row, column = self.locate(sheet, row, column)
        return ImportProblem("", sheet, row, column, "").where().strip()

    def cell(self, sheet, row, index: int | None) -> tuple | None:
        """(sheet, row, column letter) of column ``index`` of a row, as a person finds it."""
        if index is None:
            return None
        return self.locate(sheet, row, column_letter(index))

    def check(self, row, value_index: int | None, growth_index: int | None, sheet, number):
        """Hand a figure read at (sheet, number) to the import's checks, with its cells."""
        if self.checks is not None:
            self.checks.add(
                self,
                row,
                self.cell(sheet, number, value_index) if row.value is not None else None,
                self.cell(sheet, number, growth_index) if row.growth is not None else None,
            )

    def finish(self, writer) -> None:
        """The file's figures are all added: its summary in the report; the writer finished
        now, or after the import's checks (its change record then carries their findings)."""
        self.report.add_summary(writer.summary)
        self.report.batch_id = writer.batch.pk
        if self.checks is not None:
            self.checks.defer(self, writer)
        else:
            writer.finish(rows_read=self.report.rows_read)

    def problem(self, sheet: str | None, row: int | None, column: str | None, message: str):
        self.problems.add(self.name, *self.locate(sheet, row, column), message)

    @property
    def failed(self) -> bool:
        return len(self.problems) > self._problems_before

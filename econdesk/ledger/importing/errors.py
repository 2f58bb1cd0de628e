"""Problems found in an imported file, each pinned to its file, sheet, row and column.

An import collects every problem it finds (up to MAX_PROBLEMS) before refusing, so that staff
can fix a bulletin in one pass instead of one error per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

# Past this many, more problems add nothing a person can act on: the file is the wrong shape.
MAX_PROBLEMS = 50


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (spreadsheet column names, also used for CSV columns)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Place(str):
    """A part of a document that is not a worksheet (表格1, 第2页表格1, 表格1标题): named as it
    is, not as 工作表“…”."""


def sheet_label(sheet: str) -> str:
    return str(sheet) if isinstance(sheet, Place) else f"工作表“{sheet}”"


@dataclass(frozen=True)
class ImportProblem:
    """One problem; sheet is None for a CSV file, row/column None when the whole file is wrong."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(sheet_label(self.sheet))
        position = ""
        if self.row is not None:
            position += f"第{self.row}行"
        if self.column:
            position += f" {self.column}列" if position else f"{self.column}列"
        if position:
            parts.append(position)
        return " ".join(parts)

    def __str__(self) -> str:
        return f"{self.where()}：{self.message}"


class TooManyProblems(Exception):
    """Raised inside a parser when the problem list is full: stop reading this file."""


class ProblemList:
    """Problems of one import, across all its files."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.items: list[ImportProblem] = []
        self.limit = limit
        self.truncated = False

    def add(
        self,
        file: str,
        sheet: str | None,
        row: int | None,
        column: str | None,
        message: str,
    ) -> None:
        if len(self.items) >= self.limit:
            self.truncated = True
            raise TooManyProblems
        self.items.append(ImportProblem(file, sheet, row, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ImportFailed(Exception):
    """The import was refused; nothing was written. `problems` says why, in Chinese."""

    def __init__(self, problems: list[ImportProblem], truncated: bool = False, proposals=()):
        self.problems = list(problems)
        self.truncated = truncated
        self.proposals = list(proposals)  # names.Proposal for each unknown name met
        super().__init__(self.render())

    def render(self) -> str:
        head = f"导入未执行（未写入任何数据），发现{len(self.problems)}处问题"
        if self.truncated:
            head += f"（仅列出前{len(self.problems)}处，其余未再检查）"
        return head + "：\n" + "\n".join(f"  {p}" for p in self.problems)


class FileRefused(Exception):
    """A whole file (or sheet) cannot be read: wrong type, too big, too many rows, unreadable."""

    def __init__(
        self,
        message: str,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ):
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(message)


class FindingsUnexplained(Exception):
    """The import has findings of the checks (校验提示) and no explanation: nothing written.

    `findings` are dicts (importing.validation.finding_dict), each at its file, sheet, row and
    column; the import goes ahead when it is repeated with an explanation.
    """

    def __init__(self, findings: list[dict]):
        self.findings = list(findings)
        super().__init__(self.render())

    def render(self) -> str:
        head = (
            f"导入未执行（未写入任何数据）：数据校验发现{len(self.findings)}处提示。"
            '请核对后修改文件，或确认数据无误并填写说明后再导入（命令行 --explain "说明"）：'
        )
        lines = [f"  {f['where']}：{f['subject']}：{f['message']}" for f in self.findings[:200]]
        if len(self.findings) > 200:
            lines.append(f"  ……另有{len(self.findings) - 200}处")
        return head + "\n" + "\n".join(lines)

"""Forms of the reporting pages; their errors are Chinese, the rules live in services."""

from __future__ import annotations

from django import forms
from django.conf import settings

from econdesk.reporting.services import MAX_EXPLANATION, MAX_TEXT, EstimateEntry

NUMBER_ERRORS = {
    "invalid": "请输入数字。",
    "max_digits": "数字位数过多。",
    "max_decimal_places": "小数位数过多。",
    "max_whole_digits": "整数位数过多。",
}


class EstimateForm(forms.Form):
    """An estimate (value and/or growth) with problems and plans; version is the page's lock."""

    value = forms.DecimalField(
        label="预计累计值",
        required=False,
        max_digits=24,
        decimal_places=6,
        error_messages=NUMBER_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    growth = forms.DecimalField(
        label="预计增速（%）",
        required=False,
        max_digits=12,
        decimal_places=4,
        error_messages=NUMBER_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    problems = forms.CharField(
        label="存在问题",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"存在问题不能超过{MAX_TEXT}字。"},
    )
    plans = forms.CharField(
        label="下阶段工作打算",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"下阶段工作打算不能超过{MAX_TEXT}字。"},
    )
    explanation = forms.CharField(
        label="校验说明（数据校验有提示时，提交审核必填：为何预计数无误）",
        required=False,
        max_length=MAX_EXPLANATION,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"说明不能超过{MAX_EXPLANATION}字。"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicator is not None:
            if indicator.unit:
                self.fields["value"].label = f"预计累计值（{indicator.unit}）"
            if not indicator.value_published:
                # Growth-only series (规上工业增加值 …): the ledger holds no amount for them.
                del self.fields["value"]

    def entry(self) -> EstimateEntry:
        data = self.cleaned_data
        return EstimateEntry(
            value=data.get("value"),
            growth=data.get("growth"),
            problems=data.get("problems", "").strip(),
            plans=data.get("plans", "").strip(),
        )


class ReturnForm(forms.Form):
    """A reviewer sends a report back: the reason is required and shown to the department."""

    reason = forms.CharField(
        label="退回原因",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写退回原因。", "max_length": "退回原因不能超过500字。"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UploadForm(forms.Form):
    """A city bulletin, tidy table or targets file, with the options a bulletin may need."""

    file = forms.FileField(
        label="文件（.xlsx、.xls、.ods、CSV、.docx 或 PDF）",
        error_messages={
            "required": "请选择要导入的文件。",
            "empty": "文件是空的。",
            "invalid": "未收到文件，请重新选择。",
        },
    )
    region = forms.CharField(
        label="城市（月报标题未写明时）", required=False, max_length=64,
        help_text="如：示范市",
    )  # fmt: skip
    period = forms.CharField(
        label="期别（月报标题未写明时）", required=False, max_length=32,
        help_text="如：2022-02 或 2022年1-2月",
    )  # fmt: skip
    total = forms.CharField(
        label="合计行名称", required=False, max_length=64, help_text="全市、全省、全国之外的名称"
    )
    parent = forms.CharField(
        label="上级地区", required=False, max_length=64, help_text="文件中的新地区建在其下"
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ECONDESK_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB。"
            )
        return upload

    def options(self) -> dict:
        return {k: self.cleaned_data.get(k, "").strip() for k in ("region", "period", "total",
                                                                 "parent")}  # fmt: skip


class ConfirmForm(forms.Form):
    """The digest of the preview the reviewer saw; the import must do exactly that. With
    findings of the data checks, the explanation is required (imports.confirm_import)."""

    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    explanation = forms.CharField(
        label="说明（数据校验有提示时必填：为何数据无误，随数据记录）",
        required=False,
        max_length=MAX_EXPLANATION,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"说明不能超过{MAX_EXPLANATION}字。"},
    )

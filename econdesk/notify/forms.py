"""The channel form of the settings page (Chinese labels; secrets are write-only)."""

from django import forms

from econdesk.accounts.models import Department
from econdesk.notify.kinds import EVENT_KINDS
from econdesk.notify.models import ChannelKind

SMS_EXAMPLE = '{"mobile": "{{mobile}}", "content": "{{text}}", "msgid": "{{idempotency_key}}"}'


class ChannelForm(forms.Form):
    name = forms.CharField(label="名称", max_length=64)
    kind = forms.ChoiceField(label="类型", choices=ChannelKind.choices)
    url = forms.CharField(
        label="地址（webhook）", required=False, max_length=1000,
        help_text="机器人的 webhook 地址或短信网关地址；也可写 env:变量名。保存后只显示打码后的地址，修改时留空表示不变。",
    )  # fmt: skip
    secret = forms.CharField(
        label="加签密钥 / 网关密钥", required=False, max_length=500,
        widget=forms.PasswordInput(render_value=False),
        help_text="钉钉机器人“加签”的 SEC… 密钥，或短信网关的密钥（模板中写 {{secret}}）。留空表示不变，填“-”清除。",
    )  # fmt: skip
    keyword = forms.CharField(label="自定义关键词（钉钉）", required=False, max_length=32)
    department = forms.ModelChoiceField(
        label="所属单位的群", required=False, queryset=Department.objects.filter(is_active=True),
        empty_label="（全区，不限单位）",
    )  # fmt: skip
    request_template = forms.CharField(
        label="请求模板（短信网关，JSON）", required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": SMS_EXAMPLE}),
        help_text="可用 {{mobile}} {{text}} {{title}} {{idempotency_key}} {{secret}}。含 {{idempotency_key}} 时，网关可据此去重，中断后可安全重发。",
    )  # fmt: skip
    success_field = forms.CharField(label="成功判断字段", required=False, max_length=64,
                                    help_text="如 code；留空则 HTTP 2xx 即成功")  # fmt: skip
    success_value = forms.CharField(label="成功判断值", required=False, max_length=64)
    per_minute = forms.IntegerField(label="每分钟至多发送", initial=20, min_value=1, max_value=600)
    timeout_seconds = forms.IntegerField(label="超时（秒）", initial=10, min_value=1, max_value=60)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    events = forms.MultipleChoiceField(
        label="订阅的事件", required=False, choices=EVENT_KINDS,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

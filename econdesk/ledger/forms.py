"""The form of the indicators' 红/黄/绿 rules; the service (ledger.services.status_rules) decides."""

from __future__ import annotations

from django import forms

from econdesk.ledger.models import StatusRuleSet

OFF = "留空表示不用这条规则"


class StatusRulesForm(forms.Form):
    red_when_behind_target = forms.BooleanField(
        label="落后同期目标（或同期目标未完成）亮红灯", required=False
    )
    red_when_last = forms.BooleanField(label="排名末位亮红灯", required=False)
    red_below_total_pp = forms.DecimalField(
        label="增速低于全市超过N个百分点亮红灯", required=False, decimal_places=2, help_text=OFF
    )
    yellow_below_total_pp = forms.DecimalField(
        label="增速低于全市超过N个百分点亮黄灯",
        required=False,
        decimal_places=2,
        help_text="填0即低于全市就亮黄灯；" + OFF,
    )
    bottom_part = forms.IntegerField(
        label="排名后N分之一亮黄灯", required=False, help_text="3即后三分之一；" + OFF
    )
    yellow_rank_fell_by = forms.IntegerField(
        label="位次较上期后退N位及以上亮黄灯", required=False, help_text=OFF
    )
    yellow_when_declining = forms.BooleanField(label="增速为负（同比下降）亮黄灯", required=False)
    yellow_behind_benchmark_pp = forms.DecimalField(
        label="落后序时进度超过N个百分点亮黄灯", required=False, decimal_places=2, help_text=OFF
    )
    no_data_color = forms.ChoiceField(label="暂无数据时亮", choices=StatusRuleSet.NoData.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)

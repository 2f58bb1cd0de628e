"""Read shapes of the ledger for other systems."""

from rest_framework import serializers

from econdesk.ledger.models import Indicator, Observation, Period, Region, Target


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "code", "kind", "parent", "ranked", "aliases", "sort_order"]


class IndicatorSerializer(serializers.ModelSerializer):
    lead_department = serializers.StringRelatedField()
    leader = serializers.StringRelatedField()

    class Meta:
        model = Indicator
        fields = [
            "id", "code", "name", "short_name", "aliases", "unit", "frequency", "first_month",
            "price_basis", "value_published", "cumulation", "rank_key", "decimals",
            "growth_decimals", "lead_department", "leader",
        ]  # fmt: skip


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "year", "month", "code", "label", "display_label"]


class ObservationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")
    indicator = serializers.CharField(source="indicator.code")
    period = serializers.CharField(source="period.code")
    source = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id", "region", "indicator", "period", "kind", "value", "growth", "rank", "value_rank",
            "month_value", "month_growth", "version", "is_current", "vintage", "source", "source_ref", "created_at",
        ]  # fmt: skip

    def get_source(self, obs) -> str:
        if obs.batch_id:
            return f"导入：{obs.batch.file_name}"
        if obs.entered_by_id:
            return f"填报：{obs.entered_by}"
        return ""


class TargetSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")
    indicator = serializers.CharField(source="indicator.code")
    period = serializers.CharField(source="period.code")

    class Meta:
        model = Target
        fields = ["id", "region", "indicator", "period", "level", "growth", "value", "rank_goal"]

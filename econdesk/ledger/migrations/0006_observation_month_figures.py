from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0005_observation_value_rank"),
    ]

    operations = [
        migrations.AddField(
            model_name="observation",
            name="month_value",
            field=models.DecimalField(
                blank=True, decimal_places=6, max_digits=24, null=True, verbose_name="当月值"
            ),
        ),
        migrations.AddField(
            model_name="observation",
            name="month_growth",
            field=models.DecimalField(
                blank=True, decimal_places=4, max_digits=12, null=True, verbose_name="当月增速"
            ),
        ),
    ]

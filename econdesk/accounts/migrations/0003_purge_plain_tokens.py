# API tokens move to django-rest-knox (stored as digests, expiring). The tokens of DRF's
# authtoken app were kept in plain text: they are deleted here, so nobody who copied the
# database can use them; owners make new ones on 我的令牌 (docs/reliability.md).

from django.db import migrations


def purge(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_login_attempt"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(purge, migrations.RunPython.noop)]

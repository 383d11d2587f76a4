from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("missing", "0001_initial"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "missing_historicalplacement",
            "missing_historicalmissingepisode",
            "missing_historicalreturninterview",
        )
    ]

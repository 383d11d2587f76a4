from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("nrm", "0001_initial"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "nrm_historicalnrmreferral",
            "nrm_historicalnrmdecision",
            "nrm_historicaldefencenote",
        )
    ]

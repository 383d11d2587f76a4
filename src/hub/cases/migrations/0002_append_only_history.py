from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "cases_historicalcase",
            "cases_historicalcasesubject",
            "cases_historicalcasemember",
            "cases_historicalaction",
            "cases_historicalvoicerecord",
        )
    ]

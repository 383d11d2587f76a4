from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("people", "0002_person_record"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "people_historicalpersonalias",
            "people_historicalpersonidentifier",
            "people_historicalpersonaddress",
            "people_historicalwarningnote",
        )
    ]

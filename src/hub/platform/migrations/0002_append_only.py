from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [
        ("platform", "0001_initial"),
        ("organisations", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [
        append_only(
            "platform_accesslogentry",
            "organisations_historicaluser",
            "organisations_historicalmembership",
            "people_historicalperson",
            "people_historicalpersoninvolvement",
        )
    ]

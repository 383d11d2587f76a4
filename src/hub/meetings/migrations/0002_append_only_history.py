from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "meetings_historicalmeeting",
            "meetings_historicalagendaitem",
            "meetings_historicalsharedinformation",
            "meetings_historicalmeetingdecision",
        )
    ]

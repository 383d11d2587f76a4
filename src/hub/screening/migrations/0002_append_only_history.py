from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial"), ("platform", "0002_append_only")]

    operations = [append_only("screening_historicalscreening")]

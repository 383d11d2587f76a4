from django.db import migrations

from hub.platform.db import append_only


class Migration(migrations.Migration):
    dependencies = [("referrals", "0001_initial"), ("platform", "0002_append_only")]

    operations = [
        append_only(
            "referrals_historicalreferral",
            "referrals_historicalreferralsubject",
            "referrals_historicaltriagedecision",
            "referrals_historicalpartnercheck",
            "referrals_historicaltriagenote",
        )
    ]

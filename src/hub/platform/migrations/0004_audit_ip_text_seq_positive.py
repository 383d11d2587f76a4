from typing import Any

from django.db import migrations, models


def ip_to_text(apps: Any, schema_editor: Any) -> None:
    # host() keeps the address as it was hashed; a plain cast would add a "/32" mask and make
    # every existing row look altered. SQLite already stores the column as text.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE platform_accesslogentry "
            "ALTER COLUMN ip_address TYPE varchar(45) USING host(ip_address)"
        )


class Migration(migrations.Migration):
    dependencies = [("platform", "0003_audit_chain_head_prev_hash")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="accesslogentry",
                    name="ip_address",
                    field=models.CharField(max_length=45, null=True),
                )
            ],
            database_operations=[migrations.RunPython(ip_to_text, migrations.RunPython.noop)],
        ),
        migrations.AddConstraint(
            model_name="accesslogentry",
            constraint=models.CheckConstraint(
                condition=models.Q(seq__gt=0), name="accesslog_seq_positive"
            ),
        ),
    ]

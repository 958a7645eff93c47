from django.db import migrations

from ilot.core.rls import ProtectAuditTable


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_rls_functions"),
        ("audit", "0001_initial"),
    ]
    operations = [ProtectAuditTable()]

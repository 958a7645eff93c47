from django.db import migrations

from ilot.core.rls import ProtectTable


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_rls_functions"),
        ("docai", "0001_initial"),
    ]
    operations = [ProtectTable("docai_documentanalysis")]

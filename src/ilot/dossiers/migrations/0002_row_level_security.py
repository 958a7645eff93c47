from django.db import migrations

from ilot.core.rls import InstallRlsFunctions, ProtectTable


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_rls_functions"),
        ("tenancy", "0001_initial"),
        ("dossiers", "0001_initial"),
    ]
    operations = [
        InstallRlsFunctions(),
        ProtectTable("dossiers_dossier", column="id"),
        ProtectTable("dossiers_participant"),
        ProtectTable("dossiers_invitation"),
        ProtectTable("dossiers_wallcrossing"),
    ]

from django.db import migrations

from ilot.core.rls import InstallRlsFunctions


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []
    operations = [InstallRlsFunctions()]

from django.db import migrations

from ilot.core.rls import ProtectTable


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_row_level_security"),
        ("workflows", "0001_initial"),
    ]
    operations = [
        ProtectTable("workflows_checklistitem"),
        ProtectTable("workflows_task"),
        ProtectTable("workflows_taskcomment"),
        ProtectTable("workflows_dossierfact"),
        ProtectTable("workflows_deadline"),
        ProtectTable("workflows_notification"),
        ProtectTable("workflows_reminderlog"),
    ]

"""The table behind the default cache (settings.CACHES), so that every web process shares one cache.

Sign-in rate limits live in the cache: a limit kept in each process's memory is multiplied by the
number of processes. Creating the table here means `migrate` is the only setup step, wherever the
database is (make demo, make test, CI, production). Django's `createcachetable` would create the
same table and leaves it alone once it exists.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# The same name as CACHES["default"]["LOCATION"] in certify/settings.py.
CACHE_TABLE = "certify_cache"


def create_cache_table(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [
        ("certify", "0007_field_observations"),
    ]

    operations = [
        migrations.RunPython(create_cache_table, drop_cache_table, elidable=False),
    ]

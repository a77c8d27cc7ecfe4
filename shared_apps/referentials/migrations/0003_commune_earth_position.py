from django.db import migrations


class Migration(migrations.Migration):
    """Radius searches start from the communes within the radius (shared_apps.referentials.geo)."""

    dependencies = [("referentials", "0002_french_unaccent")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX commune_earth_position ON referentials_commune USING gist (ll_to_earth(latitude, longitude))",
            "DROP INDEX commune_earth_position",
        ),
    ]

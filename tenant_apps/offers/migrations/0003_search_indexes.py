from django.db import migrations, models


class Migration(migrations.Migration):
    """The search walks the newest published offers commune by commune for the distance order,
    and resolves the radius on the communes (offers.search): the GiST index on positions is
    no longer read."""

    dependencies = [("offers", "0002_expiry_warning")]

    operations = [
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["commune", "-published_at", "-id"],
                name="offer_published_commune",
            ),
        ),
        migrations.RunSQL(
            "DROP INDEX offer_earth_position",
            "CREATE INDEX offer_earth_position ON offers_offer USING gist (ll_to_earth(latitude, longitude))",
        ),
    ]

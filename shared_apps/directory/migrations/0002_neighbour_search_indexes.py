from django.db import migrations, models


class Migration(migrations.Migration):
    """The neighbours' search (offers.search.search_neighbours) reads entries by commune, then
    territory, newest first: that index also serves the lookups by commune, so the foreign
    key's own index goes, and so does the GiST index on positions (the radius is resolved on
    the communes)."""

    dependencies = [("directory", "0001_initial"), ("referentials", "0003_commune_earth_position")]

    operations = [
        migrations.AddIndex(
            model_name="publishedoffer",
            index=models.Index(
                fields=["commune", "territory", "-published_at", "-id"], name="directory_commune_recent"
            ),
        ),
        migrations.AlterField(
            model_name="publishedoffer",
            name="commune",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="referentials.commune",
            ),
        ),
        migrations.RunSQL(
            "DROP INDEX directory_earth_position",
            "CREATE INDEX directory_earth_position ON directory_publishedoffer "
            "USING gist (ll_to_earth(latitude, longitude))",
        ),
    ]

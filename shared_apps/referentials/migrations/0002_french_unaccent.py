from django.db import migrations

# French full-text search that ignores accents: the unaccent dictionary before
# the French stemmer. In the public schema, so every territory's search uses it.
CREATE = """
CREATE TEXT SEARCH CONFIGURATION public.french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION public.french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS public.french_unaccent;"


class Migration(migrations.Migration):
    dependencies = [("referentials", "0001_initial")]

    operations = [migrations.RunSQL(CREATE, DROP)]

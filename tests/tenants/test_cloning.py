"""A new territory's schema is an exact copy of the template's."""

import pytest
from django.conf import settings
from django.db import connection

from tenant_apps.accounts.models import User
from tenants.cloning import CloneError, clone_schema

TEMPLATE = settings.TENANT_BASE_SCHEMA


def catalog(schema: str) -> dict[str, list]:
    """Everything that defines a schema's structure, with the schema's own name masked."""
    queries = {
        "columns": """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE c.relnamespace = %(s)s::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        """,
        "constraints": """
            SELECT c.relname, con.conname, con.contype, con.condeferrable, con.condeferred,
                   replace(pg_get_constraintdef(con.oid), %(s)s || '.', '')
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
            WHERE c.relnamespace = %(s)s::regnamespace AND con.contype <> 'n'
        """,
        "indexes": """
            SELECT i.relname, replace(pg_get_indexdef(i.oid), %(s)s || '.', '')
            FROM pg_class i WHERE i.relnamespace = %(s)s::regnamespace AND i.relkind = 'i'
        """,
        "rows": """
            SELECT 'django_migrations', count(*) FROM {schema}.django_migrations
            UNION ALL SELECT 'django_content_type', count(*) FROM {schema}.django_content_type
            UNION ALL SELECT 'auth_permission', count(*) FROM {schema}.auth_permission
        """,
    }
    result = {}
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql.format(schema=connection.ops.quote_name(schema)), {"s": schema})
            result[name] = sorted(cursor.fetchall(), key=repr)
    return result


def test_the_copy_has_the_template_structure_names_and_rows(db):
    clone_schema(TEMPLATE, "copie")

    copy, template = catalog("copie"), catalog(TEMPLATE)

    assert copy["columns"] == template["columns"]
    assert copy["constraints"] == template["constraints"]
    assert copy["indexes"] == template["indexes"]
    assert copy["rows"] == template["rows"]
    assert any(constraint[2] == "f" for constraint in copy["constraints"])  # foreign keys were copied


def test_the_copy_is_independent_and_its_identity_sequences_follow_the_copied_rows(db):
    clone_schema(TEMPLATE, "copie")
    connection.set_schema("copie")

    user = User.objects.create_user("lea@example.org")  # identity column, own sequence
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.create(app_label="essai", model="essai")

    assert user.pk == 1
    assert content_type.pk == ContentType.objects.exclude(pk=content_type.pk).order_by("-pk")[0].pk + 1
    connection.set_schema(TEMPLATE)
    assert not User.objects.exists()


def test_a_template_with_objects_the_clone_does_not_copy_is_refused(db):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIEW {TEMPLATE}.une_vue AS SELECT 1 AS un")

    with pytest.raises(CloneError, match="relation une_vue"):
        clone_schema(TEMPLATE, "copie")

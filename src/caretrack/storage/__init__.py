"""The SQLite file: connection settings, schema, migrations and mapping to domain objects."""

"""SQLAlchemy tables, the engine and its SQLite settings, migrations and backups."""

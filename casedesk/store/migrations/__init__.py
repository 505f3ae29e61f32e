"""Alembic migrations of the case library schema (a package so wheels and frozen builds ship it)."""

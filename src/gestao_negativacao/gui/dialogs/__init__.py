"""Dialogs of the start-up: first access, login, database connection."""

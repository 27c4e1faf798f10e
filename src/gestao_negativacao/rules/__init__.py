"""Inclusion and removal rules compiled to SQL (DESIGN §4)."""

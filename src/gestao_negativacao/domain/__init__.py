"""Pure Python: enums, value objects, documents, money and dates. Imports nothing above it."""

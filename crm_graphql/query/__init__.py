"""Reads as SQL: composable, parameterised fragments for filters, orders, cursors and
access predicates, and the statements that load pages, records and relations.

This is the one place that writes SQL for reads, on SQLite and PostgreSQL alike.
"""

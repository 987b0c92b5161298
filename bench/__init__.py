"""Benchmarks of the API and their helpers; not tests, not part of the package."""

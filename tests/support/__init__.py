"""Test support: fixtures and helpers shared by test modules (registered in the root conftest.py)."""

# Fixtures shared by every test module, asked for by name (tests/support/fixtures.py).
pytest_plugins = ["tests.support.fixtures"]

# Fixtures shared by every test module, asked for by name (tests/support/).
pytest_plugins = ["tests.support.personas", "tests.support.fixtures"]

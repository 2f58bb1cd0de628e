def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "deploy: production-like smoke tests (gunicorn, PostgreSQL); run in CI, never skipped there",
    )

"""The batch tests' ``calls`` fixture (which files a fake extractor really read), for the end-to-end tests."""

from tests.batch.test_runner import calls  # noqa: F401  (a fixture, used by name)

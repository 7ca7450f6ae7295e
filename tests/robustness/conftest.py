"""Every robustness test starts from a clean folder and fresh settings."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh(fresh_settings):
    """The shared `fresh_settings` for every test of this folder."""

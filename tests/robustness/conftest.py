"""Every robustness test starts from a clean folder and fresh settings."""

from __future__ import annotations

import pytest

from graphbuilder.settings import get_settings


@pytest.fixture(autouse=True)
def fresh_settings(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # a stray .env or store file in the repo must not leak in
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()

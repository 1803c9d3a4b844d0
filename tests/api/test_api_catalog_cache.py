"""Offline catalogue cache on a real filesystem, and the fallback against a stopped central."""

import os

import pytest

from central.testing import TEST_TOKEN
from kiosk.api import CatalogCache, CentralClient, CentralUnavailable, fetch_catalog


def test_save_and_load_round_trip_leaves_no_temp_files(client, tmp_path):
    cache = CatalogCache(tmp_path / "cache" / "catalog.json")
    assert cache.load() is None
    catalog = client.get_catalog()
    cache.save(catalog)
    cache.save(catalog)  # replacing an existing file works too
    assert cache.load() == catalog
    assert os.listdir(tmp_path / "cache") == ["catalog.json"]


def test_corrupt_cache_is_ignored(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text('{"version": "1", "site": ')
    assert CatalogCache(path).load() is None
    path.write_text('{"version": "1"}')
    assert CatalogCache(path).load() is None


def test_fetch_falls_back_to_cache_when_central_is_down(central, settings, tmp_path):
    cache = CatalogCache(tmp_path / "catalog.json")
    with CentralClient(settings, TEST_TOKEN) as client:
        fresh, from_cache = fetch_catalog(client, cache)
        assert from_cache is False
        central.stop()
        cached, from_cache = fetch_catalog(client, cache)
    assert from_cache is True
    assert cached == fresh


def test_fetch_without_cache_reraises(central, settings, tmp_path):
    central.stop()
    with CentralClient(settings.model_copy(update={"retries": 0}), TEST_TOKEN) as client:
        with pytest.raises(CentralUnavailable):
            fetch_catalog(client, CatalogCache(tmp_path / "none.json"))

"""Production's static storage gives the manifest's hashed URLs and works each out once."""

import json

from whitenoise.storage import CompressedManifestStaticFilesStorage

from portal.storage import StaticFilesStorage


def _storage(tmp_path, cls):
    (tmp_path / "css").mkdir(exist_ok=True)
    (tmp_path / "css" / "portal.abc123.css").write_text("body{}")
    manifest = {"paths": {"css/portal.css": "css/portal.abc123.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return cls(location=tmp_path, base_url="/static/")


def test_urls_are_the_manifests_hashed_names(tmp_path):
    ours = _storage(tmp_path, StaticFilesStorage)
    whitenoise = _storage(tmp_path, CompressedManifestStaticFilesStorage)
    for name in ("css/portal.css", "css/portal.css"):
        assert ours.url(name) == whitenoise.url(name) == "/static/css/portal.abc123.css"


def test_a_name_is_looked_up_in_the_manifest_once(tmp_path, monkeypatch):
    storage = _storage(tmp_path, StaticFilesStorage)
    lookups = []
    stored_name = CompressedManifestStaticFilesStorage.stored_name
    monkeypatch.setattr(
        CompressedManifestStaticFilesStorage,
        "stored_name",
        lambda self, name: lookups.append(name) or stored_name(self, name),
    )
    for _ in range(3):
        storage.url("css/portal.css")
    assert lookups == ["css/portal.css"]
    # force=True (collectstatic's post-processing) is never served from the kept URLs.
    storage.url("css/portal.css", force=True)
    assert lookups == ["css/portal.css", "css/portal.css"]


def test_production_settings_use_it():
    from pathlib import Path

    settings_text = (Path(__file__).resolve().parents[2] / "portal" / "settings.py").read_text()
    assert '"portal.storage.StaticFilesStorage"' in settings_text

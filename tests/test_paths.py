"""Every file of the app lives under one folder name, the same on every platform."""
from __future__ import annotations

from loyalty_desk import paths
from loyalty_desk.db.engine import default_database_path


def test_the_database_pictures_and_demo_share_one_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = tmp_path / "data" / paths.APP_NAME
    assert default_database_path() == folder / "loyalty.db"
    assert paths.reward_images_dir().parent == folder == paths.demo_database_file().parent


def test_the_log_lives_in_the_app_log_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.log_file().parent.name in (paths.APP_NAME, "log")
    assert paths.APP_NAME in paths.log_file().parts

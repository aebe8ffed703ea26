"""Audit of the image and video models' reference settings against their model cards (issue 9, §2)."""

from __future__ import annotations

import csv
import shutil

import pytest

from estimator import DataError, estimate
from estimator.data import load_data
from tests.conftest import DATA

# What each card or reference script documents: (frames, fps, clip seconds). Written out here from
# the sources cited in models.csv's notes, so a wrong row in the table makes these tests fail.
DOCUMENTED = {"cogvideox-1.5-5b": (81, 16, 5), "hunyuanvideo": (129, 24, 5), "cogvideox-2b": (49, 8, 6),
              "wan2.1-1.3b": (81, 16, 5), "wan2.1-14b": (81, 16, 5)}


def _with_fps(tmp_path, model_id: str, fps: str, clip_seconds: str | None = None):
    """A copy of data/ whose models.csv gives model_id another ref_fps (and clip length)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "models.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["model_id"] == model_id:
            r["ref_fps"] = fps
            if clip_seconds is not None:
                r["ref_clip_seconds"] = clip_seconds
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


@pytest.mark.parametrize("model_id", sorted(DOCUMENTED))
def test_a_reference_clip_lasts_what_its_model_card_says(model_id):
    frames, fps, clip_s = DOCUMENTED[model_id]
    model = load_data().models[model_id]
    assert (model.ref_frames, model.ref_fps, model.ref_clip_seconds) == (frames, fps, clip_s)
    assert model.ref_frames / model.ref_fps == pytest.approx(model.ref_clip_seconds, abs=0.5)


def test_every_video_model_with_a_documented_length_plays_for_that_length():
    checked = [m for m in load_data().models.values() if m.task == "video" and m.ref_clip_seconds]
    assert {m.model_id for m in checked} >= set(DOCUMENTED)
    for m in checked:
        assert abs(m.ref_frames / m.ref_fps - m.ref_clip_seconds) <= 0.5, m.model_id


def test_a_frame_rate_that_contradicts_the_clip_length_is_refused_in_one_line(tmp_path):
    folder = _with_fps(tmp_path, "cogvideox-1.5-5b", "8")  # the measurement table's old metadata
    with pytest.raises(DataError) as err:
        load_data(folder)
    assert "models.csv" in str(err.value) and "\n" not in str(err.value)


def test_measurement_rows_keep_their_published_metadata():
    with (DATA / "measurements.csv").open(newline="", encoding="utf-8") as f:
        meas = {r["model_id"]: r for r in csv.DictReader(f) if r["use"] == "reference"}
    assert meas["cogvideox-1.5-5b"]["fps"] == "8" and meas["hunyuanvideo"]["fps"] == "15"


@pytest.mark.parametrize("model_id,old_fps", [("cogvideox-1.5-5b", "8"), ("hunyuanvideo", "15"), ("wan2.1-14b", "15")])
def test_a_5_second_clip_now_costs_the_documented_frame_rate_ratio_more(tmp_path, model_id, old_fps):
    """Same seconds, fps × (16/8 or 24/15) more frames: energy × that ratio ^ the video token exponent."""
    new = load_data()
    old = load_data(_with_fps(tmp_path, model_id, old_fps, clip_seconds=""))
    exponent = new.coefficient("video_token_exponent").central
    expected = (DOCUMENTED[model_id][1] / float(old_fps)) ** exponent
    after = estimate(task="video", model=model_id, seconds=5, data=new)
    before = estimate(task="video", model=model_id, seconds=5, data=old)
    assert after.energy_wh.central / before.energy_wh.central == pytest.approx(expected, rel=1e-6)
    assert expected > 1

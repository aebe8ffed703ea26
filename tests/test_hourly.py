"""Offline hourly profiles: the same work at a cleaner hour, with an honest range."""

import shutil

import pytest

from estimator import EstimatorError, estimate, label, load_data
from estimator.hourly import day_curve, hours_for, shape
from tests.conftest import DATA, ROOT


@pytest.fixture(scope="module")
def data(tmp_path_factory, data):
    """The shipped data if it has hourly profiles; else the same data plus a synthetic test profile."""
    if data.profiles:
        return data
    target = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, target)
    shutil.copy(ROOT / "tests" / "fixtures" / "hourly_profiles_fixture.csv", target / "hourly_profiles.csv")
    return load_data(target)


def profiled(data):
    return sorted(data.profiles)


def test_each_profile_averages_to_its_daily_mean(data):
    for zid in profiled(data):
        for season in data.profiles[zid]:
            rel = [h.relative.central for h in shape(zid, season, data)]
            assert sum(rel) / 24 == pytest.approx(1.0)
            assert all(h.relative.low <= h.relative.central <= h.relative.high for h in shape(zid, season, data))


def test_a_cleaner_hour_is_offered_offline_for_profiled_grids(data):
    for zid in profiled(data):
        season = next(iter(data.profiles[zid]))
        lab = label(task="image", region=zid, season=season, hour=None, data=data)
        opt = next((o for o in lab.alternatives if o.alternative_id == "cleaner_hour"), None)
        if opt is None:  # only when no hour is below the annual level — never for a real grid
            pytest.fail(f"no cleaner hour for {zid}")
        rel = min(h.relative.central for h in shape(zid, lab.estimate.scenario.season or season, data))
        assert opt.saved_percent == pytest.approx(100 * (1 - rel), rel=1e-6)
        assert opt.estimate.co2e_g.low < opt.estimate.co2e_g.central < opt.estimate.co2e_g.high


def test_choosing_an_hour_moves_grams_with_the_profile(data):
    zid = profiled(data)[0]
    season = next(iter(data.profiles[zid]))
    hs = shape(zid, season, data)
    cleanest = min(hs, key=lambda h: h.relative.central).hour
    dirtiest = max(hs, key=lambda h: h.relative.central).hour
    low = estimate(task="chat", region=zid, hour=cleanest, season=season, data=data).co2e_g.central
    high = estimate(task="chat", region=zid, hour=dirtiest, season=season, data=data).co2e_g.central
    assert low < high


def test_an_hour_where_no_profile_exists_is_a_clear_error(data):
    missing = next(z for z in data.zones.values() if z.kind == "country" and z.zone_id not in data.profiles)
    with pytest.raises(EstimatorError) as err:
        estimate(task="chat", region=missing.zone_id, hour=3, data=data)
    assert "no hourly data" in err.value.message


def test_the_day_curve_has_24_points(data):
    zid = profiled(data)[0]
    e = estimate(task="image", region=zid, season=next(iter(data.profiles[zid])), data=data)
    curve = day_curve(e, data, hours_for(e, data))
    assert len(curve) == 24
    assert len({round(g.central, 12) for _, g in curve}) > 1


def test_profiles_ship_for_the_promised_grids():
    shipped = load_data()
    assert {"GB", "DE", "FR", "US-CA", "US-TX"} <= set(shipped.profiles)
    for zone, seasons in shipped.profiles.items():
        assert set(seasons) == {"winter", "spring", "summer", "autumn"}, zone


def test_solar_california_is_cleanest_around_midday_and_britain_at_night():
    shipped = load_data()
    ca = min(shape("US-CA", "spring", shipped), key=lambda h: h.relative.central).hour
    gb = min(shape("GB", "winter", shipped), key=lambda h: h.relative.central).hour
    assert 10 <= ca <= 15
    assert gb <= 6

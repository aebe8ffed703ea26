"""The hourly shortcuts give the very numbers of the plain computation (speed only, no change of meaning)."""

import pytest

from estimator import estimate, label, load_data
from estimator.hourly import day_curve, hour_override, hours_for


@pytest.mark.parametrize("kw", [dict(task="image", model="sdxl", count=10, region="FR", season="winter"),
                                dict(task="chat", region="GB", hour=3),
                                dict(task="video", region="US-TX", boundary="gpu", season="summer")])
def test_each_point_of_the_day_curve_is_the_estimate_at_that_hour(kw):
    data = load_data()
    e = estimate(data=data, **kw)
    hours = hours_for(e, data)
    assert len(hours) == 24
    for (when, grams), h in zip(day_curve(e, data, hours), hours):
        direct = estimate(e.scenario, data, grid_override=h.override).co2e_g
        assert when == h.when
        assert (grams.low, grams.central, grams.high) == (direct.low, direct.central, direct.high)


def test_a_repeated_hour_gives_the_same_override_and_label():
    data = load_data()
    zone = data.zones["FR"]
    assert hour_override(zone, 3, "winter", data) == hour_override(zone, 3, "winter", data)
    a = label(task="chat", region="FR", hour=3, season="winter", data=data)
    b = label(task="chat", region="FR", hour=3, season="winter", data=data)
    assert a == b
    assert [o.alternative_id for o in a.alternatives] == [o.alternative_id for o in b.alternatives]

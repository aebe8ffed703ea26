"""Property-based: no input raises anything but the library's own clear error type."""

import math

from hypothesis import given, settings, strategies as st

from estimator import EstimatorError, Scenario, estimate, label

ANY = st.one_of(st.none(), st.text(max_size=15), st.integers(-10**12, 10**12),
                st.floats(allow_nan=True, allow_infinity=True), st.booleans())
FIELDS = list(Scenario.__dataclass_fields__)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), ANY, max_size=5))
def test_estimate_returns_a_sane_range_or_a_clear_error(fields):
    try:
        e = estimate(**fields)
    except EstimatorError as exc:
        assert exc.message and "\n" not in exc.message
        return
    for r in (e.co2e_g, e.energy_wh):
        assert all(math.isfinite(v) for v in (r.low, r.central, r.high))
        assert 0 < r.low <= r.central <= r.high


@settings(max_examples=80, deadline=None)
@given(task=st.sampled_from(["chat", "summarize", "image", "video"]),
       count=st.floats(1, 1e6), region=st.sampled_from(["WORLD", "FR", "PL", "US-TX", "IN", "europe-west1", "us-east-1"]),
       hardware=st.sampled_from(["h100", "a100", "h100-capped", "a100-capped"]),
       boundary=st.sampled_from(["gpu", "server", "datacenter"]))
def test_labels_are_always_complete(task, count, region, hardware, boundary):
    lab = label(task=task, count=count, region=region, hardware=hardware, boundary=boundary)
    assert lab.category in ("lower", "typical", "higher")
    assert all(o.saved_g > 0 for o in lab.alternatives)

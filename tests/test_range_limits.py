"""A range that leaves what a float can hold is a clear error, never a silent inf or 0."""

import math

import pytest

from estimator import EstimatorError
from estimator.uncertainty import Range


@pytest.mark.parametrize("make", [
    lambda: Range.of(1, 1, 1e300, "spread") ** 3,
    lambda: Range.exact(1e200) * Range.exact(1e200),
    lambda: Range.of(1, 2, 3, "x") * 1e308,
    lambda: Range.exact(1e-320).reciprocal(),
    lambda: Range.of(1, 10, 1e300, "x") * Range.of(1, 10, 1e300, "y") * Range.of(1, 10, 1e300, "z"),
])
def test_a_range_that_overflows_raises_a_clear_error(make):
    with pytest.raises(EstimatorError) as exc:
        make()
    assert "computer number" in exc.value.message


@pytest.mark.parametrize("make", [
    lambda: Range.of(1e-300, 1e-300, 1, "x") ** 3,
    lambda: Range.exact(1e-200) * 1e-200,
    lambda: Range.of(1e-200, 1e-200, 1e-200, "x") * Range.of(1e-200, 1e-200, 1e-100, "y"),
    lambda: Range.of(1, 2, 3, "x") ** -1e6,
    lambda: Range.exact(1.0) / 1e308 / 1e308,
])
def test_a_range_that_underflows_to_zero_raises_a_clear_error(make):
    with pytest.raises(EstimatorError) as exc:
        make()
    assert "zero" in exc.value.message


def test_ordinary_range_arithmetic_is_unchanged():
    r = Range.of(1, 2, 4, "x") ** 2
    assert r.central == 4 and r.low == pytest.approx(1) and r.high == pytest.approx(16)
    q = Range.of(1, 2, 4, "x") * Range.exact(3)
    assert (q.low, q.central, q.high) == (3, 6, 12)
    assert all(math.isfinite(v) for v in (Range.of(1, 2, 4, "x").reciprocal()).as_dict().values())

"""Low / central / high values and how they combine.

Every input figure in ``data/`` has a low, central and high value. We read low and high as
the ends of a roughly 90 % interval of a log-normal spread around the central value, and
combine independent inputs by adding their log-spreads in quadrature (first-order
propagation of uncertainty for products; JCGM 100:2008 "GUM", section 5.1, applied to
logarithms). Spreads of the *same* named input are added linearly, because an input used
twice is fully correlated with itself. Each range keeps the named spreads it was built from,
so a result can say which inputs dominate its range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import EstimatorError

# (name, log spread below central, log spread above central)
Part = tuple[str, float, float]


def _merge(a: tuple[Part, ...], b: tuple[Part, ...]) -> tuple[Part, ...]:
    if not a:
        return b
    if not b:
        return a
    merged: dict[str, list[float]] = {name: [down, up] for name, down, up in a}
    for name, down, up in b:
        if name in merged:
            merged[name][0] += down
            merged[name][1] += up
        else:
            merged[name] = [down, up]
    return tuple((name, d, u) for name, (d, u) in merged.items())


def _bounds(central: float, parts: tuple[Part, ...]) -> tuple[float, float]:
    down = up = 0.0
    for _, d, u in parts:
        down += d * d
        up += u * u
    return central * math.exp(-math.sqrt(down)), central * math.exp(math.sqrt(up))


@dataclass(frozen=True)
class Range:
    """A positive quantity with a low, central and high value and the inputs behind its spread."""

    low: float
    central: float
    high: float
    parts: tuple[Part, ...] = ()

    @staticmethod
    def exact(value: float) -> "Range":
        """A value with no uncertainty (a count chosen by the user, a unit conversion)."""
        return Range(value, value, value)

    @staticmethod
    def of(low: float, central: float, high: float, name: str) -> "Range":
        """An input figure from a data row; ``name`` is what it will be called among the drivers."""
        if not (0 < low <= central <= high) or not all(map(math.isfinite, (low, central, high))):
            raise EstimatorError(
                f"invalid range for {name}: low={low}, central={central}, high={high}",
                "values must be finite, positive and ordered low ≤ central ≤ high",
            )
        if low == central == high:
            return Range(low, central, high)
        return Range(low, central, high, ((name, math.log(central / low), math.log(high / central)),))

    @staticmethod
    def _from_parts(central: float, parts: tuple[Part, ...]) -> "Range":
        low, high = _bounds(central, parts)
        return Range(low, central, high, parts)

    def __mul__(self, other: "Range | float | int") -> "Range":
        if isinstance(other, Range):
            if not other.parts:
                factor = other.central
            elif not self.parts:
                return other * self.central
            else:
                return Range._from_parts(self.central * other.central, _merge(self.parts, other.parts))
        else:
            factor = float(other)
        if factor <= 0 or not math.isfinite(factor):
            raise EstimatorError(f"cannot scale a range by {other!r}", "use a positive, finite number")
        return Range(self.low * factor, self.central * factor, self.high * factor, self.parts)

    __rmul__ = __mul__

    def __truediv__(self, other: "Range | float | int") -> "Range":
        if isinstance(other, Range):
            return self * other.reciprocal()
        return self * (1.0 / float(other))

    def reciprocal(self) -> "Range":
        parts = tuple((n, u, d) for n, d, u in self.parts)
        return Range(1.0 / self.high, 1.0 / self.central, 1.0 / self.low, parts)

    def __pow__(self, exponent: float) -> "Range":
        e = float(exponent)
        if e >= 0:
            parts = tuple((n, d * e, u * e) for n, d, u in self.parts)
        else:
            parts = tuple((n, u * -e, d * -e) for n, d, u in self.parts)
        return Range._from_parts(self.central**e, parts)

    def __add__(self, other: "Range") -> "Range":
        """Sum of two ranges; spreads of the same named input move together, others add in quadrature."""
        if not isinstance(other, Range):
            return self.plus(float(other))
        central = self.central + other.central
        absolute: dict[str, list[float]] = {}
        for rng in (self, other):
            for n, d, u in rng.parts:
                a = absolute.setdefault(n, [0.0, 0.0])
                a[0] += rng.central * (1 - math.exp(-d))
                a[1] += rng.central * (math.exp(u) - 1)
        parts = tuple(
            (n, -math.log(max(1 - down / central, math.ulp(1.0))), math.log(1 + up / central))
            for n, (down, up) in absolute.items()
        )
        return Range._from_parts(central, parts)

    def plus(self, offset: float) -> "Range":
        """Add a certain, non-negative amount; each named spread shrinks by the share it still covers."""
        if offset == 0:
            return self
        central = self.central + offset
        parts = tuple(
            (
                n,
                math.log(central / (self.central * math.exp(-d) + offset)),
                math.log((self.central * math.exp(u) + offset) / central),
            )
            for n, d, u in self.parts
        )
        return Range._from_parts(central, parts)

    def drivers(self) -> list[tuple[str, float]]:
        """Named inputs and their share of the range's total log-variance, largest first."""
        weights = [(n, d * d + u * u) for n, d, u in self.parts]
        total = sum(w for _, w in weights)
        if total == 0:
            return []
        return sorted(((n, w / total) for n, w in weights), key=lambda x: -x[1])

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "central": self.central, "high": self.high}

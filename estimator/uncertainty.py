"""Low / central / high values and how they combine.

Every input figure in ``data/`` has a low, central and high value. We read low and high as
the ends of a roughly 90 % interval of a log-normal spread around the central value, and
combine independent inputs by adding their log-spreads in quadrature (first-order
propagation of uncertainty for products; JCGM 100:2008 "GUM", section 5.1, applied to
logarithms). Spreads of the *same* named input are added linearly, because an input used
twice is fully correlated with itself. Each range keeps the named spreads it was built from,
so a result can say which inputs dominate its range.

A part's name carries the data row it came from after ``KEY_SEP`` ("grid carbon intensity|FR"):
two options share an input only if they read the same row, so France's and the world's grid
intensity stay independent although both are "grid carbon intensity" to a reader
(``display_name`` and ``drivers`` drop the key).

Comparing two options (``ratio``): for a shared input X that enters option A as X^a and option B
as X^b, ln(A/B) holds (a − b)·ln X, so its spread in the ratio is the *difference* of the two
spreads (zero when a = b: the same grid, PUE, host power or fit coefficient cancels); inputs used
by one side only keep their spread, and all of them add in quadrature as in a product. The same
option twice therefore has ratio exactly 1 with zero width. tests/test_ratio.py checks this
first-order rule against a Monte Carlo draw of log-normal inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import EstimatorError
from .i18n import N_, Translator

# (name, log spread below central, log spread above central)
Part = tuple[str, float, float]

# separates what a reader sees ("grid carbon intensity") from the data row's key ("FR")
KEY_SEP = "|"


def keyed(name: str, row_key: str) -> str:
    """A part name tied to one data row, so only the same row counts as shared between options."""
    return f"{name}{KEY_SEP}{row_key}"


def display_name(name: str) -> str:
    """The part name without its data-row key, as readers see it."""
    return name.split(KEY_SEP, 1)[0]


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


def _out_of_range(what: str) -> EstimatorError:
    return EstimatorError(f"a calculated range {what} (outside what a computer number can hold)",
                          "an input value or spread is absurdly large or small; check the data and the request")


def _bounds(central: float, parts: tuple[Part, ...]) -> tuple[float, float]:
    down = up = 0.0
    for _, d, u in parts:
        down += d * d
        up += u * u
    try:
        return central * math.exp(-math.sqrt(down)), central * math.exp(math.sqrt(up))
    except OverflowError:  # exp() of a spread of hundreds of e-folds
        raise _out_of_range("spread overflowed to infinity") from None


def _checked(low: float, central: float, high: float, parts: tuple[Part, ...] = (), parts_checked: bool = False
             ) -> "Range":
    """A Range whose bounds are finite and positive: overflow to inf, or underflow to 0, is an error,
    never a silent 0 or inf on a page (a product of ranges can leave the float range; see GUM 5.1)."""
    # one chained comparison per bound: it is False for NaN, 0, negatives and inf alike (this runs for every
    # arithmetic step of every estimate, so it is written for speed)
    if not (0.0 < low < math.inf and 0.0 < central < math.inf and 0.0 < high < math.inf):
        values = (low, central, high)
        if not all(map(math.isfinite, values)):
            raise _out_of_range("overflowed to infinity")
        raise _out_of_range("underflowed to zero")
    if not parts_checked:
        for _, d, u in parts:
            if not (math.isfinite(d) and math.isfinite(u)):
                raise _out_of_range("spread overflowed")
    return Range(low, central, high, parts)


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
        if not math.isfinite(central) or central <= 0:
            raise _out_of_range("overflowed to infinity" if central > 0 else "underflowed to zero")
        if not all(math.isfinite(x) for _, d, u in parts for x in (d, u)):
            raise _out_of_range("spread overflowed")
        low, high = _bounds(central, parts)
        return _checked(low, central, high, parts, parts_checked=True)

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
        return _checked(self.low * factor, self.central * factor, self.high * factor, self.parts)

    __rmul__ = __mul__

    def __truediv__(self, other: "Range | float | int") -> "Range":
        if isinstance(other, Range):
            return self * other.reciprocal()
        return self * (1.0 / float(other))

    def reciprocal(self) -> "Range":
        parts = tuple((n, u, d) for n, d, u in self.parts)
        return _checked(1.0 / self.high, 1.0 / self.central, 1.0 / self.low, parts)

    def __pow__(self, exponent: float) -> "Range":
        e = float(exponent)
        if not math.isfinite(e):
            raise EstimatorError(f"cannot raise a range to the power {exponent!r}", "use a finite exponent")
        try:
            central = self.central**e
        except OverflowError:
            raise _out_of_range("overflowed to infinity") from None
        if e >= 0:
            parts = tuple((n, d * e, u * e) for n, d, u in self.parts)
        else:
            parts = tuple((n, u * -e, d * -e) for n, d, u in self.parts)
        return Range._from_parts(central, parts)

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
        weights: dict[str, float] = {}
        for n, d, u in self.parts:
            weights[display_name(n)] = weights.get(display_name(n), 0.0) + d * d + u * u
        total = sum(weights.values())
        if total == 0:
            return []
        return sorted(((n, w / total) for n, w in weights.items()), key=lambda x: -x[1])

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "central": self.central, "high": self.high}


def ratio(a: Range, b: Range) -> Range:
    """a / b for two options built from partly the same inputs (see the module docstring).

    Parts are stored oriented by the result (how far it moves down, up). For a part in both,
    net = spread in a − spread in b; positive: it moves the ratio as it moves a; negative: as it
    moves 1/b, so down and up swap; zero: it cancels. A part in b only is the negative case.
    Exponents of opposite sign on the two sides are not told apart by stored parts; the
    estimator's formulas never do that (every input enters every option the same way up).
    """
    net: dict[str, list[float]] = {n: [d, u] for n, d, u in a.parts}
    for n, d, u in b.parts:
        s = net.setdefault(n, [0.0, 0.0])
        s[0] -= d
        s[1] -= u
    parts = []
    for n, (down, up) in net.items():
        if down >= 0 and up >= 0:
            part = (n, down, up)
        elif down <= 0 and up <= 0:
            part = (n, -up, -down)
        else:  # asymmetric spreads pulling opposite ways: keep the wider side both ways
            wide = max(abs(down), abs(up))
            part = (n, wide, wide)
        if part[1] or part[2]:
            parts.append(part)
    central = a.central / b.central
    if not parts:
        return Range(central, central, central)
    return Range._from_parts(central, tuple(parts))


# ---------------------------------------------------------------- the drivers' names in the reader's language

# Every input name a range is built from (data rows and fitted coefficients), for the catalogues; names built
# from a row id ("size of gpt-5") are worded in driver_words. Unknown names stay as they are.
DRIVER_NAMES = (
    N_("attention layer share"), N_("batch1 bandwidth efficiency"), N_("batch1 prefill flops efficiency"),
    N_("context growth (KV-cache reads)"), N_("datacenter PUE"), N_("decode byte share"),
    N_("decode concurrency large batch"), N_("decode concurrency low load"), N_("diffusion self hosted factor"),
    N_("diffusion serving factor"), N_("fit reference context tokens"), N_("gpu draw w batch1"),
    N_("gpu draw w diffusion"), N_("gpu draw w llm"), N_("gpu embodied kg"), N_("grid carbon intensity"),
    N_("hardware energy factor"), N_("hardware lifetime years"), N_("hardware runtime factor"),
    N_("hardware utilisation"), N_("host embodied kg per gpu"), N_("host power w per gpu"), N_("host time factor"),
    N_("idle capacity share"), N_("image pixel exponent"), N_("kv cache bytes ratio 8b"),
    N_("per-token energy fit (model-to-model scatter)"), N_("precision energy factor (bytes per weight)"),
    N_("prefill to decode energy ratio"), N_("requests served per model"), N_("resolution scaling exponent"),
    N_("tokens per word"), N_("training emissions"), N_("video length/resolution scaling exponent"),
    N_("video token exponent"), N_("hour-of-day variation"), N_("published saving"),
    N_("tokens estimated from text length"),
)


def driver_words(name: str, t: Translator | None = None, data=None) -> str:
    """One input's name as a reader sees it among the drivers ("grid carbon intensity", « intensité carbone du
    réseau électrique »); ``data`` names a model by its published name instead of its id."""
    from .i18n import translator

    t = t or translator("en")
    name = display_name(name)
    if t.lang == "en":  # the English page, the CLI and the JSON keep the input's own name
        return name

    def model(mid: str) -> str:
        m = data.models.get(mid) if data is not None else None
        if m is None:
            return mid
        suffix = " (size estimated)"  # as estimator.present.model_name words it (this module imports nothing of ours)
        return m.name[: -len(suffix)] + t._(" (size estimated)") if m.name.endswith(suffix) else m.name

    if name.startswith("size of "):
        return t._("size of {model}", model=model(name[len("size of "):]))
    if name.startswith("reference energy of "):
        return t._("reference energy of {model}", model=model(name[len("reference energy of "):]))
    if name.startswith("equivalence factor "):
        key = name[len("equivalence factor "):]
        eq = data.equivalents.get(key) if data is not None else None
        if eq is not None:
            from .i18n.names import equivalent_label

            return t._("equivalence factor ({equivalent})", equivalent=equivalent_label(eq, 2, t))
        return t._("equivalence factor ({equivalent})", equivalent=key)
    if name == "image size fit (model-to-model scatter)":
        return t._("image size fit (model-to-model scatter)")
    if name == "video size fit (model-to-model scatter)":
        return t._("video size fit (model-to-model scatter)")
    return t._(name)

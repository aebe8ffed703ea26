"""The one error type the library raises on bad input or bad data, and how its messages write numbers."""

import math


class EstimatorError(ValueError):
    """A clear, user-facing problem: bad input, unknown id, or an invalid data table.

    ``message`` says what is wrong in one line; ``hint`` says what to do instead.
    """

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class DataError(EstimatorError):
    """A data table failed validation: names the file, row and column."""


def plain_number(value: float) -> str:
    """A number as people write it in a message: 1,000,000,000 (not 1e+09), 0.0625, 12.5."""
    v = float(value)
    if not math.isfinite(v):
        return str(v)
    if abs(v) > 1e15 or (v != 0 and abs(v) < 1e-4):
        return f"{v:.3g}"  # beyond the everyday range: only reachable by typing an exponent
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")

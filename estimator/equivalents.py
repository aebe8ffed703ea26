"""Everyday equivalents: the same grams or watt-hours as miles driven, phone charges, …"""

from __future__ import annotations

from dataclasses import dataclass

from .data import DataBundle, Equivalent
from .i18n import Translator
from .uncertainty import Range

# A number reads well between these bounds ("0.3 phone charges", "120 searches"), per the brief.
READABLE_MIN = 0.1
READABLE_MAX = 1000


@dataclass(frozen=True)
class EquivalentValue:
    equivalent: Equivalent
    amount: Range

    @property
    def label(self) -> str:
        e = self.equivalent
        return e.label_singular if 0.95 <= self.amount.central < 1.05 else e.label_plural

    def label_in(self, t: Translator | None = None) -> str:
        """The label in the reader's language, in the plural form its central amount takes there (English: label)."""
        if t is None or t.lang == "en":
            return self.label
        from .i18n.names import equivalent_label

        return equivalent_label(self.equivalent, self.amount.central, t)


def equivalent_amount(co2e_g: Range, energy_wh: Range, eq: Equivalent) -> Range:
    """Units of the everyday thing = grams / (grams per unit), or Wh / (Wh per unit)."""
    quantity = co2e_g if eq.basis == "co2e" else energy_wh
    return quantity / eq.per_unit


def all_equivalents(co2e_g: Range, energy_wh: Range, data: DataBundle) -> list[EquivalentValue]:
    """Every equivalent in data/equivalents.csv, in display-priority order."""
    eqs = sorted(data.equivalents.values(), key=lambda e: e.display_priority)
    return [EquivalentValue(e, equivalent_amount(co2e_g, energy_wh, e)) for e in eqs]


def best_equivalents(values: list[EquivalentValue], how_many: int = 3) -> list[EquivalentValue]:
    """The first ``how_many`` by priority whose central value reads well (0.1 to 1,000 units).

    The km row repeats the miles row, so only one of the two car rows is picked.
    """
    picked: list[EquivalentValue] = []
    families: set[str] = set()
    for v in values:
        family = v.equivalent.equivalent_id.split("_")[0]
        if READABLE_MIN <= v.amount.central <= READABLE_MAX and family not in families:
            picked.append(v)
            families.add(family)
        if len(picked) == how_many:
            break
    return picked


# When one request is too small for any comparison to read well, scale up by these steps
# ("1,000 such queries ≈ 3 phone charges"), as a teacher would.
SCALE_STEPS = (1, 1_000, 1_000_000)


def readable_equivalents(co2e_g, energy_wh, data: DataBundle, how_many: int = 3) -> tuple[int, list[EquivalentValue]]:
    """(multiplier, equivalents): the smallest multiplier at which some equivalent reads well."""
    for scale in SCALE_STEPS:
        picked = best_equivalents(all_equivalents(co2e_g * scale, energy_wh * scale, data), how_many)
        if picked:
            return scale, picked
    return 1, []

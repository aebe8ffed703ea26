"""Accounting basis: the figures a provider or cloud region publishes beside our location-based headline.

The headline is always location-based: energy × what the grid emits where the work runs (§1.5 of
METHODOLOGY.md). Two other bases are shown beside it, never instead of it, and only where
``data/market_factors.csv`` has a published figure for the estimate's region:

- **market**: what the provider reports after counting its renewable-energy contracts and certificates.
  Providers publish it company-wide, not per region, as scope 2 totals; we use their ratio
  market-based ÷ location-based and apply it to this request's location-based figure.
- **hourly_cfe** (24/7 carbon-free-energy view): a cloud region's published share of consumption matched
  hour by hour with carbon-free power; the remaining hours are counted at the grid's intensity:
  grid × (1 − CFE share).

These figures are annual. A headline at a live reading or an hour of the day gets none (an annual share
applied to one hour would mix two time bases). Nothing here changes ``estimate.estimate``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .data import DataBundle, MarketFactor, Source, load_data
from .estimate import Estimate
from .i18n import Translator, translator
from .i18n.names import zone_name
from .uncertainty import Range

LOCATION = "location"  # the default basis, always the headline
BASIS_ORDER = ("market", "hourly_cfe")  # the order other bases are listed in


@dataclass(frozen=True)
class Span:
    """low ≤ central ≤ high that may reach 0 (a Range cannot: a fully clean hour emits nothing)."""

    low: float
    central: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "central": self.central, "high": self.high}


@dataclass(frozen=True)
class BasisFigure:
    """One other-basis figure for an estimate, beside its location-based headline."""

    basis: str  # market | hourly_cfe
    label: str  # "market-based as reported by Microsoft (FY2021)"
    intensity_g_per_kwh: Span
    co2e_g: Span  # total, same boundary and count as the headline
    factor: MarketFactor
    explanation: str  # one sentence: why it differs from location-based

    @property
    def source(self) -> Source:
        return self.factor.source


def factor_span(f: MarketFactor) -> Span:
    return Span(f.low, f.central, f.high)


def remaining_share(cfe_share: Span) -> Span:
    """Share of consumption NOT matched hourly with carbon-free power: 1 − CFE (the ends swap)."""
    return Span(1.0 - cfe_share.high, 1.0 - cfe_share.central, 1.0 - cfe_share.low)


def scaled(r: Range | Span, factor: Span) -> Span:
    """r × factor, end by end (low × low, high × high): both positive, so the product's ends are these;
    wider than adding log-spreads in quadrature, which is the cautious side for a figure beside the headline."""
    return Span(r.low * factor.low, r.central * factor.central, r.high * factor.high)


def market_intensity_g_per_kwh(location_g_per_kwh: Range, market_to_location: Span) -> Span:
    """Market-based intensity [g/kWh] = location-based × the provider's reported market ÷ location ratio."""
    return scaled(location_g_per_kwh, market_to_location)


def cfe_view_intensity_g_per_kwh(grid_g_per_kwh: Range, cfe_share: Span) -> Span:
    """24/7 CFE view [g/kWh] = grid intensity × (1 − hourly CFE share): clean hours count 0, the others the grid
    average (a judgement: power in unmatched hours is likely dirtier than the average, so this leans low)."""
    return scaled(grid_g_per_kwh, remaining_share(cfe_share))


def factors_for(e: Estimate, data: DataBundle) -> list[MarketFactor]:
    """Published factors that apply to the estimate's region: its own hourly CFE row, its provider's market row."""
    zone = e.zone
    out = [f for f in data.market_factors
           if (f.basis == "hourly_cfe" and f.applies_to == zone.zone_id)
           or (f.basis == "market" and zone.provider and f.applies_to == zone.provider)]
    return sorted(out, key=lambda f: BASIS_ORDER.index(f.basis))


def explanation(f: MarketFactor, t: Translator | None = None) -> str:
    """One sentence on why this basis differs from location-based."""
    t = t or translator("en")
    if f.basis == "market":
        if f.central < 1:
            return t._("Market-based accounting counts the renewable-energy contracts and certificates {provider} "
                       "buys over a year, wherever and whenever that power was made, so it comes out lower than what "
                       "the grid emits where and when the work runs, which is what the location-based figure counts.",
                       provider=f.provider_name)
        return t._("Market-based accounting counts the renewable-energy contracts and certificates {provider} buys "
                   "over a year, wherever and whenever that power was made, so it comes out higher (the grid's power "
                   "left after others' contracts is dirtier than its average) than what the grid emits where and "
                   "when the work runs, which is what the location-based figure counts.", provider=f.provider_name)
    return t._("{provider} matched {matched} of this region's {year} consumption hour by hour with carbon-free power, "
               "so this view counts only the other {rest} at the grid's average, while the location-based figure "
               "counts all of it at what the grid emits (an annual 100 % renewable claim would not clean the "
               "unmatched hours).", provider=f.provider_name, matched=t.percent(100 * f.central),
               rest=t.percent(100 * (1 - f.central)), year=f.data_year)


def basis_label(f: MarketFactor, t: Translator | None = None) -> str:
    t = t or translator("en")
    if f.basis == "market":
        return t._("market-based as reported by {provider} ({year})", provider=f.provider_name, year=f.data_year)
    return t._("24/7 carbon-free-energy view from {provider} ({year})", provider=f.provider_name, year=f.data_year)


def explanation_words(b: "BasisFigure", t: Translator | None = None) -> str:
    """The one-sentence reason for an other-basis figure, in the reader's language."""
    return explanation(b.factor, t)


def basis_figure(e: Estimate, f: MarketFactor) -> BasisFigure:
    """The estimate's energy counted on the factor's basis: the headline's grams scaled like its intensity."""
    share = factor_span(f)
    if f.basis == "market":
        intensity, ratio = market_intensity_g_per_kwh(e.intensity_g_per_kwh, share), share
    else:
        intensity, ratio = cfe_view_intensity_g_per_kwh(e.intensity_g_per_kwh, share), remaining_share(share)
    return BasisFigure(f.basis, basis_label(f), intensity, scaled(e.co2e_g, ratio), f, explanation(f))


def alternative_bases(e: Estimate, data: DataBundle | None = None) -> list[BasisFigure]:
    """Other-basis figures published for this estimate's region, in BASIS_ORDER; empty when none is published
    or when the headline uses a live or hour-of-day intensity (these figures are annual)."""
    if e.grid_override is not None:
        return []
    data = data or load_data()
    return [basis_figure(e, f) for f in factors_for(e, data)]


def nothing_published_words(e: Estimate, t: Translator | None = None) -> str:
    """What to say when no other basis is shown, so its absence is never read as 'the same'."""
    t = t or translator("en")
    if e.grid_override is not None:
        return t._("Location-based only: published market-based and hourly clean-energy figures are annual, and this "
                   "result uses the grid at one time.")
    where = zone_name(e.zone, t)
    if e.zone.provider:  # a cloud region: the provider may report company-wide totals we have not sourced yet
        return t._("Location-based only: no market-based factor or hourly carbon-free-energy share for {region} is "
                   "published per region or sourced in this tool's data yet.", region=where)
    return t._("Location-based only: no provider publishes a market-based factor or hourly carbon-free-energy share "
               "for {region} (a grid, not a cloud region).", region=where)

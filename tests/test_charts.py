"""The charts' Vega-Lite specs: the chosen hour is marked, and every colour reads on its theme's background."""

from __future__ import annotations

import json

import pytest

from pages import components as c
from tests.app_helpers import open_page
from tests.browser import WCAG_AA_TEXT, contrast


def specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def layers(spec: dict):
    for layer in spec.get("layer", []):
        yield layer
        yield from layers(layer)


def marked_hours(spec: dict) -> list[int]:
    """Hours that a layer of the chart marks on its own (its own one-row data with a 'Your hour' label)."""
    out = []
    for layer in layers(spec):
        for row in layer.get("data", {}).get("values", []):
            if str(row.get("label", "")).startswith("Your hour"):
                out.append(row["hour_of_day"])
    return out


@pytest.mark.parametrize("region", ["GB", "FR"])
def test_the_day_curve_marks_the_chosen_hour(region):
    at = open_page("estimate", {"task": "chat", "region": region, "hour": "3"})
    assert not at.exception
    assert "When is it cleaner?" in [h.value for h in at.header]
    assert [h for s in specs(at) for h in marked_hours(s)] == [3]
    assert any("hour you chose, 03:00" in cap.value for cap in at.caption)


def test_the_day_curve_marks_no_hour_when_none_is_chosen():
    at = open_page("estimate", {"task": "chat", "region": "GB"})
    assert "When is it cleaner?" in [h.value for h in at.header]
    assert [h for s in specs(at) for h in marked_hours(s)] == []


def hex_rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(float(int(colour[i:i + 2], 16)) for i in (0, 2, 4))


def text_colours(spec: dict) -> list[str]:
    """Colours the chart draws words with: text marks and the axis labels and titles."""
    axis = spec["config"]["axis"]
    out = [axis["labelColor"], axis["titleColor"], spec["config"]["text"]["color"]]
    out += [layer["mark"]["color"] for layer in layers(spec)
            if isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "text"]
    return out


@pytest.mark.parametrize("kind", ["light", "dark"])
def test_every_word_of_every_chart_reads_on_its_theme(kind, monkeypatch, data):
    monkeypatch.setattr(c, "theme_kind", lambda: kind)
    background = hex_rgb(c.chart_palette(kind)["background"])
    rows, unit = c.bar_rows([("A: x · France (FR)", "d", c.label(task="chat", data=data).estimate.co2e_g)])
    charts = {"bars": c.error_bar_chart(rows, unit), "big bars": c.error_bar_chart(rows, unit, big=True),
              "range": c._range_bar_template(kind), "day": c._day_curve_template(kind)}
    for name, spec in charts.items():
        for colour in text_colours(spec):
            assert contrast(hex_rgb(colour), background) >= WCAG_AA_TEXT, (name, kind, colour)


def test_every_chart_is_a_valid_vega_lite_spec(data, monkeypatch):
    """The specs are plain dicts now, so nothing checks them at run time: the Vega-Lite schema does it here."""
    alt = pytest.importorskip("altair")
    lab = c.label(task="image", region="FR", hour=3, data=data)
    rows, unit = c.bar_rows([(o.label, o.change, o.estimate.co2e_g) for o in lab.alternatives])
    for kind in ("light", "dark"):
        monkeypatch.setattr(c, "theme_kind", lambda: kind)
        for spec in (c.error_bar_chart(rows, unit), c.error_bar_chart(rows, unit, big=True),
                     c._filled(c._range_bar_template(kind), [{"low": 1.0, "central": 2.0, "high": 3.0}]),
                     c._filled(c._day_curve_template(kind), [{"hour_of_day": 3, "low": 1.0, "central": 2.0, "high": 3.0}],
                               c._chosen_hour_layers(kind, {"hour_of_day": 3, "central": 2.0, "label": "Your hour"}))):
            alt.LayerChart.from_dict(spec, validate=True)  # raises on any property Vega-Lite does not know

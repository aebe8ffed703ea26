"""The field's reference library beside ours on the LLM rows of data/validation.csv: `make bench-ecologits`.

Bench only: EcoLogits is the optional extra ``bench`` in pyproject.toml, never a runtime or test dependency.
For every chat row with a catalogue model and a published output length, this prints the published figure, our
central estimate (bench/run.py's comparison, at the row's boundary) and EcoLogits' figure at the same boundary,
with both ratios, then a summary over the rows where both exist.

How EcoLogits is called (its public functions, offline: the model and electricity-mix data ship with the package):
``ecologits.impacts.llm.compute_llm_impacts_dag`` — the step-by-step form of ``compute_llm_impacts`` — with the
row's model size (our catalogue's active and total parameters, low and high; for closed models these are
EcoLogits' own estimates), the row's output tokens, the precision's bits (EcoLogits uses them only to count GPUs)
and the WORLD mix (zone ``WOR``). Its energy is compared at the row's boundary only where it has one:
- gpu: GPUs needed × per-GPU energy (its ``gpu_required_count`` × ``gpu_energy``);
- server: its IT energy (``request_it_energy``: GPU energy plus a share of the 8-GPU server's 1.2 kW), PUE 1;
- datacenter: IT energy × the PUE EcoLogits assigns to the model's provider (its ``PROVIDER_CONFIG_MAP``).
EcoLogits counts server × PUE at a fixed batch of 64 and has no idle capacity, serving mode or context length:
fleet and lifecycle rows are not comparable and are skipped.
"""

from __future__ import annotations

import importlib.util
import math
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from estimator import load_data  # noqa: E402

# Bits per weight of each precision name in validation.csv (a definition, not a coefficient).
PRECISION_BITS = {"fp32": 32, "fp16": 16, "bf16": 16, "fp8": 8, "mxfp4": 4, "int4": 4}
COMPARABLE_BOUNDARIES = ("gpu", "server", "datacenter")
KWH_TO_WH = 1000


def _bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ecologits_unavailable() -> str | None:
    """Why EcoLogits cannot be used here, in one line; None when it can."""
    try:
        import ecologits  # noqa: F401
        from ecologits.electricity_mix_repository import electricity_mixes
        from ecologits.impacts.llm import compute_llm_impacts_dag  # noqa: F401
    except ImportError as exc:
        return (f"EcoLogits is not installed ({exc.name or exc}): run `make bench-ecologits`, which installs the "
                "optional extra `bench` into .venv")
    if electricity_mixes.find_electricity_mix(zone="WOR") is None:
        return "EcoLogits has no WORLD electricity mix (zone WOR) in this version"
    return None


def _value(x) -> tuple[float, float]:
    """(min, max) of an EcoLogits float or RangeValue."""
    return (x.min, x.max) if hasattr(x, "min") else (x, x)


def _provider_pue(model_id: str):
    """The PUE EcoLogits assigns to the provider that serves ``model_id`` (its own repository and config)."""
    from ecologits.model_repository import models
    from ecologits.tracers.utils import PROVIDER_CONFIG_MAP

    provider = next((p for p in PROVIDER_CONFIG_MAP if models.find_model(provider=p, model_name=model_id)),
                    "huggingface_hub")
    return provider, PROVIDER_CONFIG_MAP[provider].datacenter_pue


def ecologits_energy_wh(model, output_tokens: int, precision: str, boundary: str) -> tuple[float, float, str]:
    """EcoLogits' energy per request [Wh] at ``boundary`` as (low, high) over the model's size range, and a note."""
    from ecologits.electricity_mix_repository import electricity_mixes
    from ecologits.impacts.llm import compute_llm_impacts_dag

    mix = electricity_mixes.find_electricity_mix(zone="WOR")
    provider, pue = _provider_pue(model.model_id) if boundary == "datacenter" else ("", 1.0)
    bits = PRECISION_BITS.get(precision, 16)
    lows, highs = [], []
    sizes = {(model.active_params_b.low, model.total_params_b.low), (model.active_params_b.high, model.total_params_b.high)}
    for active, total in sizes:
        r = compute_llm_impacts_dag(
            model_active_parameter_count=active, model_total_parameter_count=total, output_token_count=output_tokens,
            request_latency=math.inf, if_electricity_mix_adpe=mix.adpe, if_electricity_mix_pe=mix.pe,
            if_electricity_mix_gwp=mix.gwp, if_electricity_mix_wue=mix.wue, datacenter_pue=pue, datacenter_wue=0.0,
            model_quantization_bits=bits)
        kwh = {"gpu": r["gpu_energy"] * r["gpu_required_count"], "server": r["request_it_energy"],
               "datacenter": r["request_energy"]}[boundary]
        lo, hi = _value(kwh)
        lows.append(lo * KWH_TO_WH)
        highs.append(hi * KWH_TO_WH)
    note = f"{bits}-bit, batch 64" + (f", PUE of {provider} {_value(pue)[0]:g}–{_value(pue)[1]:g}"
                                      if boundary == "datacenter" else "")
    return min(lows), max(highs), note


def _geo_mid(low: float, high: float) -> float:
    return math.sqrt(low * high)


def comparison_rows(data=None) -> list[dict]:
    """Per LLM validation row: published, ours (central, inside?) and EcoLogits (range and its midpoint), ratios."""
    data = data or load_data()
    out = []
    for r in _bench_run().validation_results(data):
        if r["task"] != "chat" or r["status"] == "no catalogue model":
            continue
        row = dict(id=r["validation_id"], boundary=r["boundary"], precision=r["precision"] or "—",
                   published=r["energy_wh_per_item"], ours=None, ours_inside=None, ours_status=r["status"],
                   eco_low=None, eco_high=None, eco=None, eco_note="")
        if r["status"] == "compared":
            row.update(ours=r["central"], ours_inside=r["inside"])
        elif r["forced"]:
            row["ours_today"] = r["forced"] * r["energy_wh_per_item"]
        if r["boundary"] not in COMPARABLE_BOUNDARIES or r["energy_wh_per_item"] is None:
            row["eco_note"] = f"not comparable: EcoLogits has no {r['boundary']} boundary"
        elif r["output_tokens"] is None:
            row["eco_note"] = "output length not published: EcoLogits needs it"
        else:
            lo, hi, note = ecologits_energy_wh(data.models[r["model_id"]], r["output_tokens"], r["precision"],
                                               r["boundary"])
            row.update(eco_low=lo, eco_high=hi, eco=_geo_mid(lo, hi), eco_note=note,
                       eco_inside=lo <= r["energy_wh_per_item"] <= hi)
        out.append(row)
    return out


def _factor(ratio: float) -> float:
    return max(ratio, 1 / ratio)


def _stats(name: str, factors: list[float], inside: list[bool]) -> list[str]:
    if not factors:
        return [name, "0", "—", "—", "—", "—"]
    return [name, str(len(factors)), f"{sum(inside) / len(inside):.0%}", f"×{statistics.median(factors):.2f}",
            f"×{max(factors):.2f}", str(sum(f > 3 for f in factors))]


def report() -> str:
    why = ecologits_unavailable()
    if why:
        return "EcoLogits comparison skipped: " + why
    import ecologits

    table_rows, ours_f, ours_in, eco_f, eco_in, today_f, eco_all_f, eco_all_in = [], [], [], [], [], [], [], []
    for c in comparison_rows():
        ours = c["ours"] if c["ours"] is not None else c.get("ours_today")
        ours_txt = (f"{ours:.4g}" + ("" if c["ours"] is not None else " (today, not modelled yet)")) if ours else "—"
        eco_txt = f"{c['eco']:.4g} ({c['eco_low']:.3g}–{c['eco_high']:.3g})" if c["eco"] else "—"
        pub = c["published"]
        table_rows.append([c["id"], c["boundary"], c["precision"], f"{pub:.4g}" if pub else "—", ours_txt,
                           f"{ours / pub:.2f}" if ours and pub else "—", eco_txt,
                           f"{c['eco'] / pub:.2f}" if c["eco"] else "—", c["eco_note"]])
        if c["eco"]:
            eco_all_f.append(_factor(c["eco"] / pub))
            eco_all_in.append(c["eco_inside"])
            if c["ours"] is not None:  # the same rows for both libraries
                ours_f.append(_factor(c["ours"] / pub))
                ours_in.append(c["ours_inside"])
                eco_f.append(_factor(c["eco"] / pub))
                eco_in.append(c["eco_inside"])
            elif c.get("ours_today"):
                today_f.append(_factor(c["ours_today"] / pub))
    run = _bench_run()
    summary = [_stats("ours, rows compared at their conditions", ours_f, ours_in),
               _stats("EcoLogits, the same rows", eco_f, eco_in),
               _stats("EcoLogits, every comparable LLM row", eco_all_f, eco_all_in)]
    if today_f:
        summary.append([f"ours today on the {len(today_f)} rows not modelled yet", str(len(today_f)), "—",
                        f"×{statistics.median(today_f):.2f}", f"×{max(today_f):.2f}", str(sum(f > 3 for f in today_f))])
    return (f"Published vs ours vs EcoLogits {ecologits.__version__} on the LLM rows of data/validation.csv "
            "(Wh per request at the row's boundary; EcoLogits: midpoint and range over the model's size range, "
            "WORLD mix, batch 64; it counts server × PUE and has no fleet, lifecycle, serving mode or context step)\n"
            + run._table(table_rows, ["row", "boundary", "precision", "published", "ours", "ours/pub", "EcoLogits",
                                      "Eco/pub", "EcoLogits conditions"])
            + "\n\nSummary (factor = max(x/published, published/x); 'inside' = the published figure inside that "
              "library's range)\n"
            + run._table(summary, ["group", "rows", "inside", "median factor", "worst factor", "beyond ×3"]))


if __name__ == "__main__":
    print(report())

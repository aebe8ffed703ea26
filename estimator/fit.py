"""Fit GPU energy per output token against model size, from the measurements in ``data/``.

    python -m estimator fit          # rewrites data/llm_fit.csv

Model, per batch regime (ML.ENERGY v3, H100, vLLM, LM Arena chat prompts):

    ln(E_token [J]) = a + b·ln(P_active [B]) + c·ln(P_total [B]) + ε

Active parameters drive the arithmetic of each decoded token; total parameters set how many
weights sit in GPU memory and how many GPUs serve the model, and so the idle and memory-traffic
share of each token. Ordinary least squares on logs; the standard error of prediction
σ·sqrt(1 + x'(X'X)⁻¹x) gives each estimate's range, so sizes far outside the measured ones
get wider ranges automatically.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from .data import DATA_DIR
from .errors import DataError

REGIME_LABELS = {
    "large_batch": "Large batches (energy-optimal serving)",
    "typical": "Typical load (64 concurrent requests)",
    "low_load": "Low load (smallest batches measured)",
}
COLUMNS = [
    "batch_regime", "label", "intercept", "exponent_active", "exponent_total", "residual_sd_log",
    "xtx_inv_00", "xtx_inv_01", "xtx_inv_02", "xtx_inv_11", "xtx_inv_12", "xtx_inv_22", "n_models",
    "total_params_b_min", "total_params_b_max",
    "source_title", "source_publisher", "source_year", "source_url", "note",
]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


MEASURED_PRECISION_IDS = {"bfloat16": "bf16", "bf16": "bf16", "fp8": "fp8", "mxfp4": "mxfp4", "int4": "int4"}


def bf16_equivalent_factors(data_dir: Path = DATA_DIR) -> dict[str, float]:
    """precision id → central per-token energy factor vs BF16, 1 − s·(1 − bits/16) (llm.precision_energy_factor).

    The fit is a BF16 fit: a model measured in FP8 (Llama 3.1 405B, Llama 4 Maverick) enters it divided by
    its FP8 factor, so that the estimator's precision step does not count the saving twice."""
    share = next(float(r["value_central"]) for r in _read_csv(data_dir / "coefficients.csv")
                 if r["coefficient_id"] == "decode_byte_share")
    return {r["precision_id"]: 1.0 - share * (1.0 - float(r["bits_per_weight"]) / 16.0)
            for r in _read_csv(data_dir / "precision.csv")}


def fit_rows(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The rows of llm_fit.csv, recomputed from measurements.csv and models.csv (BF16-equivalent energies)."""
    models = {m["model_id"]: m for m in _read_csv(data_dir / "models.csv")}
    factors = bf16_equivalent_factors(data_dir)
    meas = [m for m in _read_csv(data_dir / "measurements.csv") if m["use"] == "fit"]
    out = []
    for regime, label in REGIME_LABELS.items():
        rows = [m for m in meas if m["batch_regime"] == regime]
        if len(rows) < 4:
            raise DataError(f"data/measurements.csv: only {len(rows)} fit rows for regime {regime!r}",
                            "a fit needs at least 4 measured models")
        x, y = [], []
        for m in rows:
            model = models.get(m["model_id"])
            if model is None:
                raise DataError(f"data/measurements.csv: {m['measurement_id']} names unknown model {m['model_id']!r}",
                                "add it to models.csv")
            x.append([1.0, np.log(float(model["active_params_b_central"])),
                      np.log(float(model["total_params_b_central"]))])
            precision = MEASURED_PRECISION_IDS.get(m["precision"].strip().lower())
            if precision not in factors:
                raise DataError(f"data/measurements.csv: {m['measurement_id']} has precision {m['precision']!r}",
                                "use a precision_id of data/precision.csv (or bfloat16)")
            y.append(np.log(float(m["energy_j_per_output_token"]) / factors[precision]))
        X, Y = np.array(x), np.array(y)
        coef, *_ = np.linalg.lstsq(X, Y, rcond=None)
        resid = Y - X @ coef
        dof = len(Y) - X.shape[1]
        sd = float(np.sqrt(resid @ resid / dof))
        inv = np.linalg.inv(X.T @ X)
        totals = [float(models[m["model_id"]]["total_params_b_central"]) for m in rows]
        src = rows[0]
        out.append({
            "batch_regime": regime, "label": label,
            "intercept": f"{coef[0]:.6f}", "exponent_active": f"{coef[1]:.6f}", "exponent_total": f"{coef[2]:.6f}",
            "residual_sd_log": f"{sd:.6f}",
            "xtx_inv_00": f"{inv[0, 0]:.8g}", "xtx_inv_01": f"{inv[0, 1]:.8g}", "xtx_inv_02": f"{inv[0, 2]:.8g}",
            "xtx_inv_11": f"{inv[1, 1]:.8g}", "xtx_inv_12": f"{inv[1, 2]:.8g}", "xtx_inv_22": f"{inv[2, 2]:.8g}",
            "n_models": str(len(Y)), "total_params_b_min": f"{min(totals):g}", "total_params_b_max": f"{max(totals):g}",
            "source_title": src["source_title"], "source_publisher": src["source_publisher"],
            "source_year": src["source_year"], "source_url": src["source_url"],
            "note": (f"Fitted by estimator/fit.py from the {len(Y)} measurements.csv rows with use=fit and "
                     f"batch_regime={regime} (GPU energy, H100, vLLM, LM Arena chat prompts; FP8 rows divided by the "
                     f"central FP8 factor of precision.csv to make a BF16 fit). "
                     f"Residual s.d. {sd:.3f} in ln units."),
        })
    return out


def write_table(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> Path:
    """Write a derived table (a fit) as CSV with its header, UTF-8, so `git diff` shows what a refit moved."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    return path


def write_fit(data_dir: Path = DATA_DIR) -> Path:
    return write_table(data_dir / "llm_fit.csv", COLUMNS, fit_rows(data_dir))

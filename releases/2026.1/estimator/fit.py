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


def fit_rows(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The rows of llm_fit.csv, recomputed from measurements.csv and models.csv."""
    models = {m["model_id"]: m for m in _read_csv(data_dir / "models.csv")}
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
            y.append(np.log(float(m["energy_j_per_output_token"])))
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
                     f"batch_regime={regime} (GPU energy, H100, vLLM, LM Arena chat prompts). "
                     f"Residual s.d. {sd:.3f} in ln units."),
        })
    return out


def write_fit(data_dir: Path = DATA_DIR) -> Path:
    path = data_dir / "llm_fit.csv"
    rows = fit_rows(data_dir)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path

"""AI Flight Label estimator: the footprint of an AI task, as energy, CO2e, equivalents and a label.

    >>> from estimator import estimate, label
    >>> e = estimate(task="image", model="sdxl", count=10, region="FR")
    >>> e.co2e_g.central, e.co2e_g.low, e.co2e_g.high

No Streamlit here: the app and the CLI are thin layers over these functions.
"""

from .data import DataBundle, load_data
from .errors import DataError, EstimatorError
from .estimate import Estimate, estimate
from .label import FlightLabel, GreenerOption, label
from .methodology import methodology_version
from .scenario import Scenario
from .uncertainty import Range

__all__ = [
    "DataBundle", "DataError", "Estimate", "EstimatorError", "FlightLabel", "GreenerOption", "Range",
    "Scenario", "estimate", "label", "load_data", "methodology_version",
]

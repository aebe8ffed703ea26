"""From GPU energy to the server, the serving fleet and the datacenter: the boundaries published figures use.

- GPU: what ML.ENERGY and AI Energy Score measure.
- Server (IT): GPU plus the host's CPUs, memory, network and fans for the same time.
- Fleet (IT): the host for the whole time a request holds its machine, plus the idle and provisioned
  capacity production serving keeps for peaks and redundancy (Google's production breakdown, data/fleet.csv).
- Datacenter: fleet × PUE (cooling, power conversion, lighting). The default headline.
- Lifecycle: the datacenter boundary's operation plus embodied hardware and amortized training, in grams
  (estimator/lifecycle.py); its energy is the datacenter boundary's.
"""

from __future__ import annotations

from .uncertainty import Range

BOUNDARIES = ("gpu", "server", "fleet", "datacenter", "lifecycle")
ENERGY_BOUNDARIES = ("gpu", "server", "fleet", "datacenter")  # lifecycle adds grams, not electricity


def energy_boundary(boundary: str) -> str:
    """The boundary whose electricity a headline counts: lifecycle's operation is the datacenter boundary."""
    return "datacenter" if boundary == "lifecycle" else boundary


# How a published figure's boundary (data/validation.csv wording) compares like with like (METHODOLOGY §1.4):
# a full-stack figure that includes datacenter overhead (Google's comprehensive 0.24 Wh) is our datacenter
# boundary, since 2026.3 fleet × PUE; a life-cycle study's grams are our lifecycle boundary.
PUBLISHED_BOUNDARIES = {"gpu": "gpu", "server": "server", "fleet": "fleet", "datacenter": "datacenter",
                        "lifecycle": "lifecycle", "full serving fleet": "datacenter", "life cycle": "lifecycle"}


def comparable_boundary(published: str) -> str | None:
    """Our boundary that counts what a published figure at ``published`` counts (None: none of ours does)."""
    return PUBLISHED_BOUNDARIES.get(published)


def gpu_energy_on_hardware_wh(gpu_energy_h100_wh: Range, hardware_energy_factor: Range) -> Range:
    """GPU energy on the chosen hardware = H100 energy × hardware factor (hardware.csv)."""
    return gpu_energy_h100_wh * hardware_energy_factor


def host_energy_wh(gpu_energy_h100_wh: Range, gpu_draw_w: Range, host_power_w_per_gpu: Range,
                   runtime_factor: Range) -> Range:
    """Host energy [Wh] = GPU busy time × host power per GPU.

    GPU time = GPU energy / average GPU draw (on H100), stretched by the hardware's runtime
    factor; host power per GPU from EcoLogits (1.2 kW per 8-GPU server).
    """
    return gpu_energy_h100_wh / gpu_draw_w * host_power_w_per_gpu * runtime_factor


def server_energy_wh(gpu_energy_wh: Range, host_wh: Range) -> Range:
    """Server (IT) energy = GPU energy + host energy."""
    return gpu_energy_wh + host_wh


def host_energy_full_time_wh(host_wh: Range, host_time_factor: Range) -> Range:
    """Host energy over the whole time a request holds its machine = host energy for GPU-busy time ×
    (request time / GPU-busy time) (fleet.csv host_time_factor ≥ 1, from Google's production breakdown)."""
    return host_wh * host_time_factor


def active_it_energy_wh(gpu_energy_wh: Range, host_full_time_wh: Range) -> Range:
    """Active IT energy of a request in production = GPU energy + host energy over the full request time."""
    return gpu_energy_wh + host_full_time_wh


def fleet_energy_wh(active_it_wh: Range, idle_capacity_share: Range) -> Range:
    """Fleet (IT) energy = active IT energy × (1 + idle share): machines idling ready for peaks and failover
    draw a share of the active energy (fleet.csv idle_capacity_share, Google: 10 % / 83 % = 0.12)."""
    return active_it_wh * idle_capacity_share.plus(1.0)


def datacenter_energy_wh(fleet_wh: Range, pue: Range) -> Range:
    """Datacenter energy = fleet energy × power usage effectiveness (PUE)."""
    return fleet_wh * pue

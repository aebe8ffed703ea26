"""From GPU energy to the server and the datacenter: the boundaries published figures use.

- GPU: what ML.ENERGY and AI Energy Score measure.
- Server (IT): GPU plus the host's CPUs, memory, network and fans for the same time.
- Datacenter: server × PUE (cooling, power conversion, lighting).
"""

from __future__ import annotations

from .uncertainty import Range

BOUNDARIES = ("gpu", "server", "datacenter")


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


def datacenter_energy_wh(server_wh: Range, pue: Range) -> Range:
    """Datacenter energy = server energy × power usage effectiveness (PUE)."""
    return server_wh * pue

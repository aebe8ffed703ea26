"""Energy of one generated image or video clip, GPU only, on H100.

Each catalogued diffusion model has a measured reference: GPU energy for one item at a known
resolution, number of denoising steps (and, for video, number of frames). A request at other
settings scales from it: linearly in steps (one network evaluation per step), and as a power
of the latent-token count for resolution and frames (see coefficients.csv for the exponents
and their sources).
"""

from __future__ import annotations

from .uncertainty import Range


def ratio_power(ratio: float, exponent: Range, name: str) -> Range:
    """ratio^k for an uncertain exponent k; exact when the ratio is 1."""
    if ratio == 1:
        return Range.exact(1.0)
    values = (ratio**exponent.low, ratio**exponent.central, ratio**exponent.high)
    return Range.of(min(values), values[1], max(values), name)


def steps_factor(steps: int, ref_steps: int) -> float:
    """Energy ∝ denoising steps: each step is one evaluation of the denoising network."""
    return steps / ref_steps


def image_gpu_energy_wh(ref_energy_wh: Range, ref_pixels: int, pixels: int, ref_steps: int, steps: int,
                        pixel_exponent: Range, serving_factor: Range) -> Range:
    """GPU energy of one image [Wh] = E_ref × (pixels/ref)^k × steps/ref_steps × serving factor."""
    resolution = ratio_power(pixels / ref_pixels, pixel_exponent, "resolution scaling exponent")
    return ref_energy_wh * resolution * steps_factor(steps, ref_steps) * serving_factor


def video_gpu_energy_wh(ref_energy_wh: Range, ref_pixel_frames: float, pixel_frames: float,
                        token_exponent: Range, serving_factor: Range) -> Range:
    """GPU energy of one clip [Wh] = E_ref × (pixels·frames / ref)^k × serving factor."""
    scale = ratio_power(pixel_frames / ref_pixel_frames, token_exponent, "video length/resolution scaling exponent")
    return ref_energy_wh * scale * serving_factor

"""Synthetic agendas for scale tests: sampled from the real agenda, seeded and reproducible.

>>> from werkagenda.synth import SynthAgenda
>>> SynthAgenda.number(0).folder_name
'synth-r001-2024'
"""

from werkagenda.synth.generate import (
    MANIFEST,
    MAX_SCALE,
    SynthResult,
    check_scale,
    check_seed,
    default_template,
    generate,
)
from werkagenda.synth.naming import SynthAgenda, plan

__all__ = [
    "MANIFEST",
    "MAX_SCALE",
    "SynthAgenda",
    "SynthResult",
    "check_scale",
    "check_seed",
    "default_template",
    "generate",
    "plan",
]

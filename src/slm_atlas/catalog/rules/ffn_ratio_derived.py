"""ffn-ratio-derived: a written ffn_ratio value equals intermediate_size / hidden_size."""

from ..compare import ffn_ratio
from .base import Finding, Rule


def check(entry, context):
    arch = entry.record.architecture
    written = arch.ffn_ratio.value if arch.ffn_ratio is not None else None
    derived = ffn_ratio(arch)
    if written is not None and derived is not None and abs(written - derived) > 0.005 * derived:
        yield Finding(
            ("architecture", "ffn_ratio"),
            f"ffn_ratio is derived as intermediate_size / hidden_size = {derived:.4g}, not {written:g}",
            "remove `value` (the build computes it); keep survey_reported and note if the survey differs",
        )


RULE = Rule("ffn-ratio-derived", "record", "ffn_ratio matches its derivation", check)

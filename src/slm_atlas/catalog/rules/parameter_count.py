"""parameter-count: the count computed from the architecture agrees with the declared one within 3%.

A record whose architecture the formula cannot model gives `parameter_check_exemption` with a
reason; so does a record whose count the formula cannot compute (a null size, a recurrent layer).
An exemption that is not needed (the check passes) is an error too, so exemptions never outlive
their reason.
"""

from ..parameters import TOLERANCE, compute_parameters, relative_gap
from .base import Finding, Rule


def check(entry, context):
    record = entry.record
    declared = record.parameters.value
    computed = compute_parameters(record.architecture)
    if declared is not None and computed is None and not record.parameter_check_exemption:
        yield Finding(
            ("parameters",),
            f"declared {declared:,} but the architecture cannot be counted: a size the formula needs is null,"
            " or a layer kind it does not model",
            "give the missing sizes, or parameter_check_exemption with the reason the check cannot run",
        )
        return
    if declared is None or computed is None:
        return
    gap = relative_gap(computed.total, declared)
    exempt = record.parameter_check_exemption
    if gap > TOLERANCE and not exempt:
        yield Finding(
            ("parameters",),
            f"declared {declared:,} but the architecture gives {computed.total:,}"
            f" ({computed.embedding:,} embedding + {computed.non_embedding:,} non-embedding), {gap:.1%} apart;"
            f" the limit is {TOLERANCE:.0%}",
            "check the architecture values, or give parameter_check_exemption with the reason",
        )
    elif gap <= TOLERANCE and exempt:
        yield Finding(
            ("parameter_check_exemption",),
            f"not needed: the architecture gives {computed.total:,}, {gap:.1%} from the declared {declared:,}",
            "remove parameter_check_exemption",
        )


def check_active(entry, context):
    record = entry.record
    declared = record.active_parameters.value if record.active_parameters is not None else None
    computed = compute_parameters(record.architecture)
    if declared is None or computed is None or record.parameter_check_exemption:
        return
    gap = relative_gap(computed.active, declared)
    if gap > TOLERANCE:
        yield Finding(
            ("active_parameters",),
            f"declared {declared:,} active but the architecture gives {computed.active:,} ({gap:.1%} apart);"
            f" the limit is {TOLERANCE:.0%}",
            "check the experts' sizes and active_experts",
        )


def check_both(entry, context):
    yield from check(entry, context)
    yield from check_active(entry, context)


RULE = Rule(
    "parameter-count", "record", "computed parameters (total and active) agree with the declared counts", check_both
)

"""mla-sizes: attention_kind MLA comes with the `mla` sizes, and the sizes only with MLA."""

from .base import Finding, Rule


def check(entry, context):
    arch = entry.record.architecture
    is_mla = arch.attention_kind.value == "MLA"
    if is_mla and arch.mla is None:
        yield Finding(("architecture", "attention_kind"), "MLA needs the `mla` block (latent ranks and head widths)")
    elif arch.mla is not None and not is_mla:
        yield Finding(
            ("architecture", "mla"),
            f"the `mla` block applies only to attention_kind MLA (got {arch.attention_kind.value})",
        )


RULE = Rule("mla-sizes", "record", "MLA and its sizes come together", check)

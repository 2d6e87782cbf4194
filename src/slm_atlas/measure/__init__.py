"""The measurement runner: latency (prefill, decode) and peak memory of catalog models, built
from their records' architectures with random weights, on the machine it runs on. Only
`slm-atlas measure` imports torch and transformers (the `measure` extra)."""

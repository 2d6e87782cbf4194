"""The Hugging Face Hub: snapshots of each record's repository (metadata and config.json), and
the cross-checks between a snapshot and its record. Only `slm-atlas hub` reaches the network."""

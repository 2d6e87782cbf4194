"""Pydantic models: the one hand-written list of every field the atlas stores."""

from .fact import Fact, Provenance, Strict
from .lists import CATALOG_FILES
from .machine import HubSnapshot, Measurement
from .model import Architecture, ModelRecord, Training

__all__ = [
    "CATALOG_FILES",
    "Architecture",
    "Fact",
    "HubSnapshot",
    "Measurement",
    "ModelRecord",
    "Provenance",
    "Strict",
    "Training",
]

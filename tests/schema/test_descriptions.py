"""Every field of every catalog model has a description: it becomes the editor hover and the docs."""

from pydantic import BaseModel

from slm_atlas.db.tables import TABLES
from slm_atlas.schema.introspect import unwrap
from slm_atlas.schema.lists import CATALOG_FILES
from slm_atlas.schema.machine import HubSnapshot, Measurement
from slm_atlas.schema.model import ModelRecord


def models_under(model: type[BaseModel], seen: set) -> None:
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        inner, _ = unwrap(info.annotation)
        for candidate in (inner, *getattr(inner, "__args__", ())):
            candidate, _ = unwrap(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                models_under(candidate, seen)


def all_models() -> set:
    seen: set = set()
    for root in (ModelRecord, HubSnapshot, Measurement, *(m for _, m, _ in CATALOG_FILES)):
        models_under(root, seen)
    for table in TABLES.values():
        for model, _ in table.parts:
            models_under(model, seen)
    return seen


def test_every_field_is_described():
    missing = [
        f"{m.__name__}.{name}" for m in all_models() for name, info in m.model_fields.items() if not info.description
    ]
    assert missing == []


def test_the_walk_reaches_nested_models():
    names = {m.__name__ for m in all_models()}
    assert {
        "Architecture",
        "PerLayer",
        "Mla",
        "Training",
        "Scores",
        "Score",
        "SurveyMembership",
        "ProvenanceRow",
    } <= names

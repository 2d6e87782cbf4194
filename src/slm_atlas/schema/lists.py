"""The catalog's shared lists: organizations, datasets, techniques, licences, benchmarks, references.

Each lives in one YAML file (see `CATALOG_FILES`) as a list under a single top-level key, and
model records point into them by id.
"""

from typing import Annotated

from pydantic import Field, model_validator

from .enums import BenchmarkKind, DataOpenness, OrganizationKind, ReferenceKind
from .fact import Strict
from .types import Id, Name, ReleaseDate, Source, Text, TokenCount, Year

# Links are https; plain http only for a reference whose note says why (Reference below).
Url = Annotated[str, Field(pattern=r"^https://\S+$")]
HttpUrl = Annotated[str, Field(pattern=r"^https?://\S+$")]


class Organization(Strict):
    """A maker of models."""

    id: Id = Field(description="Lower-case slug used by model records.")
    name: Name = Field(description="Display name.")
    kind: OrganizationKind = Field(description="industry, academia, non-profit, community or government.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code of the headquarters, when clear.")
    url: Url = Field(description="Home page.")


class Dataset(Strict):
    """A training corpus."""

    id: Id = Field(description="Lower-case slug used by model records.")
    name: Name = Field(description="Display name, as its makers write it.")
    url: Url | None = Field(None, description="Dataset card or paper; null for corpora never published.")
    tokens: TokenCount | None = Field(None, description="Size in tokens, as its makers state it; null when not stated.")
    tokens_note: Text | None = Field(None, description="Tokenizer or version the size refers to, or why it is unknown.")
    openness: DataOpenness = Field(description="open (downloadable), partial (part of it is) or closed.")
    year: Year | None = Field(None, description="Year of first release.")
    aliases: list[Name] = Field(
        default_factory=list, description="Other spellings (e.g. the survey's) that mean this dataset."
    )
    reference: Source | None = Field(None, description="A references key for the paper or card that describes it.")


class Technique(Strict):
    """A training or architecture technique that records can list."""

    id: Id = Field(description="Lower-case slug used by model records.")
    name: Name = Field(description="Display name.")
    definition: Text = Field(min_length=1, description="One line saying what it is.")
    reference: Source = Field(description="A references key or URL for the work that introduced or defines it.")


class License(Strict):
    """A licence under which weights are published."""

    id: str = Field(
        pattern=r"^(?:[A-Za-z0-9.+-]+|other:[a-z0-9.-]+)$",
        description="The SPDX identifier, or `other:<slug>` for licences SPDX does not list.",
    )
    name: Name = Field(description="Full name.")
    url: Url = Field(description="The licence text.")
    spdx: bool = Field(description="Whether `id` is an SPDX identifier.")
    commercial_use: bool | None = Field(
        description="Whether commercial use is allowed without a separate agreement; null when conditional."
    )
    note: Text | None = Field(None, description="Conditions a user should know (thresholds, use restrictions).")


class Benchmark(Strict):
    """A benchmark task, or an aggregate defined as the mean of tasks."""

    id: Id = Field(description="Lower-case slug used by scores.")
    name: Name = Field(description="Display name.")
    kind: BenchmarkKind = Field(
        description="task (one dataset), aggregate (unweighted mean of `components`) or gain (the score of its one"
        " component at the result's shot count minus its 0-shot score)."
    )
    metric: Name = Field(description="What is counted, e.g. accuracy, normalised accuracy, exact match.")
    components: list[Id] = Field(
        default_factory=list,
        description="For aggregates: the task ids whose unweighted mean this is; for a gain: the one benchmark it "
        "measures.",
    )
    description: Text = Field(min_length=1, description="What it measures and how the atlas's sources run it.")
    reference: Source | None = Field(None, description="A references key or URL for the benchmark or definition.")


class Reference(Strict):
    """A source that catalog values cite by key."""

    id: Id = Field(description="The key values cite in `source:`.")
    kind: ReferenceKind = Field(description="What kind of document it is.")
    title: Name = Field(description="Title, as published.")
    url: HttpUrl = Field(
        description="Where to read it (for files in a repository: a URL pinned to a commit when known); https, or http"
        " only with a `note` saying why."
    )
    year: Year | None = Field(None, description="Year of publication.")
    authors: Name | None = Field(None, description="Authors, short form (First et al.).")
    accessed: ReleaseDate | None = Field(
        None, description="When the atlas read it (for documents that change, such as model cards)."
    )
    note: Text | None = Field(None, description="How the atlas read it (e.g. through a copy), or what part it cites.")
    copy_of: Id | None = Field(
        None,
        description="For a copy the atlas read instead of the official file (a re-saved config, a third-party mirror):"
        " the key of the official document it mirrors.",
    )

    @model_validator(mode="after")
    def _http_needs_a_reason(self) -> "Reference":
        if self.url.startswith("http://") and not self.note:
            raise ValueError(f"url '{self.url}' is plain http: use https, or say in `note` why only http serves it")
        return self


class OrganizationsFile(Strict):
    """catalog/organizations.yaml"""

    organizations: list[Organization] = Field(description="Every organization, one entry each.")


class DatasetsFile(Strict):
    """catalog/datasets.yaml"""

    datasets: list[Dataset] = Field(description="Every training corpus, one entry each.")


class TechniquesFile(Strict):
    """catalog/techniques.yaml"""

    techniques: list[Technique] = Field(description="Every technique, one entry each.")


class LicensesFile(Strict):
    """catalog/licenses.yaml"""

    licenses: list[License] = Field(description="Every licence, one entry each.")


class BenchmarksFile(Strict):
    """catalog/benchmarks.yaml"""

    benchmarks: list[Benchmark] = Field(description="Every benchmark and aggregate, one entry each.")


class ReferencesFile(Strict):
    """survey/references.yaml"""

    references: list[Reference] = Field(description="Every cited source, one entry each.")


# (path relative to the catalog directory, file model, list key) for each shared list.
CATALOG_FILES: tuple[tuple[str, type[Strict], str], ...] = (
    ("organizations.yaml", OrganizationsFile, "organizations"),
    ("datasets.yaml", DatasetsFile, "datasets"),
    ("techniques.yaml", TechniquesFile, "techniques"),
    ("licenses.yaml", LicensesFile, "licenses"),
    ("benchmarks.yaml", BenchmarksFile, "benchmarks"),
    ("../survey/references.yaml", ReferencesFile, "references"),
)

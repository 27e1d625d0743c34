"""One error tree. Each error carries a stable code, the input it is about, and a fix."""

from __future__ import annotations


class StorylensError(Exception):
    """Root of every error storylens raises on purpose."""

    code = "storylens"

    def __init__(self, message: str, *, subject: str | None = None, fix: str | None = None) -> None:
        self.message = message
        self.subject = subject
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.subject:
            text = f"{text} ({self.subject})"
        if self.fix:
            text = f"{text}. Fix: {self.fix}"
        return text


class ConfigError(StorylensError):
    code = "config"


class IngestError(StorylensError):
    code = "ingest"


class StoreError(StorylensError):
    code = "store"


class SchemaVersionError(StoreError):
    code = "store.schema"


class NotFoundError(StoreError):
    code = "store.not_found"


class PipelineError(StorylensError):
    code = "pipeline"


class SnapshotError(StorylensError):
    code = "snapshot"


class DatasetError(StorylensError):
    code = "eval.dataset"

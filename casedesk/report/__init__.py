"""Case reports: the document tree of an abstract, its builder and its renderers (no Qt)."""

from casedesk.report.builder import build_document
from casedesk.report.document import Document

__all__ = ["Document", "build_document"]

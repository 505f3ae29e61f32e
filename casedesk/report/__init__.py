"""Case reports: the document tree of an abstract, its builder and its renderers (no Qt).

`build_document` and `Document` are imported on first use, so that importing one module of this
package (the document tree, say, for counting) does not load the builder, the timeline and
reportlab's graphics with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casedesk.report.builder import build_document
    from casedesk.report.document import Document

__all__ = ["Document", "build_document"]


def __getattr__(name: str) -> Any:
    if name == "build_document":
        from casedesk.report.builder import build_document

        return build_document
    if name == "Document":
        from casedesk.report.document import Document

        return Document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

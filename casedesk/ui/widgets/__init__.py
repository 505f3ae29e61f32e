"""Reusable editor widgets: a partial-date box, and a list of frozen records with a form for each."""

from casedesk.ui.widgets.partial_date import PartialDateEdit, describe_date
from casedesk.ui.widgets.record_list import (
    Column,
    ColumnKind,
    RecordForm,
    RecordListEditor,
    RecordTableModel,
    enum_choices,
    field_label_of,
)

__all__ = [
    "Column",
    "ColumnKind",
    "PartialDateEdit",
    "RecordForm",
    "RecordListEditor",
    "RecordTableModel",
    "describe_date",
    "enum_choices",
    "field_label_of",
]

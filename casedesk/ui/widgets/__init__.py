"""Reusable editor widgets: a partial-date box and an editable list of frozen records."""

from casedesk.ui.widgets.partial_date import PartialDateEdit, describe_date
from casedesk.ui.widgets.record_list import (
    ChoiceDelegate,
    Column,
    ColumnKind,
    RecordListEditor,
    RecordTableModel,
    enum_choices,
)

__all__ = [
    "ChoiceDelegate",
    "Column",
    "ColumnKind",
    "PartialDateEdit",
    "RecordListEditor",
    "RecordTableModel",
    "describe_date",
    "enum_choices",
]

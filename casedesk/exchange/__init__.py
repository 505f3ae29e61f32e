"""JSON case files (`.casedesk.json`): export cases, import them with every problem named.

The format is described in docs/case-file-format.md and by the JSON Schema in
resources/schema/casedesk-case-file.schema.json.
"""

from casedesk.exchange.case_file import (
    FILE_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    CaseFileError,
    CaseFileImport,
    dump_case_file,
    load_case_file,
    read_case_file,
    write_case_file,
)
from casedesk.exchange.schema import case_file_schema

__all__ = [
    "FILE_SUFFIX",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "CaseFileError",
    "CaseFileImport",
    "case_file_schema",
    "dump_case_file",
    "load_case_file",
    "read_case_file",
    "write_case_file",
]

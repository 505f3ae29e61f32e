"""Checks on a case: the CARE checklist, the identifier scan, venue profiles and counters."""

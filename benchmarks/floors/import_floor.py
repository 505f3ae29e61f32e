"""Floor of `casedesk import FILE`: the least any program on our stack does to put the same cases in
the same tables.

    python benchmarks/floors/import_floor.py LIBRARY.sqlite3 CASES.casedesk.json

Reads the case file with json, then inserts every row of every case (cases, their child tables,
the "created" line of each case's history) with SQLAlchemy, in one transaction, ids counted in
Python so each table is one executemany. The tables are read from the library itself (an empty
library made by CaseDesk). No checking of the file beyond what json does.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import uuid

from sqlalchemy import MetaData, create_engine, func, insert, select

TABLES = ("cases", "affiliations", "authors", "author_affiliations", "history_events", "courses", "assessments",
          "additional_therapies", "adverse_events", "follow_ups", "references", "case_changes")


def main(argv: list[str]) -> int:
    library, file = argv
    with open(file, encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    engine = create_engine(f"sqlite:///{library}")
    metadata = MetaData()
    metadata.reflect(engine, only=TABLES)
    t = metadata.tables
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in TABLES}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        next_id = {name: (connection.scalar(select(func.max(t[name].c.id))) or 0) + 1 for name in ("cases", "authors", "courses")}
        for case in cases:
            case_id = next_id["cases"]
            next_id["cases"] += 1
            p, venue, pa, dx, tr, out, nar = (case["publication"], case["publication"]["venue"], case["patient"], case["diagnosis"],
                                             case["treatment"], case["outcome"], case["narrative"])
            rows["cases"].append({
                "id": case_id, "uid": uuid.uuid4().hex, "status": case["status"], "version": 1, "created": now, "updated": now,
                "title": p["title"], "language": p["language"], "venue_kind": venue["kind"], "venue_name": venue["name"],
                "venue_edition": venue["edition"], "venue_start": venue["start"], "venue_end": venue["end"], "venue_city": venue["city"],
                "venue_country": venue["country"], "venue_proceedings": venue["proceedings"], "licence_spdx": p["licence"]["spdx"],
                "licence_sentence": p["licence"]["sentence"], "keywords": p["keywords"], "venue_profile": p["venue_profile"],
                "date_policy": p["date_policy"], "date_anchor": p["date_anchor"],
                "patient_label": pa["label"], "patient_birth_year": pa["birth_year"], "patient_sex": pa["sex"],
                "patient_background": pa["background"], "diagnosis_text": dx["text"], "diagnosis_details": dx["details"],
                "diagnosis_onset": dx["onset"], "diagnosis_first_protocol": dx["first_protocol"],
                "diagnosis_first_response": dx["first_response"], "treatment_heading": tr["heading"], "treatment_context": tr["context"],
                "outcome_statement": out["statement"], "outcome_toxicity": out["toxicity"], "outcome_complications": out["complications"],
                "outcome_follow_up_text": out["follow_up_text"],
                **{f"narrative_{k}": nar[k] for k in ("introduction", "discussion", "conclusion", "patient_perspective",
                                                       "informed_consent", "acknowledgements")},
                **{f"narrative_{k}": nar[k]["text"] for k in ("case_description", "treatment", "outcomes")},
                **{f"narrative_{k}_replace": nar[k]["replace"] for k in ("case_description", "treatment", "outcomes")},
            })
            for n, a in enumerate(p["affiliations"]):
                rows["affiliations"].append({"case_id": case_id, "position": n, **a})
            for n, a in enumerate(p["authors"]):
                author_id = next_id["authors"]
                next_id["authors"] += 1
                rows["authors"].append({"id": author_id, "case_id": case_id, "position": n, "name": a["name"],
                                        "corresponding": a["corresponding"], "email": a["email"], "orcid": a["orcid"]})
                rows["author_affiliations"] += [{"author_id": author_id, "position": k, "affiliation_key": key}
                                                for k, key in enumerate(a["affiliations"])]
            rows["history_events"] += [{"case_id": case_id, "position": n, **e} for n, e in enumerate(case["history"])]
            for n, c in enumerate(tr["courses"]):
                course_id = next_id["courses"]
                next_id["courses"] += 1
                rows["courses"].append({"id": course_id, "case_id": case_id, "position": n, "name": c["name"],
                                        "start_date": c["start"], "end_date": c["end"], "agent": c["agent"], "dose": c["dose"],
                                        "route": c["route"], "schedule": c["schedule"], "tolerability": c["tolerability"],
                                        "wording": c["wording"]})
                rows["assessments"] += [{"course_id": course_id, "position": k, **r} for k, r in enumerate(c["assessments"])]
            rows["additional_therapies"] += [{"case_id": case_id, "position": n, "text": a["text"], "start_date": a["start"],
                                              "end_date": a["end"]} for n, a in enumerate(tr["additional"])]
            rows["adverse_events"] += [{"case_id": case_id, "position": n, **e} for n, e in enumerate(case["adverse_events"])]
            rows["follow_ups"] += [{"case_id": case_id, "position": n, **f} for n, f in enumerate(out["follow_ups"])]
            rows["references"] += [{"case_id": case_id, "position": n, **r} for n, r in enumerate(case["references"])]
            rows["case_changes"].append({"case_id": case_id, "version": 1, "at": now, "action": "created", "path": ""})
        for name in TABLES:
            if rows[name]:
                connection.execute(insert(t[name]), rows[name])
    print(len(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The JSON Schema's verdict on documents, for tests/schema_agreement.rs.

Reads one JSON value per line from standard input: first the schema, then
the documents. Prints one line per document: 1 if the schema accepts it,
0 if not.
"""

import json
import sys

import jsonschema

lines = sys.stdin.read().splitlines()
validator = jsonschema.Draft202012Validator(json.loads(lines[0]))
for line in lines[1:]:
    print(1 if validator.is_valid(json.loads(line)) else 0)

"""Prints, as a JSON array, what python-dotenv's load_dotenv() would put into
the environment from each file named on the command line: dotenv_values()
with its default interpolation, less the names without a value (which
load_dotenv skips). A file Python cannot decode gives null."""
import json
import sys

from dotenv import dotenv_values

out = []
for path in sys.argv[1:]:
    try:
        values = dotenv_values(path)
    except UnicodeDecodeError:
        out.append(None)
        continue
    out.append({k: v for k, v in values.items() if v is not None})
sys.stdout.write(json.dumps(out))

#!/usr/bin/env python3
"""Writes app/src/domain/ics/windows_zones.rs: CLDR's windowsZones mapping (each Windows zone
name to the IANA zone of its territory "001"), as tzlocal publishes it on PyPI.

    pip download tzlocal==5.4.5 --no-deps && unzip tzlocal-5.4.5-py3-none-any.whl
    python3 scripts/windows-zones.py tzlocal/windows_tz.py
"""
import ast
import sys

source = open(sys.argv[1], encoding="utf-8").read()
mapping = None
for node in ast.parse(source).body:
    if isinstance(node, ast.Assign) and node.targets[0].id == "win_tz":
        mapping = ast.literal_eval(node.value)
assert mapping, "win_tz not found"
lines = [
    "//! CLDR's windowsZones mapping: each Windows (Outlook, Exchange) zone name to the IANA zone of",
    "//! its territory \"001\", sorted by name. Written by `scripts/windows-zones.py` from tzlocal",
    "//! 5.4.5 (PyPI), which publishes the CLDR table; do not edit by hand.",
    "",
    f"pub const WINDOWS_ZONES: &[(&str, &str); {len(mapping)}] = &[",
]
for name in sorted(mapping):
    lines.append(f'    ("{name}", "{mapping[name]}"),')
lines.append("];")
out = "app/src/domain/ics/windows_zones.rs"
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(f"{len(mapping)} zones written to {out}")

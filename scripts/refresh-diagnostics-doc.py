#!/usr/bin/env python3
"""Copies the reviewed snapshot of each specs/invalid example into the "Output:" block of its
section in docs/diagnostics.md, so that the documentation shows what the compiler prints.
Lines longer than 110 characters are cut with " …" (the generated hostile inputs)."""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
doc_path = root / "docs" / "diagnostics.md"
doc = doc_path.read_text()
sections = re.split(r"(?m)^(?=### )", doc)
out = []
for sec in sections:
    m = re.search(r"\(\.\./(specs/invalid/[^)]+\.media)\)", sec)
    block = re.search(r"Output:\n\n```text\n(.*?)```", sec, re.S)
    if m and block:
        rel = m.group(1)
        name = rel[len("specs/invalid/"):-len(".media")].replace("/", "__")
        snap = root / "tests" / "snapshots" / f"invalid__invalid_specs@{name}.media.snap"
        if snap.exists():
            body = snap.read_text().split("---\n", 2)[2].rstrip("\n")
            lines = [l if len(l) <= 110 else l[:108] + " …" for l in body.split("\n")]
            new = "\n".join(lines).rstrip() + "\n"
            sec = sec[: block.start(1)] + new + sec[block.end(1):]
    out.append(sec)
doc_path.write_text("".join(out))

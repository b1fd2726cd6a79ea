#!/usr/bin/env python3
"""Measures the table in docs/performance.md and prints it.

Each command is run against the parse-only floor (examples/parse.rs), in
pairs: the floor, then the command. A pair is measured with os.wait4, which
gives the child's wall time, CPU time (user plus system, on every core) and
peak resident memory. The table gives the median of each ratio over the pairs.

    python3 benches/table.py            # 100,000 topics, YAML and JSON
    python3 benches/table.py --large    # also 1,000,000 topics
    python3 benches/table.py --pairs 3  # fewer pairs (default 5 YAML, 9 JSON)

The files are generated into target/bench-files/ once and reused.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")
FILES = os.path.join(ROOT, "target", "bench-files")


def build():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "prereq", "--example", "parse", "--example", "generate"],
        cwd=ROOT,
        check=True,
    )


def generated(topics, fmt):
    os.makedirs(FILES, exist_ok=True)
    path = os.path.join(FILES, f"{topics}.{fmt}")
    if not os.path.exists(path):
        with open(path + ".partial", "wb") as out:
            subprocess.run(
                [os.path.join(RELEASE, "examples", "generate"), "--topics", str(topics), "--seed", "1", "--format", fmt],
                stdout=out,
                check=True,
            )
        os.replace(path + ".partial", path)
    return path


def measure(argv):
    """Wall seconds, CPU seconds and peak memory in bytes of one run."""
    with open(os.devnull, "wb") as null:
        start = time.monotonic()
        child = subprocess.Popen(argv, stdout=null, stderr=null)
        _, _, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def row(topics, fmt, pairs):
    path = generated(topics, fmt)
    floor = [os.path.join(RELEASE, "examples", "parse"), path]
    prereq = os.path.join(RELEASE, "prereq")
    last = f"t{topics - 1}"
    commands = {
        "check": [prereq, "-t", path, "check"],
        "path": [prereq, "-t", path, "path", last],
        "list": [prereq, "-t", path, "list"],
        "dot": [prereq, "-t", path, "dot"],
    }
    floors = []
    cells = []
    for name, argv in commands.items():
        ratios = []
        for _ in range(pairs):
            f = measure(floor)
            c = measure(argv)
            floors.append(f)
            ratios.append([c[i] / f[i] for i in range(3)])
        medians = [statistics.median(r[i] for r in ratios) for i in range(3)]
        cells.append(", ".join(f"{m:.2f}x" for m in medians))
        print(f"  {topics} {fmt} {name}: done", file=sys.stderr)
    wall = statistics.median(f[0] for f in floors)
    memory = statistics.median(f[2] for f in floors)
    size = os.path.getsize(path) / 1e6
    label = f"{topics:,} topics, {fmt.upper()} ({size:.0f} MB)"
    return f"| {label} | {wall:.2f} s, {memory / 2**20:.0f} MiB | " + " | ".join(cells) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", action="store_true", help="also 1,000,000 topics")
    parser.add_argument("--pairs", type=int, help="pairs per cell")
    args = parser.parse_args()
    build()
    rows = [(100_000, "yaml", args.pairs or 5), (100_000, "json", args.pairs or 9)]
    if args.large:
        rows += [(1_000_000, "yaml", args.pairs or 2), (1_000_000, "json", args.pairs or 5)]
    lines = [
        "| generated file | parse only | `check` | `path` | `list` | `dot` |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for topics, fmt, pairs in rows:
        lines.append(row(topics, fmt, pairs))
    print("\n".join(lines))
    print("\n(Each cell: wall, CPU, memory, as multiples of the floor's. The floor's cell: its wall time and peak memory.)")


if __name__ == "__main__":
    main()

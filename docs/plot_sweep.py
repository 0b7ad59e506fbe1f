#!/usr/bin/env python3
"""Plot one column of a socred sweep's summary.csv against a varied parameter.

    python3 docs/plot_sweep.py sweeps/contagion/summary.csv \
        --x scoring.contagion.weight --y final_assortativity --by adaptation.enabled

Draws every run as a faint dot and the mean over replicates with +/- one standard deviation,
one line per value of --by (if given), and saves a PNG (default: next to summary.csv, named
after the columns). Reads the CSV with the standard library; needs matplotlib only to draw
(Debian: apt-get install python3-matplotlib; elsewhere: pip install matplotlib). Column names
and units: docs/outputs.md.
"""
import argparse
import csv
import math
import os
import sys
from collections import defaultdict


def number(text):
    """A summary value as a number, or the text itself (true/false, choices)."""
    try:
        return float(text)
    except ValueError:
        return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", help="a sweep's summary.csv")
    parser.add_argument("--x", required=True, help="a varied parameter (a column of summary.csv)")
    parser.add_argument("--y", required=True, help="a column, e.g. final_assortativity or avg_trips_blocked")
    parser.add_argument("--by", help="another varied parameter: one line per value")
    parser.add_argument("--out", help="PNG to write (default: beside summary.csv)")
    args = parser.parse_args()

    with open(args.summary, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{args.summary}: no runs in it")
    for column in filter(None, (args.x, args.y, args.by)):
        if column not in rows[0]:
            sys.exit(f"{args.summary}: no column {column!r}; columns are described in docs/outputs.md")

    try:
        import matplotlib
        matplotlib.use("Agg")  # files only; no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot_sweep.py needs matplotlib to draw, and it is not installed.\n"
                 "Install it with: apt-get install python3-matplotlib   (or: pip install matplotlib)")

    # Group runs: one series per --by value, one point per x value.
    series = defaultdict(lambda: defaultdict(list))
    for row in rows:
        group = row[args.by] if args.by else ""
        series[group][number(row[args.x])].append(float(row[args.y]))

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for group, points in series.items():
        xs = sorted(points)
        positions = xs if all(isinstance(x, float) for x in xs) else list(range(len(xs)))
        means, sds = [], []
        for x in xs:
            values = points[x]
            mean = sum(values) / len(values)
            sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
            means.append(mean)
            sds.append(sd)
        label = f"{args.by} = {group}" if args.by else "mean ± sd"
        line = ax.errorbar(positions, means, yerr=sds, marker="o", capsize=3, label=label)
        for position, x in zip(positions, xs):
            ax.scatter([position] * len(points[x]), points[x], s=8, alpha=0.35, color=line[0].get_color())
        if positions is not xs:
            ax.set_xticks(positions, [str(x) for x in xs])
    replicates = max(len(v) for points in series.values() for v in points.values())
    ax.set_xlabel(args.x)
    ax.set_ylabel(args.y)
    ax.set_title(f"{args.y} by {args.x} ({replicates} replicates; dots are runs)", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9)
    fig.tight_layout()

    out = args.out or os.path.join(os.path.dirname(os.path.abspath(args.summary)),
                                   f"{args.y}_by_{args.x}.png")
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

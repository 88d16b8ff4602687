"""Page benchmark: query counts at 1× and 10× and server time per main page.

For each scale it builds a fresh PostgreSQL database, generates the data (bench/generate.py),
then requests each page N times in-process through Django's test client (the full middleware
stack, templates included) and prints a table: queries at 1× and 10× (of a full render), median
and p95 at 10× warm (seen again with nothing changed: served from the page cache) and cold (the
data version drawn anew before each request, as after any change anywhere), and the ratio of
each median to the floor (an authenticated view that renders only base.html).

    .venv/bin/python bench/run.py            # both scales, 30 requests per page
    .venv/bin/python bench/run.py --repeat 50 --scales 1
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432/{name}"


def database_exists(name):
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() == "1"


def analyze(env):
    """VACUUM ANALYZE, as autovacuum would on a live database: fresh planner statistics (straight
    after a bulk load PostgreSQL misjudges the history tables: a sequential scan of 375,000
    commitment versions for one partnership's timeline, 135 ms instead of 18 ms) and a visibility
    map, without which no index-only scan is possible (counting 30,000 reports: 18–23 ms instead
    of 3–5 ms, as the generator's updates leave three row versions per accepted report)."""
    subprocess.run(
        ["psql", env["DATABASE_URL"], "-q", "-c", "VACUUM ANALYZE"],
        check=True,
        capture_output=True,
    )


def build_database(scale, reuse=False):
    name = f"iop_bench_{scale}x"
    if reuse and database_exists(name):
        # Measure the same data again (e.g. after a change): only apply new migrations.
        env = {**os.environ, "DATABASE_URL": PG.format(name=name)}
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        analyze(env)
        print(f"reusing {name}", flush=True)
        return env["DATABASE_URL"]
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
            check=True,
            capture_output=True,
        )
    env = {**os.environ, "DATABASE_URL": PG.format(name=name)}
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [PY, "bench/generate.py", "--scale", str(scale)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(out.stdout.strip(), flush=True)
    analyze(env)
    return env["DATABASE_URL"]


def measure(database_url, repeat):
    """Run in a child process so each scale gets its own settings and connections."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    out = subprocess.run(
        [PY, "-m", "bench.pages", str(repeat)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("RESULT\t"):
            _tag, name, queries, warm, cold = line.split("\t")
            results[name] = (
                int(queries),
                [float(t) for t in warm.split(",") if t],
                [float(t) for t in cold.split(",") if t],
            )
        else:
            print(line)
    return results


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument(
        "--reuse", action="store_true", help="keep existing databases, only migrate them"
    )
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    by_scale = {}
    for scale in scales:
        started = time.perf_counter()
        url = build_database(scale, args.reuse)
        by_scale[scale] = measure(url, args.repeat)
        print(f"{scale}× measured in {time.perf_counter() - started:.0f} s", flush=True)

    top = max(scales)
    results = by_scale[top]
    floor = statistics.median(results["floor"][1]) if "floor" in results else None
    header = (
        ["page"]
        + [f"queries {s}×" for s in scales]
        + [f"{kind} {stat} {top}×" for kind in ("warm", "cold") for stat in ("median ms", "p95 ms")]
        + ["warm × floor", "cold × floor"]
    )
    print("\n" + " | ".join(header))
    print(" | ".join("---" for _ in header))
    for name in results:
        row = [name]
        for scale in scales:
            row.append(str(by_scale[scale].get(name, ("–",))[0]))
        warm, cold = results[name][1], results[name][2]
        for times in (warm, cold):
            row += [f"{statistics.median(times) * 1000:.1f}", f"{p95(times) * 1000:.1f}"]
        for times in (warm, cold):
            row.append(f"{statistics.median(times) / floor:.2f}" if floor else "–")
        print(" | ".join(row))


if __name__ == "__main__":
    main()

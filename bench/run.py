"""Page benchmark: query counts, wall time and CPU time per main page, every request a cold render.

For each scale it builds a fresh PostgreSQL database, generates the data (bench/generate.py),
then requests each page N times in-process through Django's test client (the full middleware
stack, templates included) and prints a table: queries at each scale, the median and p95 wall
time and the median process CPU time of a request at the largest scale, the ratio of the CPU
median to the floor's (an authenticated view that renders only base.html, requested in turn with
each page: floor, page, page, floor, ... so that both medians are taken under the same load) and
the CPU growth from the smallest to the largest scale, both raw and of the ratio to the floor
(which cancels a change of the machine's load between the scales). Nothing is cached between
requests: each one renders anew.

    .venv/bin/python bench/run.py                       # 1× and 10×, 30 requests per page
    .venv/bin/python bench/run.py --scale 1 --scale 10 --scale 50 --json bench/out/run.json
    .venv/bin/python bench/run.py --repeat 50 --scale 1 --reuse
"""

import argparse
import json
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


def rebuild_deadlines(env):
    """The generator writes in bulk, without the signals that keep the stored deadlines in
    step: store them from a full computation, then prove the table equal to one."""
    for args in ([], ["--check"]):
        out = subprocess.run(
            [PY, "manage.py", "rebuild_deadlines", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        print(out.stdout.strip(), flush=True)


def build_database(scale, reuse=False):
    # IOP_BENCH_DB names a copy of the data (e.g. one per worktree, made with createdb -T).
    name = f"{os.environ.get('IOP_BENCH_DB', 'iop_bench')}_{scale}x"
    if reuse and database_exists(name):
        # Measure the same data again (e.g. after a change): only apply new migrations.
        env = {**os.environ, "DATABASE_URL": PG.format(name=name)}
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        rebuild_deadlines(env)
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
    rebuild_deadlines(env)
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
            _tag, name, queries, *series = line.split("\t")
            walls, cpus, floor_cpus = ([float(t) for t in s.split(",") if t] for s in series)
            results[name] = (int(queries), walls, cpus, floor_cpus)
        else:
            print(line)
    return results


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def rows(by_scale):
    """One dict per page and scale, the fields --json writes."""
    for scale, results in by_scale.items():
        for name, (queries, walls, cpus, floor_cpus) in results.items():
            cpu = statistics.median(cpus)
            floor = statistics.median(floor_cpus)
            yield {
                "page": name,
                "scale": scale,
                "queries": queries,
                "wall_ms_median": round(statistics.median(walls) * 1000, 2),
                "wall_ms_p95": round(p95(walls) * 1000, 2),
                "cpu_ms_median": round(cpu * 1000, 2),
                # The floor requested in turn with this page (same load), and the ratio of medians.
                "floor_cpu_ms_median": round(floor * 1000, 2),
                "cpu_x_floor": round(cpu / floor, 2),
            }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--scale", type=int, action="append", help="a multiple of the base data; repeat for more"
    )
    parser.add_argument("--json", type=Path, help="also write the figures as a JSON list here")
    parser.add_argument(
        "--reuse", action="store_true", help="keep existing databases, only migrate them"
    )
    parser.add_argument(
        "--only", help="comma-separated parts of page names to measure (the floor always is)"
    )
    args = parser.parse_args()
    if args.only:
        os.environ["IOP_BENCH_ONLY"] = args.only
    scales = sorted(set(args.scale or [1, 10]))
    by_scale = {}
    for scale in scales:
        started = time.perf_counter()
        url = build_database(scale, args.reuse)
        by_scale[scale] = measure(url, args.repeat)
        print(f"{scale}× measured in {time.perf_counter() - started:.0f} s", flush=True)

    figures = list(rows(by_scale))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    cpu = {(f["page"], f["scale"]): f["cpu_ms_median"] for f in figures}
    ratio = {(f["page"], f["scale"]): f["cpu_x_floor"] for f in figures}
    low, top = scales[0], scales[-1]
    header = (
        ["page"]
        + [f"queries {s}×" for s in scales]
        + [f"wall median ms {top}×", f"wall p95 ms {top}×"]
        + [f"CPU median ms {s}×" for s in scales]
        + [f"CPU × floor {top}× (floor ms)", f"CPU growth {low}×→{top}×", "growth of × floor"]
    )
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for figure in (f for f in figures if f["scale"] == top):
        name = figure["page"]
        row = [name]
        row += [str(by_scale[s].get(name, ("–",))[0]) for s in scales]
        row += [f"{figure['wall_ms_median']:.1f}", f"{figure['wall_ms_p95']:.1f}"]
        row += [f"{cpu[(name, s)]:.1f}" if (name, s) in cpu else "–" for s in scales]
        row.append(f"{figure['cpu_x_floor']:.2f} ({figure['floor_cpu_ms_median']:.1f})")
        base = cpu.get((name, low))
        row.append(f"{figure['cpu_ms_median'] / base:.2f}" if base else "–")
        base_ratio = ratio.get((name, low))
        row.append(f"{figure['cpu_x_floor'] / base_ratio:.2f}" if base_ratio else "–")
        print(" | ".join(row))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmarks for rehabplan: time and peak memory of whole runs of the release binary.

Usage:  cargo build --release && python3 scripts/bench.py [--runs N] [--load-only] [--bin PATH]
        (and `cargo build --release --example pdf_floor` for printpdf's fixed cost)

Prints one line per case: median and best wall time over N runs, and peak resident memory.
Targets (docs/performance.md): a 12-week plan PDF in at most 10 ms, 1,000 plans in under 10 s,
a 12-week PDF under 150 KB. `rehabplan --version` is timed in the same script, and the 12-week
PDF is also given as a ratio to it, which holds better than milliseconds on a busy machine.
Page counts of every cause's handout (its own length, tue/thu/sat, A4) are printed against
their budget. The figures are printed, never asserted: machines are noisy.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "rehabplan")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", REHABPLAN_TODAY="2026-11-23")


def run_once(args, cwd, bin=None):
    """Wall seconds of one run."""
    start = time.perf_counter()
    proc = subprocess.run([bin or BIN] + args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: rehabplan {' '.join(args)}\n{proc.stderr.decode()}")
    return wall


def peak_rss(args, cwd, bin=None):
    """Peak RSS in KiB of one run, measured with a wrapper so earlier runs do not count."""
    code = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, bin or BIN] + args, cwd=cwd, env=ENV, capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def case(name, args, cwd, runs, bin=None):
    times = [run_once(args, cwd, bin) for _ in range(runs)]
    rss = peak_rss(args, cwd, bin)
    print(f"{name:<42} median {statistics.median(times) * 1000:8.1f} ms   best {min(times) * 1000:8.1f} ms   peak {rss / 1024:6.1f} MiB")
    return statistics.median(times)


def library(dir, n):
    """A therapist folder with n generated exercises and a program using some of them."""
    os.makedirs(os.path.join(dir, "exercises"), exist_ok=True)
    # 1,000 exercises a file: files are limited to 1 MiB.
    for i in range(n):
        with open(os.path.join(dir, "exercises", f"many-{i // 1000:02d}.toml"), "a") as f:
            f.write(
                f'[[exercise]]\nid = "gen-{i}"\nname = "Generated exercise {i}"\ncategory = "hip"\n'
                f'position = "lying"\ndose = "reps"\nper_side = true\n'
                f'instructions = ["Step one of exercise {i}.", "Step two."]\nsource = "generated"\nlicense = "CC0-1.0"\n\n'
            )
    with open(os.path.join(dir, "many.toml"), "w") as f:
        f.write(
            'id = "many"\ntitle = "Generated"\nsummary = "x"\ndescription = "x"\nevidence = "trial"\n'
            "[pain_rule]\ngreen_max = 3\namber_max = 5\n"
            '[[phase]]\nname = "All"\nweeks = "1-12"\nsessions_per_week = 3\n'
        )
        for i in range(0, n, max(1, n // 8)):
            f.write(f'[[phase.slot]]\nexercise = "gen-{i}"\nsets = 2\nreps = 10\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--load-only", action="store_true", help="only the runs that loading dominates: start-up, a 12-week plan as JSON and PDF, validating a 10,000-exercise library")
    ap.add_argument("--bin", help="the binary to time (default: target/release/rehabplan), e.g. a copy of another build to compare")
    a = ap.parse_args()
    global BIN
    if a.bin:
        BIN = os.path.abspath(a.bin)
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    tmp = tempfile.mkdtemp(prefix="rehabplan-bench-")
    try:
        print(f"rehabplan benchmarks ({a.runs} runs each; {os.cpu_count()} cores)\n")
        plan12 = ["plan", "--cause", "pfps", "--start", "2026-12-28", "--weeks", "12", "--name", "Zoë Łukasiewicz", "-o", "p12.pdf"]
        tv = case("rehabplan --version (process start-up)", ["--version"], tmp, a.runs)
        t12 = case("12-week plan -> PDF (whole process)", plan12, tmp, a.runs)
        print(f"{'':42} ratio to --version: {t12 / max(tv, 1e-9):.1f}")
        # Where the 12-week PDF's time goes: loading and planning alone (the same plan as
        # JSON), and the least any PDF costs through printpdf with the two fonts (one page,
        # `cargo build --release --example pdf_floor`).
        tj = case("12-week plan -> JSON (load and plan)", plan12[:-1] + ["p12.json"], tmp, a.runs)
        floor = os.path.join(ROOT, "target", "release", "examples", "pdf_floor")
        if os.path.exists(floor):
            tf = case("printpdf floor: 1 page, both fonts", [], tmp, a.runs, floor)
            print(f"{'':42} the PDF's own share: {max(t12 - tj, 0) * 1000:.1f} ms, of which printpdf's fixed cost {tf * 1000:.1f} ms")
        else:
            print("(build the printpdf floor with: cargo build --release --example pdf_floor)")
        if a.load_only:
            lib = os.path.join(tmp, "lib")
            library(lib, 10_000)
            case("validate a 10,000-exercise library", ["--programs", lib, "validate"], tmp, max(3, a.runs // 4))
            return
        case("52-week plan -> PDF", ["plan", "--cause", "meniscus", "--start", "2026-12-28", "--weeks", "52", "-o", "p52.pdf"], tmp, max(3, a.runs // 4))
        sizes = {}
        for cause in ["pfps", "pes-anserine", "meniscus", "itbs", "hamstring-strain", "adductor-strain", "knee-oa"]:
            out = os.path.join(tmp, f"{cause}.pdf")
            subprocess.run([BIN, "plan", "--cause", cause, "--start", "2026-12-28", "--weeks", "12", "-o", out], env=ENV, check=True, stderr=subprocess.DEVNULL)
            sizes[cause] = os.path.getsize(out)
        print("\n12-week PDF sizes: " + ", ".join(f"{c} {s / 1024:.0f} KB" for c, s in sizes.items()))
        other = {}
        for label, extra in [("de, A4", ["--template", "de"]), ("de, Letter", ["--template", "de", "--paper", "letter"]), ("large-print", ["--template", "large-print"])]:
            out = os.path.join(tmp, "t.pdf")
            subprocess.run([BIN, "plan", "--cause", "pfps", "--start", "2026-12-28", "--weeks", "12", "-o", out] + extra, env=ENV, check=True, stderr=subprocess.DEVNULL)
            other[label] = os.path.getsize(out)
        print("other templates (pfps, 12 weeks): " + ", ".join(f"{t} {s / 1024:.0f} KB" for t, s in other.items()))
        print("\npages, each program's own length (tue,thu,sat; A4): en / de / large-print, budget")
        for cause in ["pfps", "pes-anserine", "meniscus", "itbs", "hamstring-strain", "adductor-strain", "knee-oa"]:
            counts = []
            weeks = 0
            for t in ["en", "de", "large-print"]:
                out = os.path.join(tmp, "b.pdf")
                subprocess.run([BIN, "plan", "--cause", cause, "--start", "2027-01-04", "--days", "tue,thu,sat", "--template", t, "-o", out], env=ENV, check=True, stderr=subprocess.DEVNULL)
                info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
                counts.append(int(next((l.split()[1] for l in info.splitlines() if l.startswith("Pages:")), "0")))
                js = subprocess.run([BIN, "plan", "--cause", cause, "--start", "2027-01-04", "--days", "tue,thu,sat", "--format", "json"], env=ENV, check=True, capture_output=True, text=True).stdout
                weeks = js.count('"program_week"')
            budget = 10 + max(0, weeks - 6)
            print(f"  {cause:<18} {weeks:2} weeks: {counts[0]:3} / {counts[1]:3} / {counts[2]:3}   budget {budget}; large print {counts[2] / max(counts[0], 1):.1f} x the default")

        lib = os.path.join(tmp, "lib")
        library(lib, 10_000)
        print()
        case("validate a 10,000-exercise library", ["--programs", lib, "validate"], tmp, max(3, a.runs // 4))
        case("12-week plan from it -> PDF", ["--programs", lib, "plan", "--cause", "many", "--start", "2026-12-28", "-o", "many.pdf"], tmp, max(3, a.runs // 4))

        csv = os.path.join(tmp, "patients.csv")
        causes = ["pfps", "itbs", "meniscus", "knee-oa", "pes-anserine", "hamstring-strain", "adductor-strain"]
        with open(csv, "w") as f:
            f.write("name,cause,start,days\n")
            for i in range(1000):
                f.write(f'Patient {i},{causes[i % 7]},2027-01-{(i % 28) + 1:02d},"mon,wed,fri"\n')
        print()
        tb = case("batch of 1,000 plans -> PDF", ["batch", csv, "--out-dir", os.path.join(tmp, "out")], tmp, 3)
        print(
            f"\ntargets: 12-week PDF <= 10 ms: {'met' if t12 <= 0.010 else 'NOT met'} ({t12 * 1000:.1f} ms); "
            f"1,000 plans < 10 s: {'met' if tb < 10 else 'NOT met'} ({tb:.2f} s); "
            f"12-week PDF < 150 KB: {'met' if max(sizes.values()) < 150 * 1024 else 'NOT met'} (largest {max(sizes.values()) / 1024:.0f} KB)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

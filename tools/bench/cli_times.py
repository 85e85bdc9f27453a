#!/usr/bin/env python3
"""Times `links ID`, `report ID` and `case show ID` as commands, process start and workspace opening
included, on 50 cases spread over a workspace: the median and 90th percentile of each, in milliseconds.

    python3 tools/bench/cli_times.py target/release/vetdesk WORKSPACE KEY_FOLDER CASES

Run it twice: the first pass reads the file from disk, the second from the page cache. Not part of CI.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    binary, db, keys, cases = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    env = dict(os.environ, USER=os.environ.get("USER", "bench"), VETDESK_KEY_DIR=keys)
    ids = [1 + (i * 19997) % cases for i in range(1, 51)]
    commands = [
        ("links ID", lambda i: ["links", str(i)]),
        ("report ID", lambda i: ["report", str(i)]),
        ("case show ID", lambda i: ["case", "show", str(i)]),
    ]
    for name, args in commands:
        times, codes = [], set()
        for i in ids:
            started = time.perf_counter()
            run = subprocess.run([binary, "--db", db] + args(i), env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - started) * 1000)
            codes.add(run.returncode)
        times.sort()
        print(f"{name}: median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, "
              f"exit codes {sorted(codes)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Times `links ID`, `report ID` and `case show ID` as commands, process start and workspace opening
included, on 50 cases spread over a workspace: the median and 90th percentile of each, in milliseconds,
and each median as a ratio to the reference measured in the same run, `sqlite3` reading one case's title
(process start and opening included), since these machines are shared and their speed varies by the hour.

    python3 tools/bench/cli_times.py target/release/vetdesk WORKSPACE KEY_FOLDER CASES

Run it twice: the first pass reads the file from disk, the second from the page cache. Not part of CI.
"""
import os
import statistics
import subprocess
import sys
import time


def timed(argv, env):
    started = time.perf_counter()
    run = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000, run.returncode


def main():
    binary, db, keys, cases = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    env = dict(os.environ, USER=os.environ.get("USER", "bench"), VETDESK_KEY_DIR=keys)
    ids = [1 + (i * 19997) % cases for i in range(1, 51)]
    commands = [
        ("links ID", lambda i: [binary, "--db", db, "links", str(i)]),
        ("report ID", lambda i: [binary, "--db", db, "report", str(i)]),
        ("case show ID", lambda i: [binary, "--db", db, "case", "show", str(i)]),
    ]
    reference = lambda i: ["sqlite3", db, f'SELECT title FROM "case" WHERE id = {i}']
    rows = []
    for name, argv in commands:
        times, codes, base = [], set(), []
        # The reference is timed beside each command, so that both see the machine as it is then.
        for i in ids:
            ms, code = timed(argv(i), env)
            times.append(ms)
            codes.add(code)
            base.append(timed(reference(i), env)[0])
        times.sort()
        median, ref = statistics.median(times), statistics.median(base)
        rows.append(f"{name}: median {median:.1f} ms, p90 {times[int(len(times) * 0.9)]:.1f} ms, "
                    f"{median / ref:.2f}x sqlite3 reading one case row ({ref:.1f} ms), exit codes {sorted(codes)}")
    print("\n".join(rows), flush=True)


if __name__ == "__main__":
    main()

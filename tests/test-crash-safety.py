#!/usr/bin/python3
# test-crash-safety.py: kill a writer at random moments, lose nothing
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-crash-safety.py DRIVER [KILLS]
#
# Runs DRIVER (tests/test-crash-safety.c) on one database again and
# again and kills it with SIGKILL after a random delay. After each kill:
#   - PRAGMA integrity_check is "ok";
#   - every create and edit the store had reported done is there with
#     its value (an edit begun but not reported may or may not be);
#   - every import is there whole or not at all, and whole when it was
#     reported done.
# The kill times come from a fixed seed (CRASH_SEED overrides it), which
# is printed so that a failure can be replayed.
#
# First, BULK_KILLS runs each start on a new file, where the writer's
# first write is a large import through a rollback journal instead of
# the log (desk_store_begin_bulk), and are killed early, mostly inside
# that import.

import bisect
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

DEFAULT_SEED = 20261203
BULK_KILLS = 10
BULK_RUN_NUMBER = 1000000


def read_lines(stream, lines):
    for raw in stream:
        lines.append(raw.decode("utf-8", "replace").rstrip("\n"))


def run_once(driver, db, seed, run, delay):
    proc = subprocess.Popen([driver, db, str(seed), str(run)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, G_DEBUG=""))
    lines = []
    reader = threading.Thread(target=read_lines, args=(proc.stdout, lines))
    reader.start()
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        sys.exit(f"run {run}: the writer stopped by itself "
                 f"({proc.returncode}) before the kill:\n{err}")
    return lines


class Expected:
    def __init__(self):
        self.titles = {}        # reference -> title of a reported create
        self.edits = {}         # reference -> last reported description
        self.imports = {}       # prefix -> (k, reported)
        self.pending = None     # the write under way at the kill

    def take(self, lines):
        self.pending = None
        for line in lines:
            words = line.split(" ")
            if words[0] == "begin":
                self.pending = words[1:]
            elif words[0] == "done":
                self.pending = None
                if words[1] == "create":
                    self.titles[words[2]] = words[3]
                elif words[1] == "edit":
                    self.edits[words[2]] = words[3]
                elif words[1] == "import":
                    self.imports[words[2]] = (int(words[3]), True)
            if words[0] == "begin" and words[1] == "import":
                self.imports.setdefault(words[2], (int(words[3]), False))


def count_prefixed(references, prefix):
    # References are sorted; those with the prefix form one run.
    first = bisect.bisect_left(references, prefix)
    last = first
    while last < len(references) and references[last].startswith(prefix):
        last += 1
    return last - first


def check(db, expected, run):
    con = sqlite3.connect(db)
    try:
        result = con.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            sys.exit(f"run {run}: integrity_check says {result}")
        rows = dict(con.execute(
            "SELECT reference, title FROM incidents").fetchall())
        descriptions = dict(con.execute(
            "SELECT reference, description FROM incidents").fetchall())
    finally:
        con.close()

    pending = expected.pending or []
    for reference, title in expected.titles.items():
        if rows.get(reference) != title:
            sys.exit(f"run {run}: the reported create {reference} "
                     f"({title}) is lost: {rows.get(reference)!r}")
    for reference, value in expected.edits.items():
        stored = descriptions.get(reference)
        in_flight = (pending[:2] == ["edit", reference] and
                     stored == pending[2])
        if stored != value and not in_flight:
            sys.exit(f"run {run}: the reported edit of {reference} "
                     f"({value}) is lost: {stored!r}")
    references = sorted(rows)
    for prefix, (k, reported) in expected.imports.items():
        n = count_prefixed(references, prefix)
        if n not in (0, k):
            sys.exit(f"run {run}: import {prefix} is half applied: "
                     f"{n} of {k}")
        if reported and n != k:
            sys.exit(f"run {run}: the reported import {prefix} is lost")
        if n == k:
            expected.imports[prefix] = (k, True)
    # An edit under way that did land is now the value to keep.
    if pending[:1] == ["edit"] and descriptions.get(pending[1]) == pending[2]:
        expected.edits[pending[1]] = pending[2]
    if pending[:1] == ["create"]:
        for reference, title in rows.items():
            if title == pending[1]:
                expected.titles[reference] = title
    return len(rows)


def remove_database(db):
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)


def bulk_phase(driver, folder, seed, rng):
    db = os.path.join(folder, "bulk", "incidents.db")
    n_inside = 0
    for run in range(BULK_KILLS):
        expected = Expected()
        delay = rng.uniform(0.02, 0.3)
        lines = run_once(driver, db, seed + run, run, delay)
        expected.take(lines)
        pending = expected.pending or []
        if pending[:2] == ["import", f"IMP-{run}-{BULK_RUN_NUMBER}-"]:
            n_inside += 1
        if os.path.exists(db):
            n_rows = check(db, expected, run)
            print(f"ok bulk {run + 1} - killed after {delay:.3f} s, "
                  f"{len(lines)} lines, {n_rows} incidents stored")
        remove_database(db)
    print(f"# {BULK_KILLS} kills on a new file survived, {n_inside} of them "
          f"inside its first, large import")


def main():
    driver = sys.argv[1]
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    seed = int(os.environ.get("CRASH_SEED", DEFAULT_SEED))
    print(f"# seed {seed} (set CRASH_SEED to replay), {kills} kills")
    rng = random.Random(seed)
    expected = Expected()
    started = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="incidentdesk-crash-") as folder:
        bulk_phase(driver, folder, seed, rng)
        db = os.path.join(folder, "desk", "incidents.db")
        n_done = 0
        n_in_flight = 0
        for run in range(kills):
            delay = rng.uniform(0.02, 0.4)
            lines = run_once(driver, db, seed + run, run, delay)
            expected.take(lines)
            if expected.pending not in (None, ["open"]):
                n_in_flight += 1
            n_done += sum(1 for line in lines if line.startswith("done ")
                          and not line.startswith("done open"))
            if not os.path.exists(db):
                # Killed before the file was made: nothing to check yet.
                continue
            n_rows = check(db, expected, run)
            print(f"ok {run + 1} - killed after {delay:.3f} s, "
                  f"{len(lines)} lines, {n_rows} incidents stored")
        print(f"# {kills} kills survived ({n_in_flight} in the middle of "
              f"a write), {n_done} reported saves all present, "
              f"{len(expected.imports)} imports whole or absent, "
              f"{time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# test-damaged.py: damaged and unusable databases through the command line
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-damaged.py INCIDENTDESK
#
# For each kind of damage, --summary and --import must end with exit
# status 1 and one plain sentence on standard error, and the database
# file keep its bytes, its name and its modification time. Where a
# reader can still do its job (a read-only file, a full disk) --summary
# may also succeed, with the right count. Also: an old schema version is
# backed up beside the file and migrated.
#
# Root ignores file modes, so the permission cases run the binary as the
# user nobody through setpriv when the test runs as root. The full disk
# is a small tmpfs when mount is allowed, else a file size limit
# (RLIMIT_FSIZE, writes fail with EFBIG); the test says which.

import hashlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BINARY = sys.argv[1] if len(sys.argv) > 1 else os.environ["INCIDENTDESK_BINARY"]
SEED = 4242
N_INCIDENTS = 300
COLUMNS = ("reference,title,service,severity,impact,status,detected_at,"
           "acknowledged_at,impact_start,impact_end,resolved_at,closed_at,"
           "downtime_minutes,assignee,reporter,description,root_cause,"
           "five_whys,contributing_factor,workaround,resolution,problem")
NOBODY = 65534

failures = []
seen = []


def write_csv(path, n, prefix="INC-", start=1):
    rng = random.Random(SEED + start)
    lines = [COLUMNS]
    for i in range(start, start + n):
        words = " ".join(rng.choice(["disk", "queue", "login", "mail",
                                     "timeout", "restart", "cache"])
                         for _ in range(60))
        lines.append(f"{prefix}{i:06d},Incident {i},Service {i % 7},"
                     f"SEV{1 + i % 4},Outage,Resolved,2025-03-01T10:00:00+00:00,,,,"
                     f"2025-03-01T11:00:00+00:00,,60,ana,bob,{words},,,,,"
                     f"Restarted,")
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def run(args, as_nobody=False, fsize=None, timeout=60):
    cmd = [BINARY] + args
    if as_nobody:
        cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
               "--clear-groups"] + cmd

    def limit():
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(cmd, capture_output=True, text=True, env=env,
                          preexec_fn=limit, timeout=timeout)


def fingerprint(path):
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return (digest, st.st_size, st.st_mtime_ns)


def fail(case, message):
    failures.append(f"{case}: {message}")
    print(f"not ok - {case}: {message}")


def check_sentence(case, result, keywords):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 1:
        fail(case, f"exit status {result.returncode}, not 1; "
                   f"stderr {result.stderr!r}")
        return
    if len(lines) != 1:
        fail(case, f"not one sentence: {result.stderr!r}")
        return
    text = lines[0]
    plain = (text[0].isupper() and text.endswith(".") and
             not any(w in text.lower() for w in ("sqlite", "errno", "(null)",
                                                  "error code", "0x")))
    if not plain:
        fail(case, f"not a plain sentence: {text!r}")
    for word in keywords:
        choices = word if isinstance(word, tuple) else (word,)
        if not any(c.lower() in text.lower() for c in choices):
            fail(case, f"{word!r} missing from {text!r}")
    seen.append((case, text))
    print(f"ok - {case}: {text}")


def check_unchanged(case, path, before):
    if not os.path.exists(path):
        fail(case, "the database file is gone")
        return
    if fingerprint(path) != before:
        fail(case, "the database file was changed")


def summary_count(result):
    import json
    return json.loads(result.stdout)["incidents"]


def run_case(case, path, keywords, import_file, summary_may_work=False,
             **kwargs):
    """--summary and --import on @path, which must stay as it is."""
    before = fingerprint(path)

    result = run(["--database", path, "--summary"], **kwargs)
    if summary_may_work and result.returncode == 0:
        count = summary_count(result)
        if count != N_INCIDENTS:
            fail(case + " --summary", f"read {count} incidents")
        else:
            print(f"ok - {case} --summary still reads the file: {count}")
            seen.append((case + " --summary", "(works: the file is read)"))
    else:
        check_sentence(case + " --summary", result, keywords)
    check_unchanged(case + " --summary", path, before)

    result = run(["--database", path, "--import", import_file], **kwargs)
    check_sentence(case + " --import", result, keywords)
    check_unchanged(case + " --import", path, before)


def make_good(folder, import_file):
    path = os.path.join(folder, "good.db")
    result = run(["--database", path, "--import", import_file])
    if result.returncode != 0:
        sys.exit(f"could not make the good database: {result.stderr}")
    # The last connection closing folds the journal into the file.
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix):
            sys.exit(f"{path}{suffix} is left behind after a clean close")
    return path


def copy_of(good, folder, name):
    path = os.path.join(folder, name)
    shutil.copyfile(good, path)
    os.chmod(path, 0o600)
    return path


def page_size(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()


def main():
    base = tempfile.mkdtemp(prefix="incidentdesk-damaged-")
    os.chmod(base, 0o755)
    try:
        cases(base)
    finally:
        subprocess.run(["umount", os.path.join(base, "full")],
                       capture_output=True)
        for root, dirs, _ in os.walk(base):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(base, ignore_errors=True)

    print("# What the user sees:")
    for case, text in seen:
        print(f"#   {case}: {text}")
    if failures:
        print(f"# {len(failures)} failures")
        sys.exit(1)


def cases(base):
    rng = random.Random(SEED)
    print(f"# seed {SEED}")
    import_file = os.path.join(base, "more.csv")
    write_csv(import_file, 20, prefix="NEW-")
    full_file = os.path.join(base, "full.csv")
    write_csv(os.path.join(base, "good.csv"), N_INCIDENTS)
    good = make_good(base, os.path.join(base, "good.csv"))
    size = page_size(good)
    n_pages = os.path.getsize(good) // size

    # Random bytes in the middle of the file's pages, headers included.
    path = copy_of(good, base, "corrupt.db")
    with open(path, "r+b") as f:
        for page in range(1, n_pages):
            if page % 3 != 0:
                continue
            f.seek(page * size + rng.randrange(0, 16))
            f.write(rng.randbytes(64))
            f.seek(page * size + size // 2)
            f.write(rng.randbytes(128))
    run_case("corrupt file", path, ["damaged"], import_file)

    path = copy_of(good, base, "truncated.db")
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(good) // 2 + 100)
    run_case("truncated file", path, ["damaged"], import_file)

    path = os.path.join(base, "notes.db")
    with open(path, "w") as f:
        f.write("These are my notes, not a database.\n" * 200)
    os.chmod(path, 0o600)
    run_case("not a database", path, ["not an IncidentDesk database"],
             import_file)

    path = copy_of(good, base, "newer.db")
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    run_case("newer schema version", path, ["newer version"], import_file)

    # Another program holds the file with an exclusive lock.
    path = copy_of(good, base, "locked.db")
    holder = subprocess.Popen(["sqlite3", path], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    holder.stdin.write("PRAGMA locking_mode = EXCLUSIVE;\n"
                       "BEGIN EXCLUSIVE;\n"
                       "SELECT count(*) FROM incidents;\n")
    holder.stdin.flush()
    holder.stdout.readline()
    started = time.monotonic()
    before = fingerprint(path)
    run_case("locked by another process", path, ["in use"], import_file)
    holder.stdin.write("ROLLBACK;\n.quit\n")
    holder.stdin.close()
    holder.wait()
    check_unchanged("locked, after the lock is gone", path, before)
    print(f"# the locked case took {time.monotonic() - started:.1f} s "
          "(the store waits for the lock before it gives up)")

    permission_cases(base, good, import_file)
    full_disk_case(base, good, import_file, full_file)
    migration_case(base, good)


def permission_cases(base, good, import_file):
    as_nobody = os.geteuid() == 0
    if as_nobody:
        print("# running as root: the permission cases run as nobody")
        os.chmod(import_file, 0o644)

    # The folder is the user's own, only the file is read-only.
    folder = os.path.join(base, "own")
    os.mkdir(folder)
    path = copy_of(good, folder, "read-only.db")
    os.chmod(path, 0o400)
    if as_nobody:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(path, NOBODY, NOBODY)
    run_case("read-only file", path, ["permission"], import_file,
             summary_may_work=True, as_nobody=as_nobody)

    folder = os.path.join(base, "closed")
    os.mkdir(folder)
    path = copy_of(good, folder, "incidents.db")
    if as_nobody:
        os.chown(path, NOBODY, NOBODY)
    os.chmod(folder, 0o000)
    run_case("folder without permission", path, ["permission"], import_file,
             as_nobody=as_nobody)
    os.chmod(folder, 0o755)

    # A new database in a folder that may not be written.
    folder = os.path.join(base, "read-only-folder")
    os.mkdir(folder)
    os.chmod(folder, 0o555)
    path = os.path.join(folder, "new.db")
    result = run(["--database", path, "--import", import_file],
                 as_nobody=as_nobody)
    check_sentence("new database in a read-only folder --import", result,
                   ["permission"])
    if os.path.exists(path):
        fail("new database in a read-only folder", "a file was made")


def full_disk_case(base, good, import_file, full_file):
    write_csv(full_file, 3000, prefix="BIG-")
    mount_point = os.path.join(base, "full")
    os.mkdir(mount_point)
    db_size = os.path.getsize(good)
    mounted = os.environ.get("SAFETY_NO_MOUNT") is None and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={db_size + 256 * 1024}",
         "tmpfs", mount_point], capture_output=True).returncode == 0

    if mounted:
        print("# full disk: a tmpfs holding the file, filled up to "
              "96 KiB")
        path = copy_of(good, mount_point, "incidents.db")
        # Leave room for the -shm file SQLite maps and a little more.
        vfs = os.statvfs(mount_point)
        room = vfs.f_bavail * vfs.f_frsize - 96 * 1024
        with open(os.path.join(mount_point, "filler"), "wb") as f:
            f.write(b"\0" * max(room, 0))
        kwargs = {}
    else:
        print("# full disk: mount is not allowed here; a file size limit "
              "(RLIMIT_FSIZE) makes writes fail instead")
        path = copy_of(good, mount_point, "incidents.db")
        kwargs = {"fsize": db_size + 64 * 1024}

    # EFBIG is not ENOSPC: SQLite reports a plain write failure then.
    words = ["disk is full"] if mounted else [("disk is full",
                                               "could not be read or written")]
    run_case("full disk", path, words, full_file,
             summary_may_work=True, **kwargs)


def migration_case(base, good):
    """A file of schema version 1 is backed up, then migrated."""
    path = copy_of(good, base, "old.db")
    con = sqlite3.connect(path)
    indexes = [row[0] for row in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'index' "
        "AND sql IS NOT NULL")]
    for name in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.execute("VACUUM")
    con.close()
    before = fingerprint(path)

    result = run(["--database", path, "--import",
                  os.path.join(base, "more.csv")])
    if result.returncode != 0:
        fail("migration", f"import into an old file: {result.stderr!r}")
        return

    backup = path + ".bak-v1"
    if not os.path.exists(backup):
        fail("migration", f"no backup {backup}")
        return
    if fingerprint(backup)[0] == fingerprint(path)[0]:
        fail("migration", "the backup is the migrated file")
    if oct(os.stat(backup).st_mode & 0o777) != oct(0o600):
        fail("migration", f"backup mode {oct(os.stat(backup).st_mode)}")
    con = sqlite3.connect(backup)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        count = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    if (version, count, check) != (1, N_INCIDENTS, "ok"):
        fail("migration", f"backup holds version {version}, {count} "
                          f"incidents, integrity {check}")
    con = sqlite3.connect(path)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        count = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
        n_indexes = con.execute(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
            "AND sql IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    if (version, count, n_indexes) != (2, N_INCIDENTS + 20, len(indexes)):
        fail("migration", f"migrated file holds version {version}, {count} "
                          f"incidents, {n_indexes} indexes")
    else:
        print(f"ok - migration: backup {os.path.basename(backup)} opens "
              f"at version 1 with {N_INCIDENTS} incidents; the file is at "
              f"version 2 with its {len(indexes)} indexes")

    failed_migration_case(base, good)

    # The backup itself opens with the command line (and is migrated in
    # turn when written to, never when read).
    result = run(["--database", backup, "--summary"])
    if result.returncode == 0:
        fail("migration", "--summary on the version 1 backup worked "
                          "read-only without an upgrade")
    else:
        check_sentence("migration backup --summary", result, ["upgraded"])
    del before


def failed_migration_case(base, good):
    """A migration that fails half way leaves nothing of itself behind."""
    path = copy_of(good, base, "old-blocked.db")
    con = sqlite3.connect(path)
    indexes = [row[0] for row in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'index' "
        "AND sql IS NOT NULL ORDER BY name")]
    for name in indexes:
        con.execute(f'DROP INDEX "{name}"')
    # The second index the migration makes is there already, so its
    # script fails after the first one was made.
    con.execute("CREATE INDEX incidents_status ON incidents (title)")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()

    result = run(["--database", path, "--import",
                  os.path.join(base, "more.csv")])
    check_sentence("failed migration --import", result, ["database"])
    con = sqlite3.connect(path)
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        names = [row[0] for row in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index' "
            "AND sql IS NOT NULL")]
        count = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    finally:
        con.close()
    if (version, names, count) != (1, ["incidents_status"], N_INCIDENTS):
        fail("failed migration", f"left version {version}, indexes {names}, "
                                 f"{count} incidents")
    else:
        print("ok - failed migration: rolled back whole, still version 1")


if __name__ == "__main__":
    main()

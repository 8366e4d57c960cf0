#!/usr/bin/python3
# Runs one end-to-end check on the installed application.
#
# Usage: run-e2e.py --build-root DIR --scenario NAME --shots DIR
#
# It installs the build into a temporary DESTDIR with `meson install`,
# then runs the scenario under its own virtual display and session bus
# (so no other test's window can take the keyboard), with the
# accessibility bus started and toolkit-accessibility turned on. The
# screenshots of every step, the application's log and, on failure, the
# accessible tree are kept in the shots folder.

import argparse
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = '/usr/bin/python3'


def install(build_root, stage):
    subprocess.run(['meson', 'install', '-C', build_root, '--no-rebuild',
                    '--quiet', '--destdir', stage],
                   check=True, stdout=subprocess.DEVNULL)
    r = subprocess.run(['meson', 'introspect', '--buildoptions', build_root],
                       check=True, capture_output=True, text=True)
    import json
    options = {o['name']: o['value'] for o in json.loads(r.stdout)}
    prefix = stage + options['prefix']
    binary = os.path.join(prefix, options['bindir'], 'incidentdesk')
    datadir = os.path.join(prefix, options['datadir'])
    schemas = os.path.join(datadir, 'glib-2.0', 'schemas')
    if not os.path.exists(os.path.join(schemas, 'gschemas.compiled')):
        subprocess.run(['glib-compile-schemas', schemas], check=True)
    return binary, datadir, schemas


def start_xvfb():
    """A display of its own, on a number that xvfb-run -a (which counts
    up from 99) will not race for; checked to accept connections."""
    import random
    for _ in range(20):
        number = random.randrange(300, 900)
        if os.path.exists(f'/tmp/.X{number}-lock'):
            continue
        display = f':{number}'
        xvfb = subprocess.Popen(['Xvfb', display, '-screen', '0',
                                 '1280x1024x24', '-nolisten', 'tcp', '-noreset'],
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and xvfb.poll() is None:
            r = subprocess.run(['xdotool', 'getdisplaygeometry'],
                               env=dict(os.environ, DISPLAY=display),
                               capture_output=True)
            if r.returncode == 0:
                return xvfb, display
            time.sleep(0.1)
        xvfb.kill()
        xvfb.wait()
    raise RuntimeError('no virtual display could be started')


def outer(args):
    shots = os.path.abspath(args.shots)
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots)
    tmp = tempfile.mkdtemp(prefix='incidentdesk-e2e-')
    try:
        started = time.monotonic()
        binary, datadir, schemas = install(args.build_root,
                                           os.path.join(tmp, 'stage'))
        print(f'installed into {tmp}/stage in '
              f'{time.monotonic() - started:.1f} s', flush=True)

        env = dict(os.environ)
        for var in ('G_DEBUG', 'NO_AT_BRIDGE', 'GTK_A11Y', 'DISPLAY',
                    'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS',
                    'GSETTINGS_SCHEMA_DIR'):
            env.pop(var, None)
        env.update({
            'GSK_RENDERER': 'cairo',
            'GDK_BACKEND': 'x11',
            'GSETTINGS_BACKEND': 'keyfile',
            'GSETTINGS_SCHEMA_DIR': schemas,
            'XDG_DATA_DIRS': datadir + ':/usr/local/share:/usr/share',
            'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
            'XDG_DATA_HOME': os.path.join(tmp, 'data'),
            'XDG_CACHE_HOME': os.path.join(tmp, 'cache'),
            'XDG_RUNTIME_DIR': os.path.join(tmp, 'runtime'),
            'GTK_USE_PORTAL': '0',
            'TZ': 'UTC',
            'LC_ALL': 'C.UTF-8',
            'LANGUAGE': 'en',
            'DESK_E2E_BINARY': binary,
            'DESK_E2E_TMP': tmp,
        })
        os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700)
        xvfb, display = start_xvfb()
        env['DISPLAY'] = display
        env.pop('XAUTHORITY', None)
        cmd = ['dbus-run-session', '--', PYTHON, os.path.abspath(__file__),
               '--inner', '--scenario', args.scenario, '--shots', shots]
        try:
            status = subprocess.run(cmd, env=env).returncode
        finally:
            xvfb.terminate()
            xvfb.wait()
        print(f'screenshots and logs: {shots}', flush=True)
        return status
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def wait_for_a11y_bus():
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        # NameHasOwner, not a call to the bus itself: that would have
        # D-Bus start a second launcher.
        r = subprocess.run(['gdbus', 'call', '--session', '--dest',
                            'org.freedesktop.DBus', '--object-path',
                            '/org/freedesktop/DBus', '--method',
                            'org.freedesktop.DBus.NameHasOwner',
                            'org.a11y.Bus'],
                           capture_output=True, text=True)
        if r.returncode == 0 and 'true' in r.stdout:
            return
        time.sleep(0.1)
    raise RuntimeError('the accessibility bus did not start')


def inner(args):
    launcher = subprocess.Popen(['/usr/libexec/at-spi-bus-launcher',
                                 '--launch-immediately'],
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    try:
        wait_for_a11y_bus()
        subprocess.run(['gsettings', 'set', 'org.gnome.desktop.interface',
                        'toolkit-accessibility', 'true'], check=True)
        sys.path.insert(0, HERE)
        import desk_e2e
        scenario = importlib.import_module('scenario_' + args.scenario)
        database = os.path.join(os.environ['DESK_E2E_TMP'], 'desk',
                                'incidents.db')
        os.makedirs(os.path.dirname(database), mode=0o700)
        desk = desk_e2e.Desk(os.environ['DESK_E2E_BINARY'], database,
                             args.shots)
        started = time.monotonic()
        try:
            scenario.run(desk)
        except Exception:
            traceback.print_exc()
            print(f'FAIL: {sys.exc_info()[1]}', flush=True)
            if desk.proc is not None and desk.proc.poll() is not None:
                print(f'the application had ended with status '
                      f'{desk.proc.returncode}; its log: {desk.log_path}')
            try:
                shot = desk.screenshot('failure')
                print(f'screenshot of the failure: {shot}')
                tree = os.path.join(args.shots, 'failure-tree.txt')
                if desk.app is not None:
                    desk.dump_tree(tree)
                    print(f'accessible tree at the failure: {tree}')
                    with open(tree) as f:
                        lines = f.readlines()
                    print(''.join(lines[:400]), end='')
                    if len(lines) > 400:
                        print(f'... {len(lines) - 400} more lines in {tree}')
            except Exception as e:
                print(f'(could not record the failure: {e})')
            return 1
        finally:
            desk.kill()
        print(f'PASS: {args.scenario} in {time.monotonic() - started:.1f} s',
              flush=True)
        return 0
    finally:
        launcher.terminate()
        launcher.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--build-root')
    parser.add_argument('--scenario', required=True)
    parser.add_argument('--shots', required=True)
    parser.add_argument('--inner', action='store_true')
    args = parser.parse_args()
    if args.inner:
        return inner(args)
    if not shutil.which('Xvfb') or not shutil.which('xdotool'):
        print('Xvfb or xdotool is missing: '
              'run build-aux/install-deps.sh --test')
        return 77
    return outer(args)


if __name__ == '__main__':
    sys.exit(main())

# Helpers for the end-to-end tests: the installed binary driven through
# its accessibility tree (AT-SPI), typing with xdotool, checks on the
# database with the sqlite3 command and screenshots of each step.
#
# GTK 4.8 over AT-SPI: actions ("click") and names work; grabbing focus
# and reading editable text do not, and hidden stack pages stay in the
# tree. So typing goes through xdotool and what was saved is read from
# the database or the exported file.

import os
import re
import subprocess
import sys
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402

DEFAULT_TIMEOUT = float(os.environ.get('DESK_E2E_TIMEOUT', '20'))

# A name GTK 4.8 falls back to when a widget has none: its type name.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Desk)[A-Z][A-Za-z]*$')


class StepFailed(AssertionError):
    pass


def log(msg):
    print(msg, flush=True)


def wait_for(what, condition, timeout=DEFAULT_TIMEOUT, interval=0.1):
    """Calls condition until it returns something true; fails after
    timeout seconds saying what was awaited."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            result = condition()
            if result:
                return result
        except (gi.repository.GLib.Error, RuntimeError) as e:
            last_error = e
        if time.monotonic() > deadline:
            extra = f' (last error: {last_error})' if last_error else ''
            raise StepFailed(f'timed out after {timeout:.0f} s waiting for '
                             f'{what}{extra}')
        time.sleep(interval)


# Accessible nodes

def role(node):
    try:
        return node.get_role_name()
    except gi.repository.GLib.Error:
        return ''


def name(node):
    try:
        return node.get_name() or ''
    except gi.repository.GLib.Error:
        return ''


def clean(text):
    """A GTK 4.8 button name may be "_Save Save" (its label with the
    mnemonic, then its child label): keep the words a person reads."""
    text = text.replace('_', '')
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1:]:
        return text[:half]
    return text


def states(node):
    try:
        return node.get_state_set()
    except gi.repository.GLib.Error:
        return None


def has_state(node, state):
    s = states(node)
    return s is not None and s.contains(state)


def children(node):
    try:
        n = node.get_child_count()
    except gi.repository.GLib.Error:
        return []
    out = []
    for i in range(n):
        try:
            c = node.get_child_at_index(i)
        except gi.repository.GLib.Error:
            continue
        if c is not None:
            out.append(c)
    return out


def extents(node):
    try:
        comp = node.get_component_iface()
    except (gi.repository.GLib.Error, AttributeError):
        comp = None
    if comp is None:
        return None
    try:
        return comp.get_extents(Atspi.CoordType.WINDOW)
    except gi.repository.GLib.Error:
        return None


def shown(node):
    """Whether a node has room on screen. GTK 4.8 marks every widget
    VISIBLE, even on hidden stack pages, and never SHOWING; a widget that
    is not on screen has an empty box (or, once hidden, an old one)."""
    e = extents(node)
    return e is not None and e.width > 0 and e.height > 0


def _hidden_page(node):
    """Stack pages and the window's pages that are not on screen, so a
    search skips their whole subtree."""
    n = name(node)
    if n != 'GtkStackPage' and not re.match(r'^Desk[A-Za-z]*(Page|Detail)$', n):
        return False
    if shown(node):
        return False
    kids = children(node)
    return not (kids and shown(kids[0]))


def walk(node, only_visible=True, depth=0, skip=None):
    yield node, depth
    for c in children(node):
        if only_visible and _hidden_page(c):
            continue
        if skip is not None and skip.search(name(c)):
            continue
        yield from walk(c, only_visible, depth + 1, skip)


def text_of(node):
    """The text of a label (its name in GTK 4.8)."""
    return clean(name(node))


def dump(node, out=sys.stdout, only_visible=False):
    for n, depth in walk(node, only_visible):
        flags = ''
        for letter, state in (('V', Atspi.StateType.VISIBLE),
                              ('S', Atspi.StateType.SHOWING),
                              ('E', Atspi.StateType.ENABLED),
                              ('F', Atspi.StateType.FOCUSABLE),
                              ('*', Atspi.StateType.FOCUSED),
                              ('x', Atspi.StateType.CHECKED),
                              ('s', Atspi.StateType.SELECTED)):
            if has_state(n, state):
                flags += letter
        try:
            desc = n.get_description() or ''
        except gi.repository.GLib.Error:
            desc = ''
        line = '  ' * depth + f'{role(n)} {name(n)!r} [{flags}]'
        if desc:
            line += f' desc={desc!r}'
        print(line, file=out)


def action_names(node):
    try:
        ai = node.get_action_iface()
    except (gi.repository.GLib.Error, AttributeError):
        return []
    if ai is None:
        return []
    try:
        return [ai.get_action_name(i) for i in range(ai.get_n_actions())]
    except gi.repository.GLib.Error:
        return []


def do_action(node, action='click'):
    ai = node.get_action_iface()
    names = [ai.get_action_name(i) for i in range(ai.get_n_actions())]
    if action not in names:
        raise StepFailed(f'{role(node)} {name(node)!r} has no action '
                         f'{action!r} (has {names})')
    ai.do_action(names.index(action))


def matches(node, want_role, want_name):
    if want_role is not None:
        roles = (want_role,) if isinstance(want_role, str) else want_role
        if role(node) not in roles:
            return False
    if want_name is None:
        return True
    n = clean(name(node))
    if isinstance(want_name, re.Pattern):
        return want_name.search(n) is not None
    return n == want_name


def find_all(root, want_role=None, want_name=None, only_visible=True,
             skip=None):
    found = [n for n, _ in walk(root, only_visible, skip=skip)
             if matches(n, want_role, want_name)]
    if only_visible:
        found = [n for n in found if shown(n)]
    return found


def find(root, want_role=None, want_name=None, timeout=DEFAULT_TIMEOUT,
         only_visible=True, skip=None):
    what = f'{want_role or "node"} named {want_name!r}'

    def look():
        found = find_all(root, want_role, want_name, only_visible, skip)
        return found[0] if found else None

    return wait_for(what, look, timeout)


def enabled(node):
    return (has_state(node, Atspi.StateType.ENABLED)
            and has_state(node, Atspi.StateType.SENSITIVE))


# Input through the X server

def xdotool(*args):
    subprocess.run(['xdotool', *args], check=True, timeout=20)


def key(*keys):
    for k in keys:
        xdotool('key', '--clearmodifiers', k)
        time.sleep(0.05)


def type_text(text):
    xdotool('type', '--delay', '15', '--', text)


def focus_window(title, timeout=DEFAULT_TIMEOUT):
    """Gives the keyboard to the newest window with this title."""
    pattern = '^' + re.sub(r'([][\\.^$*+?(){}|])', r'\\\1', title) + '$'

    def search():
        r = subprocess.run(['xdotool', 'search', '--name', pattern],
                           capture_output=True, text=True)
        ids = r.stdout.split()
        return ids[-1] if ids else None

    wid = wait_for(f'an X window titled {title!r}', search, timeout)
    subprocess.run(['xdotool', 'windowactivate', '--sync', wid],
                   capture_output=True)
    subprocess.run(['xdotool', 'windowfocus', '--sync', wid],
                   capture_output=True)
    return wid


# The stored data

def sql(db, query):
    r = subprocess.run(['sqlite3', '-readonly', '-separator', '|', db, query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise StepFailed(f'sqlite3 {query!r}: {r.stderr.strip()}')
    return [line.split('|') for line in r.stdout.splitlines()]


def window_geometry(title):
    """Where the X window with this title sits on the screen, and its
    size."""
    r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name',
                        f'^{title}$', 'getwindowgeometry', '--shell'],
                       capture_output=True, text=True)
    g = {}
    for line in r.stdout.splitlines():
        k, _, v = line.partition('=')
        if k in ('X', 'Y', 'WIDTH', 'HEIGHT'):
            g[k] = int(v)
    if 'X' not in g:
        raise StepFailed(f'no window titled {title!r} on screen')
    return g['X'], g['Y'], g['WIDTH'], g['HEIGHT']


def toplevel(node):
    n = node
    while True:
        try:
            p = n.get_parent()
        except gi.repository.GLib.Error:
            return n
        if p is None or role(p) == 'application':
            return n
        n = p


def scroll_into_view(node):
    """Scrolls with the wheel until the node is inside its window."""
    title = name(toplevel(node))
    ox, oy, width, height = window_geometry(title)
    for _ in range(60):
        e = extents(node)
        if e is None or e.width <= 0:
            raise StepFailed(f'{role(node)} {name(node)!r} has no place on '
                             f'screen')
        if e.y < 50:
            wheel = '4'
        elif e.y + min(e.height, 60) > height - 10:
            wheel = '5'
        else:
            # Scrolling animates: click only where the node stays put.
            time.sleep(0.15)
            again = extents(node)
            if (again.x, again.y) == (e.x, e.y):
                return ox, oy, e
            continue
        # In the margin, away from text views that scroll on their own.
        xdotool('mousemove', str(ox + 20), str(oy + height // 2))
        xdotool('click', wheel)
        time.sleep(0.05)
    raise StepFailed(f'{role(node)} {name(node)!r} could not be scrolled '
                     f'into view')


def click_at(node, button='1'):
    """Clicks in the middle of a node with the pointer, as a person
    would: used to put the caret in an entry, which AT-SPI cannot."""
    ox, oy, e = scroll_into_view(node)
    x = ox + e.x + e.width // 2
    y = oy + e.y + min(e.height // 2, 25)
    if os.environ.get('DESK_E2E_DEBUG'):
        log(f'  click at {x},{y} on {role(node)} {name(node)!r}')
    xdotool('mousemove', str(x), str(y))
    xdotool('click', button)
    time.sleep(0.15)


class Desk:
    """The installed application, started on one database."""

    def __init__(self, binary, database, shots_dir):
        self.binary = binary
        self.database = database
        self.shots_dir = shots_dir
        self.proc = None
        self.app = None
        self.shot = 0
        self.log_path = os.path.join(shots_dir, 'app.log')

    def start(self):
        log_file = open(self.log_path, 'a')
        self.proc = subprocess.Popen([self.binary, '--database', self.database],
                                     stdout=log_file, stderr=log_file)

        def find_app():
            if self.proc.poll() is not None:
                raise StepFailed(f'the application exited with status '
                                 f'{self.proc.returncode}; see {self.log_path}')
            desk = Atspi.get_desktop(0)
            for a in children(desk):
                try:
                    if a.get_process_id() == self.proc.pid:
                        return a
                except gi.repository.GLib.Error:
                    pass
            return None

        self.app = wait_for('the application on the accessibility bus',
                            find_app, timeout=60)
        self.window = wait_for('the main window',
                               lambda: [w for w in children(self.app)
                                        if role(w) == 'frame'
                                        and name(w) == 'IncidentDesk'], 30)[0]
        focus_window('IncidentDesk')
        return self

    def quit(self):
        focus_window('IncidentDesk')
        key('ctrl+q')
        try:
            self.proc.wait(timeout=DEFAULT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise StepFailed('the application did not quit on Ctrl+Q')
        if self.proc.returncode != 0:
            raise StepFailed(f'the application quit with status '
                             f'{self.proc.returncode}')
        self.proc = None

    def wait_window_gone(self, title, timeout=DEFAULT_TIMEOUT):
        """Waits, asking the X server only, until no window of the
        application has this title, then lets GTK settle."""
        def gone():
            r = subprocess.run(['xdotool', 'search', '--onlyvisible',
                                '--name', f'^{title}$'],
                               capture_output=True, text=True)
            return not r.stdout.split()
        wait_for(f'the window {title!r} to close', gone, timeout)
        time.sleep(1)

    def focus_newest(self):
        """Gives the keyboard to the application's newest window, such as
        a message dialog, which has no X title to search for."""
        r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--pid',
                            str(self.proc.pid)], capture_output=True,
                           text=True)
        ids = sorted(r.stdout.split(), key=int)
        if not ids:
            raise StepFailed('the application has no window on screen')
        subprocess.run(['xdotool', 'windowfocus', '--sync', ids[-1]],
                       capture_output=True, timeout=20)

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def windows(self):
        return children(self.app)

    def dialog(self, title, timeout=DEFAULT_TIMEOUT):
        def look():
            for w in children(self.app):
                if clean(name(w)) == title and w is not None:
                    return w
            return None
        return wait_for(f'a window titled {title!r}', look, timeout)

    def no_dialog(self, title, timeout=DEFAULT_TIMEOUT):
        wait_for(f'the window {title!r} to close',
                 lambda: all(clean(name(w)) != title
                             for w in children(self.app)), timeout)

    def screenshot(self, label):
        self.shot += 1
        path = os.path.join(self.shots_dir, f'{self.shot:02d}-{label}.png')
        subprocess.run(['import', '-window', 'root', path],
                       capture_output=True)
        return path

    def dump_tree(self, path):
        with open(path, 'w') as out:
            for w in children(self.app):
                print(f'=== window {role(w)} {name(w)!r}', file=out)
                dump(w, out)


def expect(what, actual, wanted):
    if actual != wanted:
        raise StepFailed(f'{what}: expected {wanted!r}, got {actual!r}')
    log(f'  ok: {what} = {actual!r}')


def label_shown(root, text, timeout=DEFAULT_TIMEOUT):
    """Waits for a label (or status page) with this text on screen."""
    node = find(root, ('label', 'panel', 'alert', 'notification',
                       'status bar'), text, timeout)
    log(f'  ok: the user sees {text!r}')
    return node


# The pages, skipped when looking for a toast, which lives beside them.
PAGES = re.compile(r'^Desk[A-Za-z]*(Page|Detail)$')


def toast_shown(desk, text, timeout=DEFAULT_TIMEOUT):
    node = find(desk.window, None, text, timeout, skip=PAGES)
    log(f'  ok: the toast says {text!r}')
    return node

# Every control that a person can operate has a name that assistive
# technology can read: the check visits every page and dialog (on an
# empty database, then on demo data) and walks each window's whole
# accessible tree.

import re
import time

from desk_e2e import (TYPE_NAME, _hidden_page, StepFailed, Atspi, children, click_at,
                      clean, do_action, find, find_all, focus_window,
                      has_state, key, log, name, role, toplevel, walk,
                      wait_for)

INTERACTIVE = {
    'push button', 'toggle button', 'check box', 'radio button',
    'combo box', 'entry', 'text', 'password text', 'menu item',
    'check menu item', 'radio menu item', 'spin button', 'link', 'slider',
    'switch', 'page tab', 'list item', 'table row', 'tree item',
}

# A name that is an icon name, such as "list-add-symbolic".
ICON_NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)+$')

# Controls built inside GTK 4.8 and libadwaita 1.2 themselves, which the
# application cannot name: (where: the window's name or an ancestor's,
# role, the name GTK shows, why).
UPSTREAM = [
    ('Keyboard Shortcuts', 'entry', 'GtkSearchEntry',
     'GtkShortcutsWindow: its own search entry'),
    ('Keyboard Shortcuts', 'push button', 'GtkImage',
     'GtkShortcutsWindow: its own search button'),
    ('Keyboard Shortcuts', 'push button', 'GtkMenuButton',
     'GtkShortcutsWindow: its own section menu'),
    ('Preferences', 'entry', 'GtkSearchEntry',
     'AdwPreferencesWindow: its own search entry'),
    ('About', 'push button', 'GtkImage',
     'AdwAboutWindow: its own back button'),
    ('About', 'push button', 'GtkButton',
     'AdwAboutWindow: its own button on the legal page'),
    ('About', 'text', 'GtkTextView',
     'AdwAboutWindow: its own licence text'),
    ('AdwToastWidget', 'push button', 'GtkImage',
     'AdwToast: its own dismiss button'),
]


def readable_name(node):
    n = clean(name(node)).strip()
    if not n or TYPE_NAME.match(n) or ICON_NAME.match(n):
        return None
    return n


def has_text_inside(node, depth=0):
    """Whether a row holds a label a screen reader reads out with it."""
    if depth > 6:
        return False
    for c in children(node):
        if role(c) == 'label' and readable_name(c):
            return True
        if has_text_inside(c, depth + 1):
            return True
    return False


def walk_rows_sampled(node, depth=0):
    """Like walk, but only the first rows of a long list or table: rows
    are made from one template, and a list of 500 would take minutes."""
    yield node, depth
    kids = [c for c in children(node) if not _hidden_page(c)]
    if role(node) in ('list', 'table', 'tree', 'tree table') and \
            len(kids) > 8:
        kids = kids[:8]
    for c in kids:
        yield from walk_rows_sampled(c, depth + 1)


def where(node):
    """The named ancestors of a node, to find it in the templates."""
    parts = []
    n = node
    for _ in range(40):
        try:
            n = n.get_parent()
        except Exception:
            break
        if n is None or role(n) == 'application':
            break
        nm = name(n)
        if nm and nm not in ('GtkStackPage',):
            parts.append(f'{role(n)} {nm!r}')
    return ' < '.join(parts[:4])


class Checker:
    def __init__(self, desk):
        self.desk = desk
        self.problems = {}
        self.checked = 0
        self.missing = []
        self.upstream = set()

    def check(self, label, window=None):
        """Walks a window (by default the main one) as it is now, leaving
        out the pages that are not on screen."""
        desk = self.desk
        found = 0
        started = time.monotonic()
        for window in [window or desk.window]:
            if not readable_name(window):
                key_ = (role(window), name(window), '', 'a window')
                if key_ not in self.problems:
                    self.problems[key_] = label
                    found += 1
            for node, _ in walk_rows_sampled(window):
                r = role(node)
                if r not in INTERACTIVE:
                    continue
                self.checked += 1
                if readable_name(node):
                    continue
                if r in ('list item', 'table row', 'tree item', 'page tab'):
                    # Rows are read out with the text they hold.
                    if has_text_inside(node):
                        continue
                parent = node.get_parent()
                if r == 'push button' and role(parent) in ('push button',
                                                           'combo box'):
                    # The inner button of a menu button or a drop-down,
                    # made by GTK: the outer control carries the name.
                    if readable_name(parent):
                        continue
                place = f"'{clean(name(window))}' < {where(node)}"
                known = [w for w, ur, un, _ in UPSTREAM
                         if f"'{w}'" in place and r == ur and name(node) == un]
                if known:
                    self.upstream.add((known[0], r, name(node)))
                    continue
                try:
                    desc = node.get_description() or ''
                except Exception:
                    desc = ''
                key_ = (r, name(node), desc, where(node))
                if key_ not in self.problems:
                    self.problems[key_] = label
                    found += 1
        log(f'  checked {label}: {found} new unnamed control(s) in '
            f'{time.monotonic() - started:.1f} s')
        for k, v in self.problems.items():
            if v == label:
                log(f'    {k[0]} {k[1]!r} desc={k[2]!r} in {k[3]}')
        desk.screenshot('a11y-' + re.sub(r'\W+', '-', label.lower()))

    def report(self):
        log(f'{self.checked} controls checked')
        for w, ur, un, why in UPSTREAM:
            if (w, ur, un) in self.upstream:
                log(f'  known, made by the toolkit: {ur} {un!r} in {w!r} '
                    f'({why})')
        if self.missing:
            log(f'  not checked, no window opened: {", ".join(self.missing)}')
        if not self.problems:
            log('  ok: every control has a name')
            return
        lines = []
        for (r, n, desc, path), label in sorted(self.problems.items(),
                                                key=lambda kv: kv[1]):
            hint = f' (tooltip/description {desc!r})' if desc else ''
            lines.append(f'  on {label}: {r} named {n!r}{hint}\n'
                         f'      in {path}')
        raise StepFailed(f'{len(self.problems)} control(s) without an '
                         f'accessible name:\n' + '\n'.join(lines))


def open_page(desk, page):
    tab = find(desk.window, 'page tab', page)
    do_action(tab)
    wait_for(f'the {page} page', lambda: has_state(
        tab, Atspi.StateType.SELECTED), 5)
    time.sleep(0.5)


def with_dialog(desk, checker, keys, label):
    """Opens a window with a shortcut, checks it and closes it."""
    focus_window('IncidentDesk')
    before = {name(w) for w in children(desk.app)}
    key(*keys)

    def new_window():
        new = [w for w in children(desk.app) if name(w) not in before]
        return new[0] if new else None

    try:
        window = wait_for(f'a window for {label}', new_window, 10)
    except StepFailed:
        checker.missing.append(label)
        log(f'  {label}: no window opened')
        return
    time.sleep(0.8)
    checker.check(label, window)
    title = clean(name(window))
    focus_window(title)
    key('Escape')
    desk.no_dialog(title)


def run(desk):
    checker = Checker(desk)
    desk.start()
    find(desk.window, 'label', 'No Incidents Yet')
    checker.check('dashboard, empty')
    for page in ('Incidents', 'SLA', 'Problems', 'Help'):
        open_page(desk, page)
        checker.check(f'{page}, empty')

    # Demo data fills every page.
    open_page(desk, 'Dashboard')
    demo = find(desk.window, 'push button', re.compile('Load Demo Data'))
    do_action(demo)
    find(desk.window, 'label', 'Most recent incidents', timeout=60)
    checker.check('dashboard with data')

    open_page(desk, 'Incidents')
    checker.check('incidents with data')
    listpage = find(desk.window, None, 'DeskIncidentListPage',
                    only_visible=False)
    open_page(desk, 'SLA')
    checker.check('SLA with data')
    open_page(desk, 'Problems')
    checker.check('problems with data')
    open_page(desk, 'Help')
    checker.check('help')

    # The detail of an incident.
    open_page(desk, 'Dashboard')
    dash = find(desk.window, None, 'DeskDashboardPage', only_visible=False)
    recent = find(dash, 'list item', re.compile('.'))
    click_at(recent)
    find(desk.window, None, 'DeskIncidentDetail', only_visible=False)
    time.sleep(1)
    checker.check('incident detail')
    focus_window('IncidentDesk')
    key('alt+Left')

    # The main menu and its popover.
    menu = [n for n in find_all(desk.window, 'push button')
            if 'Main Menu' in (n.get_description() or '')
            or clean(name(n)) == 'Main Menu']
    if menu:
        do_action(menu[-1])
        time.sleep(0.8)
        checker.check('main menu')
        about = find_all(desk.app, 'menu item', re.compile('About'))
        if about:
            do_action(about[0])
            time.sleep(1)
            checker.check('about', desk.dialog('About'))
            key('Escape')
        else:
            key('Escape')

    # Dialogs.
    for keys, label in ((['ctrl+n'], 'create dialog'),
                        (['ctrl+comma'], 'preferences'),
                        (['ctrl+question'], 'shortcuts'),
                        (['ctrl+e'], 'export dialog'),
                        (['ctrl+i'], 'import dialog')):
        with_dialog(desk, checker, keys, label)

    checker.report()

# The whole job as a person with a mouse does it: create an incident,
# fail to save invalid ones, move it to Closed, read the SLA tracker,
# use the calculator, export the list, quit and find it all again.

import calendar
import csv
import io
import shutil
import datetime
import os
import re
import time

from desk_e2e import (StepFailed, Atspi, click_at, clean, do_action, expect,
                      action_names, children, focus_window,
                      find, find_all, has_state, key, label_shown, log, name,
                      role, sql, toast_shown, type_text, wait_for,
                      xdotool)

TITLE = 'Mail relay down, "smtp-2" rejects'
SERVICE = 'Mail relay'
RESOLUTION = 'Restarted smtp-2 with the old TLS certificate'
ROOT_CAUSE = 'The renewed TLS certificate lacked the relay host name'
WHYS = [
    'Clients refused the relay certificate',
    'The certificate lacked the relay name',
    'The renewal request listed one name only',
    'The request template was copied from the web server',
    'Nobody reviews certificate requests',
]
SEVERITIES = ['SEV1 Critical', 'SEV2 High', 'SEV3 Medium', 'SEV4 Low']
IMPACTS = ['Outage', 'Degraded', 'None']
PERIODS = ['1 day', '7 days', '30 days', '90 days', '365 days', 'Custom length']


def fmt(t):
    return t.strftime('%Y-%m-%d %H:%M')


class Times:
    """Detected three hours ago, an outage of 90 minutes from then."""

    def __init__(self):
        now = datetime.datetime.utcnow().replace(second=0, microsecond=0)
        self.detected = now - datetime.timedelta(hours=3)
        self.impact_end = self.detected + datetime.timedelta(minutes=90)
        month_start = now.replace(day=1, hour=0, minute=0)
        start = max(self.detected, month_start)
        self.downtime_min = max(0, int((self.impact_end - start)
                                       .total_seconds() // 60))
        days = calendar.monthrange(now.year, now.month)[1]
        self.period_min = days * 24 * 60
        self.uptime = 100 * (self.period_min - self.downtime_min) \
            / self.period_min

    def downtime_text(self):
        h, m = divmod(self.downtime_min, 60)
        return f'{h} h {m} min' if h else f'{m} min'

    def state(self):
        allowed = self.period_min * 0.001
        if self.downtime_min > allowed:
            return 'Breached'
        return 'At risk' if self.downtime_min >= 0.75 * allowed else 'Met'


def editable(root, field):
    """The entry row (role text) with this title."""
    return find(root, 'text', field)


def fill(root, field, text, replace=True):
    node = editable(root, field)
    click_at(node)
    time.sleep(0.1)
    if replace:
        key('ctrl+a', 'BackSpace')
    if text:
        type_text(text)
    return node


def choose(root, combo_name, items, wanted):
    """Opens a combo row with a click and picks an item with the
    keyboard inside its popover (its place is not known to AT-SPI)."""
    combo = find(root, 'combo box', combo_name)
    click_at(combo)
    time.sleep(0.3)
    key('Home')
    for _ in range(items.index(wanted)):
        key('Down')
    key('Return')
    wait_for(f'{combo_name} to show {wanted!r}',
             lambda: find_all(combo, 'label', wanted), 5)
    log(f'  ok: {combo_name} is {wanted!r}')


def sensitive(node):
    return has_state(node, Atspi.StateType.SENSITIVE)


def incident_row(db):
    rows = sql(db, 'SELECT reference, title, severity, status, '
                   'ifnull(resolution, \'\'), ifnull(root_cause, \'\') '
                   'FROM incidents')
    return rows


def count(db):
    return int(sql(db, 'SELECT count(*) FROM incidents')[0][0])


def open_page(desk, page):
    tab = find(desk.window, 'page tab', page)
    do_action(tab)
    wait_for(f'the {page} page to be selected',
             lambda: has_state(tab, Atspi.StateType.SELECTED), 5)


def open_main_menu_item(desk, item):
    menu = find(desk.window, 'push button', 'Main Menu')
    # GTK 4.8 puts the click on the menu button's inner toggle button.
    do_action(children(menu)[0] if not action_names(menu) else menu)
    entry = find(desk.window, 'menu item', item)
    do_action(entry)


def export_csv(desk, path):
    open_main_menu_item(desk, 'Export…')
    dialog = desk.dialog('Export')
    label_shown(dialog, '1 incident')
    desk.screenshot('export-dialog')
    do_action(find(dialog, 'push button', 'Export'))
    # Without a portal, GtkFileChooserNative shows GTK's own dialog.
    chooser = desk.dialog('Export to File')
    focus_window('Export to File')
    find(chooser, 'text', re.compile('Name'), timeout=5)
    key('ctrl+a')
    type_text(path)
    desk.screenshot('export-file-name')
    key('Return')
    # GTK 4.8 may crash when its accessible tree is read while the file
    # chooser is being destroyed: wait through the X server first.
    desk.wait_window_gone('Export to File')
    wait_for(f'{path} to be written', lambda: os.path.exists(path), 20)
    toast_shown(desk, 'Exported 1 incident')


def check_csv(path):
    with open(path, 'rb') as f:
        data = f.read()
    header = data.split(b'\n', 1)[0]
    if not header.endswith(b'\r') or not data.endswith(b'\r\n'):
        raise StepFailed(f'{path} does not end its lines with CRLF: '
                         f'{data[:300]!r}')
    quoted = b'"Mail relay down, ""smtp-2"" rejects"'
    if quoted not in data:
        raise StepFailed(f'{path} lacks the quoted title {quoted!r}:\n'
                         f'{data[:400]!r}')
    log(f'  ok: the title is quoted as {quoted.decode()}')
    rows = list(csv.DictReader(io.StringIO(data.decode('utf-8'),
                                           newline='')))
    expect('exported rows', len(rows), 1)
    row = rows[0]
    for column, wanted in (('reference', 'INC-000001'), ('title', TITLE),
                           ('service', SERVICE), ('severity', 'SEV2'),
                           ('status', 'Closed'), ('root_cause', ROOT_CAUSE),
                           ('resolution', RESOLUTION)):
        if column not in row:
            raise StepFailed(f'{path} has no column {column!r}: '
                             f'{list(row)}')
        expect(f'exported {column}', row[column], wanted)


def run(desk):
    db = desk.database
    times = Times()

    # 1. A fresh database: the dashboard's empty state.
    desk.start()
    label_shown(desk.window, 'No Incidents Yet')
    desk.screenshot('dashboard-empty')

    # 2. The Create incident dialog refuses an empty title.
    do_action(find(desk.window, 'push button', 'Create Incident'))
    dialog = desk.dialog('New Incident')
    save = find(dialog, 'push button', 'Save')
    label_shown(dialog, 'Add a title to save')
    if sensitive(save):
        raise StepFailed('Save is enabled with an empty title')
    fill(dialog, 'Service', SERVICE)
    fill(dialog, 'Title', 'x')
    wait_for('Save to become enabled', lambda: sensitive(save), 5)
    key('BackSpace')
    wait_for('Save to be disabled again', lambda: not sensitive(save), 5)
    label_shown(dialog, 'The title cannot be empty.')
    label_shown(dialog, 'Add a title to save')
    desk.screenshot('create-empty-title')
    do_action(save)
    time.sleep(0.5)
    expect('incidents stored after saving an empty title', count(db), 0)

    # 3. A valid incident, typed into the form.
    fill(dialog, 'Title', TITLE)
    fill(dialog, 'Detected', fmt(times.detected))
    choose(dialog, 'Impact', IMPACTS, 'Outage')
    choose(dialog, 'Severity', SEVERITIES, 'SEV2 High')
    desk.screenshot('create-filled')
    wait_for('Save to be enabled', lambda: sensitive(save), 5)
    do_action(save)
    toast_shown(desk, 'Incident INC-000001 saved')
    desk.screenshot('created-toast')
    desk.no_dialog('New Incident')
    rows = incident_row(db)
    expect('stored incidents', [r[:4] for r in rows],
           [['INC-000001', TITLE, '2', '0']])
    expect('stored service',
           sql(db, 'SELECT s.name FROM incidents i JOIN services s '
                   'ON s.id = i.service_id'), [[SERVICE]])

    # The detail opened; back to the list, where it shows.
    detail = find(desk.window, None, 'DeskIncidentDetail', only_visible=False)
    label_shown(detail, 'INC-000001')
    do_action(find(desk.window, 'push button', 'Back'))
    open_page(desk, 'Incidents')
    label_shown(desk.window, TITLE)
    desk.screenshot('list')

    # 4. Acknowledged before detected is refused at the field. (The
    # resolved time opens only once the incident is resolved.)
    listpage = find(desk.window, None, 'DeskIncidentListPage',
                    only_visible=False)
    cell = find(listpage, 'label', TITLE)
    click_at(cell)
    time.sleep(0.5)
    label_shown(detail, 'INC-000001')
    fill(detail, 'Acknowledged',
         fmt(times.detected - datetime.timedelta(days=1)))
    dsave = find(detail, 'push button', 'Save')
    label_shown(detail,
                'The acknowledged time cannot be before the detected time.')
    if sensitive(dsave):
        raise StepFailed('Save is enabled with acknowledged before detected')
    do_action(dsave)
    time.sleep(0.5)
    desk.screenshot('detail-acknowledged-before-detected')
    expect('acknowledged time stored after the refused save',
           sql(db, 'SELECT ifnull(acknowledged_at, \'none\') FROM incidents'),
           [['none']])
    fill(detail, 'Acknowledged', '')

    # The outage: 90 minutes from the detected time.
    fill(detail, 'Impact start', fmt(times.detected))
    fill(detail, 'Impact end', fmt(times.impact_end))
    do_action(dsave)
    toast_shown(desk, 'Incident INC-000001 saved')

    # 5. New -> Investigating -> Resolved -> Closed.
    do_action(find(detail, 'push button', 'Investigating'))
    toast_shown(desk, 'INC-000001 is now Investigating')
    expect('stored status', sql(db, 'SELECT status FROM incidents'), [['1']])

    do_action(find(detail, 'push button', 'Resolved'))
    resolve = desk.dialog('Resolve INC-000001?')
    resolve_button = find(resolve, 'push button', 'Resolve')
    desk.screenshot('resolve-dialog')
    type_text(RESOLUTION)
    do_action(resolve_button)
    toast_shown(desk, 'INC-000001 is now Resolved')
    expect('stored status and resolution',
           sql(db, 'SELECT status, resolution FROM incidents'),
           [['5', RESOLUTION]])

    fill(detail, 'Root cause', ROOT_CAUSE)
    for i, why in enumerate(WHYS, 1):
        fill(detail, f'Why {i}', why)
    desk.screenshot('rca-filled')
    do_action(dsave)
    toast_shown(desk, 'Incident INC-000001 saved')
    expect('stored root cause',
           sql(db, 'SELECT root_cause FROM incidents'), [[ROOT_CAUSE]])
    whys = '\n'.join(r[0] for r in sql(db, 'SELECT five_whys FROM incidents'))
    for why in WHYS:
        if why not in whys:
            raise StepFailed(f'the stored five whys {whys!r} lack {why!r}')
    log('  ok: the five whys are stored')

    # The root cause is there, so Closed asks nothing more.
    do_action(find(detail, 'push button', 'Closed'))
    toast_shown(desk, 'INC-000001 is now Closed')
    expect('stored status', sql(db, 'SELECT status FROM incidents'), [['6']])
    desk.screenshot('closed')
    do_action(find(desk.window, 'push button', 'Back'))

    # 6. The SLA tracker: downtime and uptime of the service this month.
    open_page(desk, 'SLA')
    sla = find(desk.window, None, 'DeskSlaPage', only_visible=False)
    find(sla, 'list item', SERVICE)
    wanted = f'{times.uptime:.5f} %, down {times.downtime_text()}'
    figures = find(sla, 'label', re.compile(r'^[0-9.]+ %, down '))
    desk.screenshot('sla')
    expect(f'uptime and downtime of {SERVICE} this month',
           clean(name(figures)), wanted)
    label_shown(sla, times.state())

    # 7. The calculator.
    calc = find(sla, None, 'DeskSlaCalculator', only_visible=False)
    choose(calc, re.compile('^Period'), PERIODS, '30 days')
    for downtime, uptime, state in (('43', '99.90046 %', 'At risk'),
                                    ('44', '99.89815 %', 'Breached')):
        fill(calc, 'Target (%)', '99.9')
        fill(calc, 'Downtime (minutes)', downtime)
        label_shown(calc, uptime)
        label_shown(calc, state)
        desk.screenshot(f'calculator-{downtime}')

    # 8. Export the list to CSV through the dialog, from the main menu.
    csv_path = os.path.join(os.path.dirname(db), 'incidents.csv')
    export_csv(desk, csv_path)
    shutil.copy(csv_path, desk.shots_dir)
    check_csv(csv_path)
    desk.screenshot('exported')

    # 9. Quit, start again, find everything still there.
    desk.quit()
    desk.start()
    open_page(desk, 'Incidents')
    label_shown(desk.window, TITLE)
    open_page(desk, 'Dashboard')
    find(desk.window, 'push button', 'Closed 1')
    log('  ok: the dashboard counts 1 closed incident')
    open_page(desk, 'SLA')
    sla = find(desk.window, None, 'DeskSlaPage', only_visible=False)
    figures = find(sla, 'label', re.compile(r'^[0-9.]+ %, down '))
    expect(f'uptime and downtime of {SERVICE} after the restart',
           clean(name(figures)), wanted)
    desk.screenshot('restarted')
    expect('stored incidents after restart',
           [r[:4] for r in incident_row(db)],
           [['INC-000001', TITLE, '2', '6']])
    desk.quit()

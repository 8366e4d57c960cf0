# The same job with the keyboard alone: shortcuts (Ctrl+N, Ctrl+F,
# Ctrl+S, Ctrl+E, F1, Ctrl+Q), mnemonics (Alt+letter), Tab, arrows,
# Enter and Escape. No pointer moves at all; AT-SPI only reads.

import datetime
import os
import re
import time

from desk_e2e import (StepFailed, Atspi, clean, expect, find, find_all,
                      focus_window,
                      has_state, key, label_shown, log, name, sql,
                      toast_shown, type_text, wait_for)
from scenario_mouse import (RESOLUTION, ROOT_CAUSE, SERVICE, TITLE, WHYS,
                            Times, check_csv, count, fmt, incident_row)


def press(*keys):
    key(*keys)
    time.sleep(0.15)


def replace(text):
    press('ctrl+a', 'BackSpace')
    if text:
        type_text(text)


def tab_to(node, what, back=False, limit=40):
    """Moves the focus with Tab (or Shift+Tab) until it is on node."""
    nodes = node if isinstance(node, list) else [node]
    for _ in range(limit):
        if any(has_state(n, Atspi.StateType.FOCUSED) for n in nodes):
            log(f'  ok: the focus reached {what}')
            return
        press('shift+Tab' if back else 'Tab')
    raise StepFailed(f'{limit} presses of Tab did not reach {what}')


def pick(first_key, downs):
    """In an open drop-down: to the first item, down, Enter."""
    time.sleep(0.3)
    press(first_key)
    for _ in range(downs):
        press('Down')
    press('Return')


def run(desk):
    db = desk.database
    times = Times()
    desk.start()
    label_shown(desk.window, 'No Incidents Yet')
    desk.screenshot('dashboard-empty')

    # Ctrl+N: the title has the focus; Enter with no title saves nothing.
    focus_window('IncidentDesk')
    press('ctrl+n')
    dialog = desk.dialog('New Incident')
    focus_window('New Incident')
    press('alt+s')
    type_text(SERVICE)
    press('alt+t')
    press('Return')
    label_shown(dialog, 'Add a title to save')
    time.sleep(0.5)
    expect('incidents stored after Enter with no title', count(db), 0)

    type_text(TITLE)
    press('alt+d')
    replace(fmt(times.detected))
    press('alt+i')
    pick('Home', 0)
    press('alt+v')
    pick('Home', 1)
    find(dialog, 'label', 'Outage')
    find(dialog, 'label', 'SEV2 High')
    desk.screenshot('create-filled')
    press('alt+t')
    press('Return')
    toast_shown(desk, 'Incident INC-000001 saved')
    desk.no_dialog('New Incident')
    expect('stored incidents', [r[:4] for r in incident_row(db)],
           [['INC-000001', TITLE, '2', '0']])

    # The detail is open: acknowledged before detected is refused. (The
    # resolved time opens only once the incident is resolved.)
    detail = find(desk.window, None, 'DeskIncidentDetail', only_visible=False)
    focus_window('IncidentDesk')
    press('alt+k')
    type_text(fmt(times.detected - datetime.timedelta(days=1)))
    label_shown(detail,
                'The acknowledged time cannot be before the detected time.')
    press('ctrl+s')
    time.sleep(0.5)
    expect('acknowledged time stored after Ctrl+S on the refused change',
           sql(db, "SELECT ifnull(acknowledged_at, 'none') FROM incidents"),
           [['none']])
    desk.screenshot('detail-refused')
    replace('')

    # The outage: Acknowledged, then Tab to impact start and end.
    press('alt+k')
    press('Tab')
    replace(fmt(times.detected))
    press('Tab')
    replace(fmt(times.impact_end))
    press('ctrl+s')
    toast_shown(desk, 'Incident INC-000001 saved')
    start, end, detected = sql(db, 'SELECT impact_start, impact_end, '
                                   'detected_at FROM incidents')[0]
    expect('stored outage length in minutes',
           (int(end) - int(start)) // 60, 90)

    # Move to Investigating, then Resolved, with Tab and Enter.
    button = find(detail, 'push button', 'Investigating')
    press('alt+t')
    tab_to(button, 'Investigating', back=True)
    press('Return')
    toast_shown(desk, 'INC-000001 is now Investigating')
    expect('stored status', sql(db, 'SELECT status FROM incidents'), [['1']])

    button = find(detail, 'push button', 'Resolved')
    press('alt+t')
    tab_to(button, 'Resolved', back=True)
    press('Return')
    desk.dialog('Resolve INC-000001?')
    time.sleep(0.3)
    desk.focus_newest()
    type_text(RESOLUTION)
    press('alt+r')
    toast_shown(desk, 'INC-000001 is now Resolved')
    expect('stored status and resolution',
           sql(db, 'SELECT status, resolution FROM incidents'),
           [['5', RESOLUTION]])

    # Root cause and five whys by their mnemonics, Ctrl+S.
    focus_window('IncidentDesk')
    press('alt+c')
    type_text(ROOT_CAUSE)
    for i, why in enumerate(WHYS, 1):
        press(f'alt+{i}')
        type_text(why)
    desk.screenshot('rca-filled')
    press('ctrl+s')
    toast_shown(desk, 'Incident INC-000001 saved')
    expect('stored root cause',
           sql(db, 'SELECT root_cause FROM incidents'), [[ROOT_CAUSE]])

    button = find(detail, 'push button', 'Closed')
    press('alt+t')
    tab_to(button, 'Closed', back=True)
    press('Return')
    toast_shown(desk, 'INC-000001 is now Closed')
    expect('stored status', sql(db, 'SELECT status FROM incidents'), [['6']])

    # Alt+Left back; Tab to the SLA tab; the calculator by its mnemonics.
    focus_window('IncidentDesk')
    press('alt+Left')
    tab = find(desk.window, 'page tab', 'SLA')
    tab_to(find_all(desk.window, 'page tab', 'SLA', only_visible=False),
           'the SLA tab')
    press('Return')
    wait_for('the SLA page', lambda: has_state(tab, Atspi.StateType.SELECTED),
             5)
    sla = find(desk.window, None, 'DeskSlaPage', only_visible=False)
    figures = find(sla, 'label', re.compile(r'^[0-9.]+ %, down '))
    expect(f'uptime and downtime of {SERVICE} this month',
           clean(name(figures)),
           f'{times.uptime:.5f} %, down {times.downtime_text()}')
    calc = find(sla, None, 'DeskSlaCalculator', only_visible=False)
    press('alt+l')
    pick('Home', 2)
    find(calc, 'label', '30 days')
    for downtime, uptime, state in (('43', '99.90046 %', 'At risk'),
                                    ('44', '99.89815 %', 'Breached')):
        press('alt+d')
        replace(downtime)
        label_shown(calc, uptime)
        label_shown(calc, state)
    desk.screenshot('calculator')

    # Ctrl+F searches the list.
    press('ctrl+f')
    type_text('smtp-2')
    listpage = find(desk.window, None, 'DeskIncidentListPage',
                    only_visible=False)
    label_shown(listpage, '1 incident')
    label_shown(listpage, TITLE)
    desk.screenshot('search')

    # F1: the guide.
    press('F1')
    help_page = find(desk.window, None, 'DeskHelpPage', only_visible=False)
    find(help_page, 'label', re.compile('.'))
    desk.screenshot('help')

    # Ctrl+E: export; the file chooser takes a typed path.
    csv_path = os.path.join(os.path.dirname(db), 'keyboard.csv')
    press('ctrl+e')
    export = desk.dialog('Export')
    focus_window('Export')
    press('Return')
    desk.dialog('Export to File')
    focus_window('Export to File')
    replace(csv_path)
    press('Return')
    desk.wait_window_gone('Export to File')
    wait_for(f'{csv_path} to be written', lambda: os.path.exists(csv_path))
    toast_shown(desk, re.compile(r'^Exported 1 incident'))
    check_csv(csv_path)

    # Ctrl+Q, start again: all still there.
    desk.quit()
    desk.start()
    expect('stored incidents after restart',
           [r[:4] for r in incident_row(db)],
           [['INC-000001', TITLE, '2', '6']])
    focus_window('IncidentDesk')
    press('ctrl+f')
    listpage = find(desk.window, None, 'DeskIncidentListPage',
                    only_visible=False)
    label_shown(listpage, TITLE)
    desk.screenshot('restarted')
    desk.quit()

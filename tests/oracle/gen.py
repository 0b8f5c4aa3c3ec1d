#!/usr/bin/env python3
"""Seeded generator of small valid ipsdesk CSV directories.  usage: gen.py SEED DIR"""
import random, sys, os, datetime, csv, io

D = datetime.date


def q(v):
    v = '' if v is None else str(v)
    if any(ch in v for ch in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write(dirn, name, cols, rows, rnd):
    # shuffle column order sometimes; sometimes drop optional all-empty columns
    cols = list(cols)
    if rnd.random() < 0.3:
        rnd.shuffle(cols)
    out = io.StringIO()
    out.write(','.join(cols) + '\n')
    for r in rows:
        out.write(','.join(q(r.get(c)) for c in cols) + '\n')
    with open(os.path.join(dirn, 'csv', name), 'w', newline='') as f:
        f.write(out.getvalue())


def main(seed, dirn):
    rnd = random.Random(seed)
    os.makedirs(os.path.join(dirn, 'csv'), exist_ok=True)
    base = D(2025, 4, 1)

    def day(spread=150, centre=base):
        return centre + datetime.timedelta(days=rnd.randint(-spread, spread))

    nsites = rnd.randint(1, 3)
    sites = [{'code': f'S{i+1}', 'name': f'Site {i+1}'} for i in range(nsites)]
    nteams = rnd.randint(1, 4)
    teams = [{'code': f'T{i+1}', 'site_code': rnd.choice(sites)['code'], 'name': f'Team {i+1}'} for i in range(nteams)]
    roles = ['specialist', 'specialist', 'specialist', 'team_leader', 'clinician', 'admin', 'auditor', 'reviewer', 'commissioner']
    staff = []
    for i in range(rnd.randint(2, 8)):
        role = rnd.choice(roles)
        tc = rnd.choice(teams)['code']
        if role not in ('specialist', 'team_leader', 'clinician') and rnd.random() < 0.5:
            tc = ''
        fte = rnd.choice(['', '1', '0.5', '0.25', '0.8', '0.01', '0.33', '1.00', '0.1', '0.7'])
        staff.append({'code': f'ES{i+1}' if role == 'specialist' else f'X{i+1}', 'team_code': tc,
                      'name': f'Staff {i+1}', 'role': role, 'fte': fte})
    specs = [s for s in staff if s['role'] == 'specialist']
    employers = [{'ref': f'E{i+1}', 'site_code': rnd.choice(sites)['code'], 'name': f'Emp, {i+1}',
                  'sector': rnd.choice(['', 'retail', 'care'])} for i in range(rnd.randint(0, 4))]
    nclients = rnd.randint(1, 10)
    clients = [{'ref': f'C{i+1}', 'site_code': rnd.choice(sites)['code'], 'given_name': 'A', 'family_name': f'F{i}'}
               for i in range(nclients)]
    referrals = []
    centre = base + datetime.timedelta(days=rnd.choice([0, 45, 90]))
    if rnd.random() < 0.25:
        centre = rnd.choice([D(2024, 2, 15), D(2024, 5, 30), D(2000, 3, 1), D(1900, 3, 1), D(2100, 1, 10), D(2028, 12, 31)])
    for i in range(rnd.randint(1, 14)):
        rec = day(rnd.choice([20, 60, 150]), centre)
        if referrals and rnd.random() < 0.15:
            rec = rnd.choice(referrals)['received_on']
        closed = ''
        reason = ''
        if rnd.random() < 0.4:
            closed = rec + datetime.timedelta(days=rnd.choice([0, 0, 1, 5, 30, 60, 100, rnd.randint(0, 200)]))
            reason = rnd.choice(['person_choice', 'moved_away', 'lost_contact', 'sustained_work', 'other'])
        sc = ''
        if specs and rnd.random() < 0.8:
            sc = rnd.choice(specs)['code']
        referrals.append({'ref': f'R{i+1}', 'client_ref': rnd.choice(clients)['ref'], 'team_code': rnd.choice(teams)['code'],
                          'received_on': rec, 'source': rnd.choice(['gp', 'mental_health_professional', 'self', 'other']),
                          'specialist_code': sc,
                          'employment_status': rnd.choice(['', '01', '01', '02', '04', 'ZZ', '08']),
                          'closed_on': closed, 'close_reason': reason})
    contacts = []
    modes = ['face_to_face', 'face_to_face', 'phone', 'video', 'text', 'email', 'letter']
    for i in range(rnd.randint(0, 45)):
        w = rnd.choice(['client', 'client', 'client', 'employer', 'employer', 'clinical_team', 'family'])
        if w == 'employer' and not employers:
            w = 'client'
        ref = rnd.choice(referrals)
        rr = ref['ref']
        if w != 'client' and rnd.random() < 0.3:
            rr = ''
        d = ref['received_on'] + datetime.timedelta(days=rnd.choice([-3, -1, 0, 1, 3, 7, 8, 30, 31, 40, rnd.randint(-10, 200)]))
        if rnd.random() < 0.2:
            d = day(150, centre)
        mode = rnd.choice(modes)
        place = ''
        if mode == 'face_to_face':
            place = rnd.choice(['community', 'office'])
        elif rnd.random() < 0.2:
            place = rnd.choice(['community', 'office'])
        minutes = rnd.choice(['', '', '0', '15', '30', '60', '1440', '7', str(rnd.randint(0, 1440))])
        contacts.append({'ref': f'K{i+1}', 'date': d, 'staff_code': rnd.choice(staff)['code'], 'with': w,
                         'referral_ref': rr, 'employer_ref': rnd.choice(employers)['ref'] if w == 'employer' else '',
                         'mode': mode, 'place': place, 'minutes': minutes,
                         'attended': rnd.choice(['', 'yes', 'yes', 'no'])})
    jobs = []
    jrefs = ['J1', 'J2', 'J10', 'J9', 'j1', 'J01', 'Ja', 'JA', 'J_', 'J~', 'J-', 'J0', 'J11', 'J100', 'Jz']
    rnd.shuffle(jrefs)
    for i in range(rnd.randint(0, min(12, len(jrefs)))):
        ref = rnd.choice(referrals)
        st = ref['received_on'] + datetime.timedelta(days=rnd.choice([-20, -1, 0, 1, 10, 30, 60, rnd.randint(-30, 200)]))
        if jobs and rnd.random() < 0.25:
            st = rnd.choice(jobs)['started_on']  # ties
        end = ''
        if rnd.random() < 0.5:
            end = st + datetime.timedelta(days=rnd.choice([0, 30, 90, 91, 92, rnd.randint(0, 300)]))
        jobs.append({'ref': jrefs[i], 'referral_ref': ref['ref'], 'employer_ref': rnd.choice(employers)['ref'] if employers and rnd.random() < 0.6 else '',
                     'title': 'Job', 'job_type': rnd.choice(['', '1234', '5678', '9999', '0000']),
                     'started_on': st, 'ended_on': end,
                     'hours_per_week': rnd.choice(['6.99', '7', '7.00', '7.01', '20', '0.5', '80', '16']),
                     'hourly_wage': rnd.choice(['', '12.5', '11.44', '0']),
                     'competitive': rnd.choice(['', 'yes', 'no']), 'end_reason': ''})
    write(dirn, 'sites.csv', ['code', 'name'], sites, rnd)
    write(dirn, 'teams.csv', ['code', 'site_code', 'name'], teams, rnd)
    write(dirn, 'staff.csv', ['code', 'team_code', 'name', 'role', 'fte'], staff, rnd)
    write(dirn, 'employers.csv', ['ref', 'site_code', 'name', 'sector'], employers, rnd)
    write(dirn, 'clients.csv', ['ref', 'site_code', 'given_name', 'family_name'], clients, rnd)
    write(dirn, 'referrals.csv', ['ref', 'client_ref', 'team_code', 'received_on', 'source', 'specialist_code',
                                  'employment_status', 'closed_on', 'close_reason'], referrals, rnd)
    write(dirn, 'contacts.csv', ['ref', 'date', 'staff_code', 'with', 'referral_ref', 'employer_ref', 'mode', 'place',
                                 'minutes', 'attended'], contacts, rnd)
    write(dirn, 'jobs.csv', ['ref', 'referral_ref', 'employer_ref', 'title', 'job_type', 'started_on', 'ended_on',
                             'hours_per_week', 'hourly_wage', 'competitive', 'end_reason'], jobs, rnd)
    # periods to test
    periods = [(D(2025, 4, 1), D(2025, 6, 30)), (D(2010, 1, 1), D(2010, 1, 31)), (centre - datetime.timedelta(days=45), centre + datetime.timedelta(days=45)), (centre - datetime.timedelta(days=800), centre + datetime.timedelta(days=800))]
    for _ in range(3):
        a = day(120, centre)
        periods.append((a, a))
    for _ in range(3):
        a = day(120, centre)
        periods.append((a, a + datetime.timedelta(days=rnd.choice([6, 29, 90, 364]))))
    # focus: a period ending on a date that matters
    imp = [r['received_on'] for r in referrals] + [c['date'] for c in contacts] + [j['started_on'] for j in jobs]
    for _ in range(3):
        a = rnd.choice(imp)
        periods.append((a - datetime.timedelta(days=rnd.choice([0, 10, 91])), a))
        b = rnd.choice(imp)
        periods.append((b, b + datetime.timedelta(days=rnd.choice([0, 10, 91]))))
    scopes = [(None, None)] + [('site', s['code']) for s in sites] + [('team', t['code']) for t in teams] + \
             [('specialist', s['code']) for s in specs]
    with open(os.path.join(dirn, 'periods.txt'), 'w') as f:
        for a, b in periods:
            f.write(f'{a} {b}\n')
    with open(os.path.join(dirn, 'scopes.txt'), 'w') as f:
        for k, c in scopes:
            f.write(f'{k or "-"} {c or "-"}\n')


if __name__ == '__main__':
    main(int(sys.argv[1]), sys.argv[2])

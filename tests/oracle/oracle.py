#!/usr/bin/env python3
"""Independent oracle for spec/outcomes.md and spec/fidelity-evidence.md.

usage: oracle.py DIR report FROM TO [site|team|specialist CODE]
       oracle.py DIR fidelity FROM TO [site|team CODE]
Reads the CSV directory (assumed valid), prints JSON.
"""
import csv, sys, json, os, datetime
from fractions import Fraction

D = datetime.date.fromisoformat


def read(dirn, name):
    p = os.path.join(dirn, name)
    if not os.path.exists(p):
        return []
    with open(p, newline='', encoding='utf-8-sig') as f:
        rows = list(csv.DictReader(f))
    return rows


def nz(v):
    return v if v not in (None, '') else None


class Data:
    def __init__(self, dirn):
        self.sites = {r['code']: r for r in read(dirn, 'sites.csv')}
        self.teams = {r['code']: r for r in read(dirn, 'teams.csv')}
        self.staff = {}
        for r in read(dirn, 'staff.csv'):
            r = dict(r)
            r['team_code'] = nz(r.get('team_code'))
            r['fte'] = Fraction(r['fte']) if nz(r.get('fte')) else Fraction(1)
            self.staff[r['code']] = r
        self.clients = {r['ref']: r for r in read(dirn, 'clients.csv')}
        self.referrals = {}
        for r in read(dirn, 'referrals.csv'):
            r = dict(r)
            r['received_on'] = D(r['received_on'])
            r['closed_on'] = D(r['closed_on']) if nz(r.get('closed_on')) else None
            r['specialist_code'] = nz(r.get('specialist_code'))
            r['employment_status'] = nz(r.get('employment_status')) or 'ZZ'
            r['close_reason'] = nz(r.get('close_reason'))
            self.referrals[r['ref']] = r
        self.contacts = []
        for r in read(dirn, 'contacts.csv'):
            r = dict(r)
            r['date'] = D(r['date'])
            r['referral_ref'] = nz(r.get('referral_ref'))
            r['employer_ref'] = nz(r.get('employer_ref'))
            r['place'] = nz(r.get('place'))
            r['minutes'] = int(r['minutes']) if nz(r.get('minutes')) else None
            r['attended'] = nz(r.get('attended')) or 'yes'
            self.contacts.append(r)
        self.jobs = []
        for r in read(dirn, 'jobs.csv'):
            r = dict(r)
            r['started_on'] = D(r['started_on'])
            r['ended_on'] = D(r['ended_on']) if nz(r.get('ended_on')) else None
            r['hours'] = Fraction(r['hours_per_week'])
            r['competitive'] = nz(r.get('competitive')) or 'yes'
            r['job_type'] = nz(r.get('job_type'))
            r['employer_ref'] = nz(r.get('employer_ref'))
            self.jobs.append(r)
        # first_direct / first_employer
        self.first_direct = {}
        self.first_employer = {}
        for c in self.contacts:
            R = c['referral_ref']
            if R is None:
                continue
            if c['with'] == 'client' and c['attended'] == 'yes' and c['mode'] in ('face_to_face', 'phone', 'video'):
                if R not in self.first_direct or c['date'] < self.first_direct[R]:
                    self.first_direct[R] = c['date']
            if c['with'] == 'employer' and c['attended'] == 'yes' and c['mode'] == 'face_to_face':
                if R not in self.first_employer or c['date'] < self.first_employer[R]:
                    self.first_employer[R] = c['date']


def rnd(fr, places):
    """round a Fraction half away from zero to places decimals; returns a float for JSON"""
    if fr is None:
        return None
    scale = 10 ** places
    x = fr * scale
    sign = -1 if x < 0 else 1
    x = abs(x)
    n = (x.numerator * 2 + x.denominator) // (2 * x.denominator)  # floor(x + 1/2)
    n *= sign
    return n / scale  # float, exactly the decimal n/10^places nearest


def ratio(a, b):
    return None if b == 0 else Fraction(a, 1) / b


def compute(data, frm, to, kind, code):
    P_days = (to - frm).days + 1

    def in_P(d):
        return d is not None and frm <= d <= to

    def ref_scope(R):
        r = data.referrals[R]
        if kind is None:
            return True
        if kind == 'site':
            return data.teams[r['team_code']]['site_code'] == code
        if kind == 'team':
            return r['team_code'] == code
        if kind == 'specialist':
            return r['specialist_code'] == code
        raise ValueError(kind)

    def spec_scope(s):
        if s['role'] != 'specialist':
            return False
        if kind is None:
            return True
        if kind == 'site':
            return s['team_code'] is not None and data.teams[s['team_code']]['site_code'] == code
        if kind == 'team':
            return s['team_code'] == code
        if kind == 'specialist':
            return s['code'] == code
        raise ValueError(kind)

    def open_on(r, d):
        return r['received_on'] <= d and (r['closed_on'] is None or r['closed_on'] >= d)

    def open_during(r):
        return r['received_on'] <= to and (r['closed_on'] is None or r['closed_on'] >= frm)

    refs = [r for R, r in data.referrals.items() if ref_scope(R)]
    fd = lambda r: data.first_direct.get(r['ref'])
    fe = lambda r: data.first_employer.get(r['ref'])

    out = {'period': {'from': frm.isoformat(), 'to': to.isoformat()}}
    rec = [r for r in refs if in_P(r['received_on'])]
    out['referrals_received'] = len(rec)
    out['referrals_by_source'] = {k: sum(1 for r in rec if r['source'] == k)
                                  for k in ('gp', 'mental_health_professional', 'self', 'other')}
    acc = [r for r in refs if in_P(fd(r))]
    out['accessed'] = len(acc)
    cl_refs = [r for r in refs if open_during(r) and fd(r) is not None and fd(r) <= to]
    cl_clients = {r['client_ref'] for r in cl_refs}
    out['caseload'] = len(cl_clients)
    out['waiting'] = sum(1 for r in refs if open_on(r, to) and (fd(r) is None or fd(r) > to))
    w = {'within_7_days': 0, 'days_8_to_30': 0, 'over_30_days': 0}
    for r in acc:
        days = (fd(r) - r['received_on']).days
        if days <= 7:
            w['within_7_days'] += 1
        elif days <= 30:
            w['days_8_to_30'] += 1
        else:
            w['over_30_days'] += 1
    out['first_contact_wait'] = w

    def overlaps(j):
        return j['started_on'] <= to and (j['ended_on'] is None or j['ended_on'] >= frm)

    worked = set()
    for c in cl_clients:
        for j in data.jobs:
            if data.referrals[j['referral_ref']]['client_ref'] == c and j['competitive'] == 'yes' and overlaps(j):
                worked.add(c)
                break
    out['worked'] = len(worked)
    out['employment_rate'] = rnd(ratio(len(worked), len(cl_clients)), 4)

    jobs_scope = [j for j in data.jobs if ref_scope(j['referral_ref'])]
    out['job_starts'] = sum(1 for j in jobs_scope if in_P(j['started_on']))

    # first jobs
    by_client = {}
    for j in data.jobs:
        c = data.referrals[j['referral_ref']]['client_ref']
        by_client.setdefault(c, []).append(j)
    piw_days = []
    for c, js in by_client.items():
        def key(j):
            rr = data.referrals[j['referral_ref']]['received_on']
            return (j['started_on'], -rr.toordinal(), j['ref'].encode())
        first = min(js, key=key)
        if in_P(first['started_on']) and ref_scope(first['referral_ref']):
            piw_days.append((first['started_on'] - data.referrals[first['referral_ref']]['received_on']).days)
    out['people_into_work'] = len(piw_days)

    oow = [r for r in cl_refs if r['employment_status'] != '01']
    out['out_of_work_at_referral'] = len(oow)
    miw = 0
    for r in oow:
        if any(j['referral_ref'] == r['ref'] and r['received_on'] <= j['started_on'] <= to for j in data.jobs):
            miw += 1
    out['moved_into_work'] = miw
    out['moved_into_work_rate'] = rnd(ratio(miw, len(oow)), 4)

    sus = 0
    for j in jobs_scope:
        d91 = j['started_on'] + datetime.timedelta(days=91)
        if j['hours'] >= 7 and in_P(d91) and (j['ended_on'] is None or j['ended_on'] >= d91):
            sus += 1
    out['sustained_jobs'] = sus

    if piw_days:
        s = sorted(piw_days)
        n = len(s)
        med = Fraction(s[n // 2]) if n % 2 else Fraction(s[n // 2 - 1] + s[n // 2], 2)
        out['median_days_to_first_job'] = rnd(med, 1)
    else:
        out['median_days_to_first_job'] = None

    rj = [(fe(r) - r['received_on']).days for r in refs if in_P(fe(r))]
    out['rapid_job_search_mean_days'] = rnd(Fraction(sum(rj), len(rj)) if rj else None, 1)

    specs = {s['code'] for s in data.staff.values() if spec_scope(s)}
    E = sum(1 for c in data.contacts if c['staff_code'] in specs and in_P(c['date'])
            and c['with'] == 'employer' and c['mode'] == 'face_to_face' and c['attended'] == 'yes')
    S_set = {c['staff_code'] for c in data.contacts if c['staff_code'] in specs and in_P(c['date'])}
    S = len(S_set)
    out['employer_contacts_per_specialist_week'] = rnd(Fraction(E * 7, S * P_days) if S else None, 1)
    tot = comm = 0
    for c in data.contacts:
        if c['staff_code'] in specs and in_P(c['date']) and c['place'] is not None and c['minutes'] is not None:
            tot += c['minutes']
            if c['place'] == 'community':
                comm += c['minutes']
    cts = ratio(comm, tot)
    out['community_time_share'] = rnd(cts, 4)
    modes = ('face_to_face', 'phone', 'video', 'text', 'email', 'letter')
    cbm = {m: 0 for m in modes}
    for c in data.contacts:
        if c['referral_ref'] is not None and ref_scope(c['referral_ref']) and c['with'] == 'client' \
                and c['attended'] == 'yes' and in_P(c['date']):
            cbm[c['mode']] += 1
    out['contacts_by_mode'] = cbm

    # extras for fidelity
    ex = {'S_set': S_set, 'cts': cts, 'rj': rj, 'E': E, 'S': S, 'P_days': P_days,
          'jobs_scope': jobs_scope, 'refs': refs, 'open_on': open_on, 'in_P': in_P, 'fd': fd}
    return out, ex


BANDS_DESC = {  # (lower-is-better) S1, V4: score 5 if <= a, 4 if <= b ...
    'S1': [20, 25, 30, 40],
    'V4': [30, 60, 150, 270],
}
BANDS_ASC = {
    'V6': [2, 3, 5, 6],
    'V8': [50, 60, 70, 85],
    'V9': [50, 60, 70, 85],
    'V10': [64, 75, 85, 95],
    'V13': [30, 40, 50, 65],
}


def score(item, v):
    if v is None:
        return None
    if item in BANDS_DESC:
        a = BANDS_DESC[item]
        if v <= a[0]:
            return 5
        if v <= a[1]:
            return 4
        if v <= a[2]:
            return 3
        if v <= a[3]:
            return 2
        return 1
    a = BANDS_ASC[item]
    s = 1
    for t in a:
        if v >= t:
            s += 1
    return s


def fidelity(data, frm, to, kind, code):
    out, ex = compute(data, frm, to, kind, code)
    items = {}
    S_set = ex['S_set']
    F = sum((data.staff[s]['fte'] for s in S_set), Fraction(0))
    A = 0
    for r in ex['refs']:
        f = ex['fd'](r)
        if ex['open_on'](r, to) and f is not None and f <= to and r['specialist_code'] in S_set:
            A += 1
    items['S1'] = rnd(Fraction(A) / F if F else None, 1)
    rj = ex['rj']
    items['V4'] = rnd(Fraction(sum(rj), len(rj)) if rj else None, 1)
    items['V6'] = rnd(Fraction(ex['E'] * 7, ex['S'] * ex['P_days']) if ex['S'] else None, 1)
    started = [j for j in ex['jobs_scope'] if ex['in_P'](j['started_on'])]
    jt = [j for j in started if j['job_type'] is not None]
    items['V8'] = rnd(Fraction(100 * len({j['job_type'] for j in jt}), len(jt)) if jt else None, 1)
    je = [j for j in started if j['employer_ref'] is not None]
    items['V9'] = rnd(Fraction(100 * len({j['employer_ref'] for j in je}), len(je)) if je else None, 1)
    items['V10'] = rnd(Fraction(100 * sum(1 for j in started if j['competitive'] == 'yes'), len(started)) if started else None, 1)
    items['V13'] = rnd(100 * ex['cts'] if ex['cts'] is not None else None, 1)
    o6 = 0
    for r in ex['refs']:
        if ex['in_P'](r['closed_on']) and r['close_reason'] not in ('person_choice', 'moved_away'):
            f = ex['fd'](r)
            if f is None or f > r['closed_on']:
                o6 += 1
    res = {}
    for k in ('S1', 'V4', 'V6', 'V8', 'V9', 'V10', 'V13'):
        res[k] = {'value': items[k], 'score': score(k, items[k])}
    res['O6'] = {'value': o6, 'score': None}
    return {'period': {'from': frm.isoformat(), 'to': to.isoformat()}, 'items': res}


def main(argv):
    dirn, what, frm, to = argv[1], argv[2], D(argv[3]), D(argv[4])
    kind = argv[5] if len(argv) > 5 else None
    code = argv[6] if len(argv) > 6 else None
    data = Data(dirn)
    if what == 'report':
        print(json.dumps(compute(data, frm, to, kind, code)[0]))
    else:
        print(json.dumps(fidelity(data, frm, to, kind, code)))


if __name__ == '__main__':
    main(sys.argv)

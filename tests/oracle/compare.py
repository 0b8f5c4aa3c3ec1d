#!/usr/bin/env python3
"""usage: compare.py FIRST_SEED LAST_SEED [BIN]"""
import sys, os, subprocess, json, shutil, datetime
sys.path.insert(0, os.path.dirname(__file__))
import gen, oracle
BIN = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), '../../build/rel/ipsdesk')
D = datetime.date.fromisoformat
fails = 0
for seed in range(int(sys.argv[1]), int(sys.argv[2]) + 1):
    d = os.path.join(os.environ.get('TMPDIR', '/tmp'), f'ipsdesk-oracle/{seed}')
    shutil.rmtree(d, ignore_errors=True)
    gen.main(seed, d)
    db = d + '/x.db'
    subprocess.run([BIN, 'init', '--db', db], check=True, capture_output=True)
    r = subprocess.run([BIN, 'import', '--db', db, d + '/csv'], capture_output=True, text=True)
    if r.returncode != 0:
        print(f'seed {seed}: import failed\n{r.stderr}'); fails += 1; continue
    data = oracle.Data(d + '/csv')
    periods = [tuple(map(D, l.split())) for l in open(d + '/periods.txt')]
    import random as _r
    _rr = _r.Random(seed)
    periods = periods[:2] + _rr.sample(periods[2:], min(6, len(periods) - 2))
    scopes = [tuple(None if x == '-' else x for x in l.split()) for l in open(d + '/scopes.txt')]
    nd = 0
    for a, b in periods:
        for kind, code in scopes:
            args = [BIN, 'report', '--db', db, '--from', str(a), '--to', str(b)]
            if kind: args += ['--' + kind, code]
            r = subprocess.run(args, capture_output=True, text=True)
            ours = json.loads(r.stdout) if r.returncode == 0 else {'error': r.stderr}
            exp = oracle.compute(data, a, b, kind, code)[0]
            if ours != exp:
                diff = {k: (ours.get(k), exp[k]) for k in exp if ours.get(k) != exp[k]}
                print(f'seed {seed} report {a} {b} {kind} {code}: ours,oracle {diff}')
                nd += 1
            if kind in (None, 'site', 'team'):
                args = [BIN, 'fidelity', 'evidence', '--db', db, '--from', str(a), '--to', str(b)]
                if kind: args += ['--' + kind, code]
                r = subprocess.run(args, capture_output=True, text=True)
                ours = json.loads(r.stdout) if r.returncode == 0 else {'error': r.stderr}
                exp = oracle.fidelity(data, a, b, kind, code)
                if ours != exp:
                    oi = ours.get('items', {})
                    diff = {k: (oi.get(k), exp['items'][k]) for k in exp['items'] if oi.get(k) != exp['items'][k]}
                    print(f'seed {seed} fidelity {a} {b} {kind} {code}: ours,oracle {diff or ours}')
                    nd += 1
    if nd: fails += 1
print(f'{fails} seeds with differences')

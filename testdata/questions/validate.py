#!/usr/bin/env python3
"""Validate questions.jsonl against the two items files and print the counts."""
import json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
ITEMS = [os.path.join(ROOT, 'dev', 'items.jsonl'), os.path.join(ROOT, 'ties', 'extra_items.jsonl')]

def norm(s):
    return s.replace('ي', 'ی').replace('ك', 'ک').replace('\u200c', '').replace(' ', '')

items = {}
for p in ITEMS:
    for line in open(p, encoding='utf-8'):
        d = json.loads(line)
        items[d['id']] = norm(d.get('title', '') + '\n' + d.get('text', ''))

INTENTS = {'partners', 'pair', 'brief', 'fact', 'smalltalk', 'nonsense', 'unanswerable'}
STYLES = {'formal', 'colloquial', 'noisy', 'english'}
RELS = {'sister_city', 'mou', 'trade_office', 'trade_delegation', 'joint_chamber', 'exhibition', 'investment', ''}
ATYPES = {'place', 'number', 'date', 'person', 'org', 'reason', 'thing', ''}
FIELDS = ['id', 'q', 'lang', 'style', 'intent', 'places', 'relation', 'answer_type', 'country', 'gold_ids', 'expected']

errs = []
qs, seen = [], set()
for n, line in enumerate(open(os.path.join(HERE, 'questions.jsonl'), encoding='utf-8'), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append(f'line {n}: bad JSON: {e}'); continue
    for k in FIELDS:
        if k not in d: errs.append(f'line {n}: missing {k}')
    i = d.get('id')
    if i in seen: errs.append(f'{i}: duplicate id')
    if 'after' in d and d['after'] not in seen: errs.append(f'{i}: after {d["after"]} is not an earlier id')
    seen.add(i)
    if d['intent'] not in INTENTS: errs.append(f'{i}: intent {d["intent"]}')
    if d['style'] not in STYLES: errs.append(f'{i}: style {d["style"]}')
    if d['lang'] not in ('fa', 'en'): errs.append(f'{i}: lang')
    if (d['lang'] == 'en') != (d['style'] == 'english'): errs.append(f'{i}: lang/style mismatch')
    if d['relation'] not in RELS: errs.append(f'{i}: relation {d["relation"]}')
    if d['answer_type'] not in ATYPES: errs.append(f'{i}: answer_type')
    if (d['intent'] == 'fact') != (d['answer_type'] != ''): errs.append(f'{i}: answer_type only and always for facts')
    if d['intent'] in ('smalltalk', 'nonsense', 'unanswerable'):
        if d['gold_ids'] or d['expected']: errs.append(f'{i}: {d["intent"]} must have empty gold/expected')
        if d['intent'] != 'unanswerable' and d['places']: errs.append(f'{i}: places must be empty')
    else:
        if not d['gold_ids'] or not d['expected']: errs.append(f'{i}: answerable needs gold and expected')
        if not d['places']: errs.append(f'{i}: places empty')
    for g in d['gold_ids']:
        if g not in items: errs.append(f'{i}: unknown gold {g}')
    for e in d['expected']:
        if not any(norm(e) in items.get(g, '') for g in d['gold_ids']):
            errs.append(f'{i}: expected {e!r} not in any gold item')
    qs.append(d)

def count(key):
    return dict(sorted(Counter(q[key] for q in qs).items()))
ans = lambda q: q['intent'] not in ('smalltalk', 'nonsense', 'unanswerable')
follow = [q for q in qs if 'after' in q]
reverse = [q for q in qs if q['intent'] == 'partners' and 'reverse' in q.get('note', '')]
country = [q for q in qs if q['country'] and q['intent'] == 'partners']
en = [q for q in qs if q['lang'] == 'en']
c = Counter(q['intent'] for q in qs)
quotas = {
    'total>=170': len(qs) >= 170,
    'colloquial>=30': sum(q['style'] == 'colloquial' for q in qs) >= 30,
    'english>=30': len(en) >= 30,
    'english answerable>=22': sum(ans(q) for q in en) >= 22,
    'smalltalk+nonsense>=20': c['smalltalk'] + c['nonsense'] >= 20,
    'follow-ups>=20': len(follow) >= 20,
    'unanswerable>=20': c['unanswerable'] >= 20,
    'fact>=30': c['fact'] >= 30,
    'partners>=35': c['partners'] >= 35,
    'reverse>=8': len(reverse) >= 8,
    'country partners>=6': len(country) >= 6,
    'pair>=10': c['pair'] >= 10,
    'brief>=10': c['brief'] >= 10,
}
for k, ok in quotas.items():
    if not ok: errs.append('quota failed: ' + k)
print('lines', len(qs))
print('intent', count('intent'))
print('style', count('style'))
print('lang', count('lang'))
print('answer_type (facts)', dict(Counter(q['answer_type'] for q in qs if q['intent'] == 'fact')))
print('relation', count('relation'))
print('follow-ups', len(follow), '| reverse partners', len(reverse), '| country partners', len(country),
      '| english answerable', sum(ans(q) for q in en))
items_used = set(g for q in qs for g in q['gold_ids'])
print('distinct gold items', len(items_used), 'of', len(items))
for e in errs: print('ERROR', e)
sys.exit(1 if errs else 0)

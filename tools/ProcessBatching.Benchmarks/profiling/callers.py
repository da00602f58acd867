# The stacks above a frame matching a regex, heaviest first. Usage: python3 callers.py t.speedscope.json REGEX [depth] [count]
import json,sys,re,collections
d=json.load(open(sys.argv[1])); frames=[f['name'] for f in d['shared']['frames']]
pat=re.compile(sys.argv[2]); depth=int(sys.argv[3]) if len(sys.argv)>3 else 8
c=collections.Counter(); tot=0
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if last is not None and stack and t>last:
            names=[frames[s] for s in stack]
            idx=[i for i,n in enumerate(names) if pat.search(n)]
            if idx:
                i=idx[-1]; tot+=t-last
                key=' <- '.join(re.sub(r'^[^!]*!','',n)[:90] for n in reversed(names[max(0,i-depth):i+1]))
                c[key]+=t-last
        last=t
        if e['type']=='O': stack.append(e['frame'])
        elif stack: stack.pop()
print('total',tot)
for k,v in c.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 8): print(f"{v:8.0f} {k}\n")

# Shares of on-CPU samples by assembly of the innermost managed frame, spinning (lock/GC-poll) samples apart.
# Usage: dotnet-trace convert trace.nettrace --format speedscope -o t && python3 by_assembly.py t.speedscope.json
import json,sys,re,collections
d=json.load(open(sys.argv[1])); frames=[f['name'] for f in d['shared']['frames']]
SPIN=re.compile(r'Monitor\.Enter_Slowpath|PollGC|LowLevelSpinWaiter|SpinWait|Monitor\.Exit_Slowpath')
mod=collections.Counter(); tot=0; spin=0; unm=0
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if last is not None and stack and t>last:
            dt=t-last; leaf=frames[stack[-1]]
            if leaf=='CPU_TIME' and len(stack)>1:
                names=[frames[s] for s in stack]
                if any(SPIN.search(n) for n in names[-3:]): spin+=dt
                else:
                    tot+=dt
                    parent=names[-2]
                    m=parent.split('!')[0] if '!' in parent else parent[:30]
                    mod[m]+=dt
        last=t
        if e['type']=='O': stack.append(e['frame'])
        elif stack: stack.pop()
print(f"managed on-CPU {tot:.0f} ms; spinning on locks/GC polls {spin:.0f} ms ({100*spin/(tot+spin):.0f}% of managed on-CPU samples)")
for k,v in mod.most_common(18): print(f"{100*v/tot:5.1f}% {k}")

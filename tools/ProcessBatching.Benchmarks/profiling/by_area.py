# Inclusive shares of on-CPU samples for named areas (regexes on frames), spinning samples apart.
# Usage: python3 by_area.py t.speedscope.json
import json,sys,re,collections
d=json.load(open(sys.argv[1])); frames=[f['name'] for f in d['shared']['frames']]
SPIN=re.compile(r'Monitor\.Enter_Slowpath|PollGC|LowLevelSpinWaiter|WaitNative|WaitOneNoCheck|Monitor\.Wait\(|Sys\.Read\(|InitializeTlsBuckets')
groups=[(n,re.compile(p)) for n,p in [
 ('EF SaveChanges','DbContext\+<SaveChangesAsync>'),
 ('EF DetectChanges','DetectChanges'),
 ('jsonb comparer / ProcessRows JSON','ProcessRows\.Data|ProcessStateMap'),
 ('saga row lock query (FromSql)','SagaRowLock'),
 ('inbox claim (ExecuteSqlRaw)','PostgresOutboxContextFactory.*Consume|ExecuteSqlRaw'),
 ('Npgsql (all)','^Npgsql!'),
 ('outbox delivery','OutboxDeliveryService'),
 ('RabbitMQ client','^RabbitMQ\.Client!'),
 ('MassTransit pipeline','^MassTransit!'),
 ('state machine behaviour','StatementReportStateMachine|Automatonymous|MassTransit.SagaStateMachine'),
 ('logging (Serilog/MEL)','Serilog|Microsoft\.Extensions\.Logging'),
 ('OpenTelemetry / Activity','OpenTelemetry|System\.Diagnostics\.Activity'),
 ('DI resolve','DependencyInjection'),
 ('JSON (System.Text.Json)','System\.Text\.Json'),
 ('GC (managed alloc helpers)','GC|Alloc'),
 ('ASP.NET Core','AspNetCore'),
 ('dispatcher / batch owner','ProcessDispatcher|BatchOwner|BatchProgress|BatchRecount'),
 ('step workers','StepConsumer|StepSimulator'),
 ('JIT/reflection emit','DynamicMethod|Reflection\.Emit|ClrPropertyGetterFactory|Compile'),
]]
tot=0; g=collections.Counter(); spin=0
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if last is not None and stack and t>last:
            dt=t-last; leaf=frames[stack[-1]]
            if leaf in('CPU_TIME',):
                names=[frames[s] for s in stack]
                if any(SPIN.search(n) for n in names[-4:]): spin+=dt
                else:
                    tot+=dt
                    for n,r in groups:
                        if any(r.search(x) for x in names): g[n]+=dt
        last=t
        if e['type']=='O': stack.append(e['frame'])
        elif stack: stack.pop()
print(f"managed CPU samples {tot:.0f} ms, spin/lock-wait {spin:.0f} ms")
for n,_ in groups: print(f"{100*g[n]/tot:6.1f}%  {n}")

import { defaultRepeatStrategy } from 'bullmq';
const tzs = ['America/Santiago','Europe/Berlin','America/New_York','Asia/Shanghai','Australia/Lord_Howe','America/Havana','Asia/Beirut','America/Asuncion','Pacific/Chatham','America/Scoresbysund','Africa/Cairo'];
const fmt = (tz: string) => new Intl.DateTimeFormat('en-CA',{timeZone:tz,year:'numeric',month:'2-digit',day:'2-digit',weekday:'short',hour:'2-digit',minute:'2-digit',hourCycle:'h23'});
let problems = 0;
for (const tz of tzs) {
  const f = fmt(tz);
  for (let dow = 0; dow < 7; dow++) for (let mins = 0; mins <= 240; mins += 30) {
    const h = Math.floor(mins/60), m = mins%60;
    const pattern = `${m} ${h} * * ${dow}`;
    let t = Date.UTC(2024,0,1);
    const end = Date.UTC(2027,0,1);
    let prev = -1;
    let bad: string[] = [];
    let n=0;
    while (t < end) {
      const next = defaultRepeatStrategy(t, { pattern, tz }) as number | undefined;
      if (next === undefined) { bad.push('undefined at '+new Date(t).toISOString()); break; }
      if (prev > 0) {
        const gap = (next - prev)/3600000;
        if (gap > 7*24+2 || gap < 7*24-2) bad.push(`gap ${gap.toFixed(1)}h ${new Date(prev).toISOString()} -> ${new Date(next).toISOString()} (${f.format(next)})`);
      }
      prev = next; t = next + 1000; n++;
      if (n > 400) break;
    }
    if (bad.length) { problems++; console.log(tz, pattern, bad.slice(0,4).join(' | ')); }
  }
}
console.log('problems', problems);

import { loadParityCases, ourIstFindings } from './parity-cases';

/**
 * `npm run parity`: agreement with istioctl per analyzer, measured on the parity corpus. A case agrees when our
 * IST findings equal istioctl's exactly; deliberate differences are counted as disagreements and listed.
 */
const rows = new Map<string, { cases: number; agree: number; extra: number; missing: number }>();
const differences: string[] = [];
const failures: string[] = [];
for (const parityCase of loadParityCases()) {
  const ours = ourIstFindings(parityCase);
  const row = rows.get(parityCase.analyzer) ?? { cases: 0, agree: 0, extra: 0, missing: 0 };
  rows.set(parityCase.analyzer, row);
  row.cases++;
  const expected = [...parityCase.istioctl];
  const extra: string[] = [];
  for (const f of ours) {
    const i = expected.indexOf(f);
    if (i >= 0) expected.splice(i, 1);
    else extra.push(f);
  }
  row.extra += extra.length;
  row.missing += expected.length;
  if (!extra.length && !expected.length) row.agree++;
  else if (parityCase.ours) differences.push(`${parityCase.file}: ${parityCase.why}`);
  if (JSON.stringify(ours) !== JSON.stringify(parityCase.ours ?? parityCase.istioctl)) failures.push(parityCase.file);
}
let total = 0;
let agree = 0;
let extra = 0;
console.log('| analyzer | cases | agree | findings istioctl would not make | istioctl findings we miss |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [analyzer, row] of [...rows].sort()) {
  console.log(`| ${analyzer} | ${row.cases} | ${row.agree} | ${row.extra} | ${row.missing} |`);
  total += row.cases;
  agree += row.agree;
  extra += row.extra;
}
console.log(`\n${agree}/${total} cases agree (${((100 * agree) / Math.max(total, 1)).toFixed(1)}%); ${extra} findings istioctl would not make.`);
if (differences.length) console.log(`\nDeliberate differences:\n${differences.map((d) => `- ${d}`).join('\n')}`);
if (failures.length) {
  console.log(`\nFixtures whose expectation is not met: ${failures.join(', ')}`);
  process.exitCode = 1;
}

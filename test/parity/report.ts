import { loadParityCases, ourIstFindings } from './parity-cases';

/**
 * `npm run parity`: agreement with istioctl per analyzer, measured on the parity corpus. A case agrees when our
 * IST findings equal istioctl's exactly; deliberate differences are counted as disagreements and listed.
 */
/**
 * istioctl analyzers whose checks this project had before the parity work (the "shared" checks); the others were
 * added by it. Used only to report the two groups apart.
 */
const sharedAnalyzers = new Set([
  'virtualservice/gateways',
  'virtualservice/destinationhosts',
  'virtualservice/destinationrules',
  'virtualservice/conflictingmeshgatewayhosts',
  'schema/validation',
  'service/portname',
  'serviceentry/protocoladdresses',
  'destinationrule/ca-certificates',
  'destinationrule/subset',
  'gateway/gateway',
  'gateway/conflictinggateway',
  'gateway/certificate',
]);

const rows = new Map<string, { cases: number; agree: number; extra: number; missing: number; deliberate: number }>();
const differences: string[] = [];
const failures: string[] = [];
for (const parityCase of loadParityCases()) {
  const ours = ourIstFindings(parityCase);
  const row = rows.get(parityCase.analyzer) ?? { cases: 0, agree: 0, extra: 0, missing: 0, deliberate: 0 };
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
  else if (parityCase.ours) {
    row.deliberate++;
    differences.push(`${parityCase.file}: ${parityCase.why}`);
  }
  if (JSON.stringify(ours) !== JSON.stringify(parityCase.ours ?? parityCase.istioctl)) failures.push(parityCase.file);
}
const groups = { shared: { cases: 0, agree: 0, extra: 0, deliberate: 0 }, added: { cases: 0, agree: 0, extra: 0, deliberate: 0 } };
console.log('| analyzer | group | cases | agree | deliberate differences | findings istioctl would not make | istioctl findings we miss |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const [analyzer, row] of [...rows].sort()) {
  const group = sharedAnalyzers.has(analyzer) ? 'shared' : 'added';
  console.log(`| ${analyzer} | ${group} | ${row.cases} | ${row.agree} | ${row.deliberate} | ${row.extra} | ${row.missing} |`);
  const g = groups[group];
  g.cases += row.cases;
  g.agree += row.agree;
  g.extra += row.extra;
  g.deliberate += row.deliberate;
}
const percent = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
console.log('');
for (const [name, g] of Object.entries(groups)) {
  const meant = g.cases - g.deliberate;
  console.log(
    `${name} checks: ${g.agree}/${g.cases} cases agree with istioctl (${percent(g.agree, g.cases)}); ` +
      `${g.agree}/${meant} where we mean to agree (${percent(g.agree, meant)}); ${g.deliberate} deliberate differences; ` +
      `${g.extra} findings istioctl would not make.`,
  );
}
if (differences.length) console.log(`\nDeliberate differences:\n${differences.map((d) => `- ${d}`).join('\n')}`);
if (failures.length) {
  console.log(`\nFixtures whose expectation is not met: ${failures.join(', ')}`);
  process.exitCode = 1;
}

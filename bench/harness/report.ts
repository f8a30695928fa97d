import type { Measured } from './load.ts'

/** The targets of issue 8, checked on every run (they are set for SQLite at 250k people). */
export interface TargetCheck {
  target: string
  measured: number | null
  met: boolean | null
}

export function checkTargets(results: readonly Measured[], peakRssMb: number | null): TargetCheck[] {
  const of = (key: string) => results.find((result) => result.key === key)
  const check = (target: string, measured: number | null | undefined, met: (value: number) => boolean): TargetCheck => ({ target, measured: measured ?? null, met: measured === undefined || measured === null ? null : met(measured) })
  return [
    check('person page ≥ 5% of the ceiling’s requests per second', of('person')?.ratioToCeiling, (ratio) => ratio >= 0.05),
    check('person search p95 ≤ 30 ms', of('search')?.latencyMs.p95, (p95) => p95 <= 30),
    check('aggregate report p95 ≤ 1,000 ms', of('report')?.latencyMs.p95, (p95) => p95 <= 1000),
    check('peak RSS of the app ≤ 250 MB', peakRssMb, (rss) => rss <= 250),
  ]
}

interface Report {
  date: string
  size: string
  dialect: string
  node: string
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] }
  settings: { duration: number; connections: number }
  scenarios: readonly Measured[]
  app: { peakRssMb: number | null; nodeOptions: readonly string[] }
  targets: readonly TargetCheck[]
}

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

export function markdownTable(report: Report): string {
  const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)}%`)
  const lines = [
    `Pathways benchmark: ${report.size} people on ${report.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${report.date.slice(0, 10)}; Node ${report.node}, ${report.machine.cpus} CPUs, load average ${report.machine.loadAverageAtStart.join(' / ')} at the start; ${report.settings.duration} s per scenario, up to ${report.settings.connections} connections.`,
    '',
    '| Scenario | Connections | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Of the ceiling |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.scenarios.map((result) =>
      `| ${result.title} | ${result.connections} | ${number.format(result.requestsPerSecond)} | ${number.format(result.latencyMs.p50)} | ${number.format(result.latencyMs.p95)} | ${number.format(result.latencyMs.p99)} | ${result.errors} | ${percent(result.ratioToCeiling)} |`,
    ),
    '',
    `Peak RSS of the app: ${report.app.peakRssMb === null ? 'not known' : `${report.app.peakRssMb} MB`}${report.app.nodeOptions.length > 0 ? ` (node ${report.app.nodeOptions.join(' ')})` : ' (V8 defaults)'}.`,
    '',
    ...report.targets.map((target) => `- ${target.met === null ? '–' : target.met ? 'met' : 'NOT met'}: ${target.target} (measured ${target.measured === null ? 'nothing' : target.measured < 1 ? percent(target.measured) : number.format(target.measured)})`),
  ]
  return lines.join('\n')
}

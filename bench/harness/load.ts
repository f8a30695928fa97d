import autocannon from 'autocannon'

/*
 * One scenario under load: autocannon with a bounded number of connections for a bounded
 * time, on loopback only. Latencies are taken from every response (autocannon's own summary
 * has no 95th percentile); a response with another status than the scenario expects counts
 * as an error, as do socket errors and timeouts.
 */

export interface Scenario {
  key: string
  title: string
  origin: string
  /** The requests each connection sends in turn (autocannon's request objects). */
  requests: autocannon.Request[]
  headers?: Record<string, string>
  /** The status every response should have. */
  expect: number
  /** At most this many connections (a scenario whose connections each need a record of their own). */
  maxConnections?: number
  /** Called before each run (the warm-up and the measured one), e.g. to read the state requests depend on. */
  prepare?: () => Promise<void>
}

export interface LoadSettings {
  /** Seconds measured. */
  duration: number
  /** Seconds run first and not measured: the JIT, caches and pools warm up. */
  warmup: number
  connections: number
}

export interface Measured {
  key: string
  title: string
  connections: number
  requests: number
  requestsPerSecond: number
  latencyMs: { p50: number; p95: number; p99: number; max: number }
  errors: number
  /** Requests per second as a share of the ceiling's; null for the ceiling itself. */
  ratioToCeiling: number | null
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]'])

function run(scenario: Scenario, connections: number, seconds: number, onResponse?: (status: number, milliseconds: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: scenario.origin, connections, duration: seconds, pipelining: 1, timeout: 30, requests: scenario.requests, ...(scenario.headers ? { headers: scenario.headers } : {}) },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    )
    if (onResponse) (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, milliseconds: number) => onResponse(status, milliseconds))
  })
}

const percentile = (sorted: Float64Array, share: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!)
const rounded = (value: number) => Math.round(value * 10) / 10

export async function measure(scenario: Scenario, settings: LoadSettings): Promise<Measured> {
  if (!loopback.has(new URL(scenario.origin).hostname)) throw new Error(`${scenario.origin}: the benchmark runs on loopback only`)
  const connections = Math.min(settings.connections, scenario.maxConnections ?? settings.connections)
  if (settings.warmup > 0) {
    await scenario.prepare?.()
    await run(scenario, connections, settings.warmup)
    // Requests cut off when the warm-up stops may still be finishing on the server.
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await scenario.prepare?.()
  const latencies: number[] = []
  let unexpected = 0
  const result = await run(scenario, connections, settings.duration, (status, milliseconds) => {
    latencies.push(milliseconds)
    if (status !== scenario.expect) unexpected += 1
  })
  const sorted = Float64Array.from(latencies).sort()
  return {
    key: scenario.key,
    title: scenario.title,
    connections,
    requests: latencies.length,
    requestsPerSecond: rounded(latencies.length / result.duration),
    latencyMs: { p50: rounded(percentile(sorted, 0.5)), p95: rounded(percentile(sorted, 0.95)), p99: rounded(percentile(sorted, 0.99)), max: rounded(sorted.at(-1) ?? Number.NaN) },
    errors: unexpected + result.errors + result.timeouts,
    ratioToCeiling: null,
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

/** A server the benchmark started: where it listens, its peak memory, and how to stop it. */
export interface Server {
  url: string
  pid: number
  /** The process's peak resident set (VmHWM) in MB, or null where /proc does not say. */
  peakRssMb(): number | null
  stop(): Promise<void>
}

const root = path.resolve(import.meta.dirname, '../..')

function peakRss(pid: number): number | null {
  try {
    const kilobytes = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kilobytes ? Math.round(Number(kilobytes) / 1024) : null
  } catch {
    return null
  }
}

/** Waits for a line of standard output matching `ready`; the process's other output is kept for the error message. */
function whenReady(child: ChildProcess, ready: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 120 s:\n${output}`)), 120_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = ready.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', read)
        resolve(match[1]!)
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`))
    })
  })
}

function server(child: ChildProcess, url: string): Server {
  const pid = child.pid!
  return {
    url,
    pid,
    peakRssMb: () => peakRss(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000)
        child.once('exit', () => {
          clearTimeout(kill)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** `pathways start` in production mode on loopback, against `databaseUrl`; `nodeOptions` e.g. --cpu-prof. */
export async function startApp(databaseUrl: string, nodeOptions: readonly string[]): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeOptions, 'bin/pathways.js', 'start'], {
    cwd: root,
    // Production settings as the README gives them (a log line per request included); the demo dataset is the benchmark's own.
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, SEED_DEMO: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await whenReady(child, /Pathways is running at (\S+)/, 'the app')
  child.stdout?.resume()
  child.stderr?.resume()
  return server(child, `http://127.0.0.1:${port}`)
}

/** The bare Fastify "hello" (bench/ceiling.ts), on the same Node. */
export async function startCeiling(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ceiling.ts'], { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const url = await whenReady(child, /(http:\/\/127\.0\.0\.1:\d+)/, 'the ceiling server')
  child.stdout?.resume()
  child.stderr?.resume()
  return server(child, url)
}

import fs from 'node:fs'
import path from 'node:path'

/** The functions a CPU profile (node --cpu-prof) spent most time in, themselves rather than in what they called. */
export interface ProfileItem {
  where: string
  milliseconds: number
  share: number
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>
  samples: number[]
  timeDeltas: number[]
}

const root = path.resolve(import.meta.dirname, '../..')

function placeOf({ functionName, url, lineNumber }: CpuProfile['nodes'][number]['callFrame']): string {
  const file = url.replace(`file://${root}/`, '').replace(/^.*node_modules\//, '')
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`
}

export function topOfProfile(file: string, count: number): ProfileItem[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const frames = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame)]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0
    // Time waiting for work is not time spent.
    if (frames.get(id) === '(idle)') return
    self.set(frames.get(id)!, (self.get(frames.get(id)!) ?? 0) + micros)
    total += micros
  })
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, micros]) => ({ where, milliseconds: Math.round(micros / 1000), share: Math.round((1000 * micros) / total) / 10 }))
}

/**
 * Progress of a long command on standard error: a bar redrawn in place on a terminal,
 * plain lines at each tenth otherwise (a log file, CI), so the output stays readable.
 */

export interface ProgressState {
  /** What is happening, e.g. "Checking rows". */
  label: string
  /** Share done, 0 to 1. */
  fraction: number
  /** Rows handled so far in this phase. */
  rows: number
  elapsedMs: number
}

const barWidth = 24
const count = new Intl.NumberFormat('en-GB')

/** One line describing the state: label, bar (for a terminal), percentage, rows and rate. */
export function progressLine(state: ProgressState, withBar: boolean): string {
  const fraction = Math.min(1, Math.max(0, state.fraction))
  const filled = Math.round(fraction * barWidth)
  const bar = withBar ? ` [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]` : ''
  const rate = state.elapsedMs > 0 ? Math.round((state.rows * 1000) / state.elapsedMs) : 0
  return `${state.label}${bar} ${Math.floor(fraction * 100)}% · ${count.format(state.rows)} rows · ${count.format(rate)} rows/s`
}

export interface ProgressOutput {
  isTTY?: boolean
  write(text: string): unknown
}

export class ProgressReporter {
  private label = ''
  private phaseStarted = 0
  private lastDraw = Number.NEGATIVE_INFINITY
  private lastTenth = -1
  /** The latest state not yet written, so the end of a phase is always shown. */
  private pending: ProgressState | null = null
  private drawn: ProgressState | null = null

  constructor(
    private readonly output: ProgressOutput,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a phase (ending the one before): its rate is counted from now. */
  begin(label: string): void {
    this.finishLine()
    this.label = label
    this.phaseStarted = this.now()
    this.lastDraw = Number.NEGATIVE_INFINITY
    this.lastTenth = -1
    this.drawn = null
  }

  update(fraction: number, rows: number): void {
    if (this.drawn && this.drawn.fraction === fraction && this.drawn.rows === rows) return
    const now = this.now()
    this.pending = { label: this.label, fraction, rows, elapsedMs: now - this.phaseStarted }
    if (this.output.isTTY) {
      // Redrawn at most ten times a second; finishLine draws the last state.
      if (now - this.lastDraw >= 100) this.draw()
      return
    }
    const tenth = Math.floor(Math.min(1, fraction) * 10)
    if (tenth !== this.lastTenth) this.draw()
  }

  /** Shows the phase's last state and ends its line, so what is written next starts on a line of its own. */
  finishLine(): void {
    if (this.pending) this.draw()
    if (this.output.isTTY && this.label !== '') this.output.write('\n')
    this.label = ''
  }

  private draw(): void {
    const state = this.pending
    if (!state) return
    this.pending = null
    this.drawn = state
    this.lastDraw = this.now()
    this.lastTenth = Math.floor(Math.min(1, state.fraction) * 10)
    this.output.write(this.output.isTTY ? `\r${progressLine(state, true)}\u001b[K` : `${progressLine(state, false)}\n`)
  }
}

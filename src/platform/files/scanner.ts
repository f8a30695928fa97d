/** What a scanner says about an upload: only `clean` files are kept. */
export type ScanVerdict = 'clean' | 'infected' | 'error'

/**
 * The hook for a virus scanner (ClamAV, a cloud scanning service): every upload is passed
 * to `scan` before it is stored. Pass one to buildApp as `fileScanner`.
 */
export interface FileScanner {
  /** Said in the start-up log, so an operator can see which scanner is in use. */
  readonly name: string
  scan(bytes: Uint8Array): Promise<ScanVerdict>
}

/** The default: no scanning at all. buildApp says so in the log at start-up, as a warning. */
export const unscanned: FileScanner = {
  name: 'none',
  scan: async () => 'clean',
}

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/**
 * Versioned code lists (content/code-lists.yml): reference data such as ethnicity, needs and
 * closing reasons, stored as codes and never as free text. The file is read and checked
 * once, when this module is first imported, so a bad file stops the app at start with a
 * message naming the list and the problem.
 */

export interface Code {
  code: string
  label: string
  /** A heading the code sits under (ethnicity's five groups). */
  group?: string
  /** The label under its group's heading: without the "Group: " the full label starts with. */
  shortLabel?: string
}

export interface CodeList {
  /** What the list records, for headings and questions. */
  name: string
  version: string
  /** An equality-monitoring list, which always offers prefer_not_to_say and not_known. */
  characteristic: boolean
  codes: readonly Code[]
}

export class CodeListError extends Error {
  override name = 'CodeListError'
}

export interface CodeLists {
  names(): string[]
  /** The named list; an unknown name is a programming error and throws. */
  codeList(name: string): CodeList
  isCode(list: string, code: unknown): boolean
  /** The label of `code` in `list`, or the code itself when the list does not have it (an old record). */
  labelOf(list: string, code: string | null | undefined): string
}

const listName = /^[a-z][a-z_]*$/
const codePattern = /^[a-z0-9][a-z0-9_]*$/
/** Every equality characteristic can be declined or be unknown (DOMAIN.md "Equality monitoring"). */
export const requiredCharacteristicCodes = ['prefer_not_to_say', 'not_known'] as const

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null
}

function readCode(where: string, value: unknown): Code {
  const entry = (value ?? {}) as Record<string, unknown>
  const code = text(entry.code)
  const label = text(entry.label)
  if (code === null || !codePattern.test(code)) throw new CodeListError(`${where}: a code must be lower-case letters, digits and underscores (got ${JSON.stringify(entry.code)})`)
  if (label === null) throw new CodeListError(`${where}: code "${code}" has no label`)
  const group = text(entry.group)
  if (group === null) return { code, label }
  const rest = label.startsWith(`${group}: `) ? label.slice(group.length + 2) : label
  return { code, label, group, shortLabel: rest.charAt(0).toUpperCase() + rest.slice(1) }
}

function readList(source: string, name: string, value: unknown): CodeList {
  const where = `${source}, list "${name}"`
  if (!listName.test(name)) throw new CodeListError(`${where}: a list name must be lower-case letters and underscores`)
  const list = (value ?? {}) as Record<string, unknown>
  const title = text(list.name)
  const version = text(list.version)
  if (title === null) throw new CodeListError(`${where}: no name`)
  if (version === null) throw new CodeListError(`${where}: no version`)
  if (!Array.isArray(list.codes) || list.codes.length === 0) throw new CodeListError(`${where}: no codes`)
  const codes = list.codes.map((entry) => readCode(where, entry))
  const seen = new Set<string>()
  for (const { code } of codes) {
    if (seen.has(code)) throw new CodeListError(`${where}: code "${code}" appears twice`)
    seen.add(code)
  }
  const characteristic = list.characteristic === true
  const missing = requiredCharacteristicCodes.filter((code) => !seen.has(code))
  if (characteristic && missing.length > 0) throw new CodeListError(`${where}: an equality characteristic must offer ${missing.join(' and ')}`)
  return { name: title, version, characteristic, codes }
}

/** Reads the text of a code-list file; `source` names it in error messages. */
export function parseCodeLists(yamlText: string, source: string): CodeLists {
  let parsed: unknown
  try {
    parsed = parse(yamlText)
  } catch (error) {
    throw new CodeListError(`${source}: not valid YAML (${(error as Error).message.split('\n')[0]})`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CodeListError(`${source}: expected lists by name`)
  const lists = new Map(Object.entries(parsed).map(([name, value]) => [name, readList(source, name, value)]))
  const labels = new Map([...lists].map(([name, list]) => [name, new Map(list.codes.map((code) => [code.code, code.label]))]))
  // An unknown list name is a mistake in the code, not in the data: it throws.
  const known = <T>(found: T | undefined, name: string): T => {
    if (found === undefined) throw new CodeListError(`no code list named "${name}" in ${source}`)
    return found
  }
  const labelsOf = (name: string) => known(labels.get(name), name)
  return {
    names: () => [...lists.keys()],
    codeList: (name) => known(lists.get(name), name),
    isCode: (list, code) => typeof code === 'string' && labelsOf(list).has(code),
    labelOf: (list, code) => (code === null || code === undefined ? '' : (labelsOf(list).get(code) ?? code)),
  }
}

export function loadCodeLists(file: string): CodeLists {
  let yamlText: string
  try {
    yamlText = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new CodeListError(`cannot read ${file}: ${(error as Error).message}`)
  }
  return parseCodeLists(yamlText, path.basename(file))
}

export const codeListsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content/code-lists.yml')

/** The shipped code lists, checked on import. */
export const codeLists: CodeLists = loadCodeLists(codeListsFile)

export const codeList = (name: string): CodeList => codeLists.codeList(name)
export const isCode = (list: string, code: unknown): boolean => codeLists.isCode(list, code)
export const labelOf = (list: string, code: string | null | undefined): string => codeLists.labelOf(list, code)

/** The Nunjucks filter `{{ code | codeLabel("ethnicity") }}`. */
export const codeLabelFilter = (code: string | null | undefined, list: string): string => labelOf(list, code)

import { codeList } from '../../platform/content/code-lists.ts'
import type { Content } from '../../platform/content/content.ts'
import type { Tx } from '../../platform/db/database.ts'
import { peopleByEthnicityAndService, servicesByName, type ServiceColumn } from './repository.ts'
import { suppressSmallNumbers, type ReportCell } from './rules.ts'

/** A cell as the page and the CSV show it: the count, or the mark of a hidden one. */
export interface ShownCell {
  text: string
  /** For screen readers, in words, when the cell is hidden. */
  hidden: string | null
}

export interface ShownRow {
  label: string
  cells: ShownCell[]
  total: ShownCell
}

export interface PeopleByEthnicity {
  services: ServiceColumn[]
  rows: ShownRow[]
  totals: ShownRow
  threshold: number
}

const counted = new Intl.NumberFormat('en-GB')

/**
 * The table of people by ethnic group (rows, in code-list order) and service (columns),
 * with small numbers hidden. A code no longer in the list counts as "Not known", so the
 * rows still add up to the people counted.
 */
export async function readPeopleByEthnicity(tx: Tx, content: Content, threshold: number): Promise<PeopleByEthnicity> {
  const [services, counts] = await Promise.all([servicesByName(tx), peopleByEthnicityAndService(tx)])
  const groups = codeList('ethnicity').codes
  const rowOf = new Map(groups.map((code, index) => [code.code, index]))
  const notKnown = rowOf.get('not_known')!
  const columnOf = new Map(services.map((service, index) => [service.id, index]))
  const cells = groups.map(() => services.map(() => 0))
  const rowTotals = groups.map(() => 0)
  for (const { ethnicity, service_id, people } of counts) {
    const row = rowOf.get(ethnicity) ?? notKnown
    if (service_id === null) rowTotals[row]! += people
    else cells[row]![columnOf.get(service_id)!]! += people
  }
  // Each person has one ethnic group, so a service's total is the sum of its column.
  const columnTotals = services.map((_, column) => cells.reduce((sum, row) => sum + row[column]!, 0))
  const table = suppressSmallNumbers({ counts: cells, rowTotals, columnTotals, grandTotal: rowTotals.reduce((sum, count) => sum + count, 0) }, threshold)

  const show = (cell: ReportCell): ShownCell => {
    if (cell.suppressed === 'small') return { text: content.t('reports.cells.small', { threshold }), hidden: content.t('reports.cells.smallHidden', { threshold }) }
    if (cell.suppressed === 'complementary') return { text: content.t('reports.cells.complementary'), hidden: content.t('reports.cells.complementaryHidden') }
    return { text: counted.format(cell.count ?? 0), hidden: null }
  }
  return {
    services,
    rows: groups.map((code, row) => ({ label: code.label, cells: table.cells[row]!.map(show), total: show(table.rowTotals[row]!) })),
    totals: { label: content.t('reports.peopleByEthnicity.allGroups'), cells: table.columnTotals.map(show), total: show(table.grandTotal) },
    threshold,
  }
}

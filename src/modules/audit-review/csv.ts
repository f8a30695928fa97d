// CSV writing moved to platform/http/csv.ts when the reports module needed it too.
export { csvCell, csvRow, type CsvValue } from '../../platform/http/csv.ts'

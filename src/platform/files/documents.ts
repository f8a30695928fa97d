import { readFirstLocalEntry, readZipEntries, startsLikeZip } from './zip.ts'

/**
 * The kinds of document a service may offer referrers, told apart by their bytes alone:
 * a file's name and the type its browser declares are whatever the uploader says, so an
 * HTML page or a program renamed "form.pdf" must not become a download.
 */
export const documentTypes = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
} as const

export type DocumentType = keyof typeof documentTypes

export function isDocumentType(value: string): value is DocumentType {
  return Object.hasOwn(documentTypes, value)
}

const pdfSignature = new TextEncoder().encode('%PDF-')
const odtMimetype = documentTypes.odt.contentType

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.byteLength >= prefix.byteLength && prefix.every((byte, index) => bytes[index] === byte)
}

/**
 * OpenDocument packages put an uncompressed `mimetype` entry first, naming the kind of
 * document (ODF 1.2 part 3, 3.3); a text document's is the ODT content type. The central
 * directory must agree that it comes first.
 */
function isOpenDocumentText(bytes: Uint8Array, names: readonly string[]): boolean {
  const first = readFirstLocalEntry(bytes)
  if (!first || first.name !== 'mimetype' || first.compressionMethod !== 0 || !first.storedBytes) return false
  return names[0] === 'mimetype' && new TextDecoder().decode(first.storedBytes) === odtMimetype
}

/** A Word document is an Open Packaging package: a content-types part and the `word/` parts. */
function isWordDocument(names: readonly string[]): boolean {
  return names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('word/'))
}

/** The document type the bytes are, or null for anything else (another ZIP, HTML, a program, an empty file). */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, pdfSignature)) return 'pdf'
  if (!startsLikeZip(bytes)) return null
  const entries = readZipEntries(bytes)
  if (!entries) return null
  const names = entries.map((entry) => entry.name)
  if (isOpenDocumentText(bytes, names)) return 'odt'
  if (isWordDocument(names)) return 'docx'
  return null
}

const longestStem = 80

/**
 * The name a download is served under: letters, digits, hyphens and dots from the
 * uploader's name (accents dropped, anything else a hyphen), with the extension of the
 * type the bytes are. Never used as a path: files are stored under generated keys.
 */
export function safeDownloadName(uploadedName: string, type: DocumentType): string {
  const base = uploadedName.split(/[\\/]/).pop() ?? ''
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base
  const safe = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, longestStem)
    .replace(/[-.]+$/, '')
  return `${safe || 'download'}.${documentTypes[type].extension}`
}

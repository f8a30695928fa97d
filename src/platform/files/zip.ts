/**
 * Just enough of the ZIP format (APPNOTE.TXT) to tell what a document package holds:
 * the names in the central directory, and the first local entry with its stored bytes.
 * Nothing is decompressed and every offset is checked against the buffer, so a crafted
 * or truncated file yields null, never an exception or a read outside the bytes.
 */

const localHeaderSignature = 0x04034b50
const centralHeaderSignature = 0x02014b50
const endOfCentralDirectorySignature = 0x06054b50
const endOfCentralDirectoryLength = 22
const centralHeaderLength = 46
const localHeaderLength = 30
/** The end record may be followed by a comment of up to 65,535 bytes. */
const longestComment = 0xffff
/** More entries than any document needs: a guard against a directory that claims millions. */
const mostEntries = 10_000

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  compressionMethod: number
  compressedSize: number
  localHeaderOffset: number
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function fits(bytes: Uint8Array, offset: number, length: number): boolean {
  return offset >= 0 && length >= 0 && offset + length <= bytes.byteLength
}

/** Whether the bytes start the way every ZIP with at least one entry does. */
export function startsLikeZip(bytes: Uint8Array): boolean {
  return fits(bytes, 0, 4) && view(bytes).getUint32(0, true) === localHeaderSignature
}

function findEndOfCentralDirectory(bytes: Uint8Array): number | null {
  const data = view(bytes)
  const last = bytes.byteLength - endOfCentralDirectoryLength
  const first = Math.max(0, last - longestComment)
  for (let offset = last; offset >= first; offset -= 1) {
    if (data.getUint32(offset, true) === endOfCentralDirectorySignature) return offset
  }
  return null
}

const decoder = new TextDecoder('utf-8', { fatal: false })

/** The entries of the central directory, in directory order, or null when the bytes are not a well-formed ZIP. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (!startsLikeZip(bytes) || bytes.byteLength < endOfCentralDirectoryLength) return null
  const end = findEndOfCentralDirectory(bytes)
  if (end === null) return null
  const data = view(bytes)
  const count = data.getUint16(end + 10, true)
  const directorySize = data.getUint32(end + 12, true)
  const directoryOffset = data.getUint32(end + 16, true)
  // ZIP64 marks these fields 0xffff…; no document of ours needs it.
  if (count === 0 || count > mostEntries || !fits(bytes, directoryOffset, directorySize) || directoryOffset + directorySize > end) return null
  const entries: ZipEntry[] = []
  let offset = directoryOffset
  for (let index = 0; index < count; index += 1) {
    if (!fits(bytes, offset, centralHeaderLength) || data.getUint32(offset, true) !== centralHeaderSignature) return null
    const nameLength = data.getUint16(offset + 28, true)
    const extraLength = data.getUint16(offset + 30, true)
    const commentLength = data.getUint16(offset + 32, true)
    const nameStart = offset + centralHeaderLength
    if (!fits(bytes, nameStart, nameLength + extraLength + commentLength)) return null
    const localHeaderOffset = data.getUint32(offset + 42, true)
    if (!fits(bytes, localHeaderOffset, localHeaderLength)) return null
    entries.push({
      name: decoder.decode(bytes.subarray(nameStart, nameStart + nameLength)),
      compressionMethod: data.getUint16(offset + 10, true),
      compressedSize: data.getUint32(offset + 20, true),
      localHeaderOffset,
    })
    offset = nameStart + nameLength + extraLength + commentLength
  }
  return entries
}

/**
 * The first entry of the file as its local header describes it, with its bytes when it
 * is stored uncompressed (an OpenDocument `mimetype` entry must be), or null.
 */
export function readFirstLocalEntry(bytes: Uint8Array): { name: string; compressionMethod: number; storedBytes: Uint8Array | null } | null {
  if (!startsLikeZip(bytes) || !fits(bytes, 0, localHeaderLength)) return null
  const data = view(bytes)
  const compressionMethod = data.getUint16(8, true)
  const compressedSize = data.getUint32(18, true)
  const nameLength = data.getUint16(26, true)
  const extraLength = data.getUint16(28, true)
  if (!fits(bytes, localHeaderLength, nameLength + extraLength)) return null
  const name = decoder.decode(bytes.subarray(localHeaderLength, localHeaderLength + nameLength))
  const dataStart = localHeaderLength + nameLength + extraLength
  const storedBytes = compressionMethod === 0 && fits(bytes, dataStart, compressedSize) ? bytes.subarray(dataStart, dataStart + compressedSize) : null
  return { name, compressionMethod, storedBytes }
}

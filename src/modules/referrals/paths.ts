import { path } from '../../platform/http/paths.ts'

export const referralsPaths = {
  /** GET the form to refer a person in the caller's scope; POST saves a draft or submits. */
  newReferral: path('/people/:personId/referrals/new'),
  /** The referrals the caller made. */
  mine: path('/referrals'),
  /** New and in-review referrals to the services of the caller's teams. */
  inbox: path('/referrals/inbox'),
  referral: path('/referrals/:referralId'),
  /** GET/POST the answers of a draft, or of a referral the service asked more information about. */
  edit: path('/referrals/:referralId/edit'),
  transitions: path('/referrals/:referralId/transitions'),
  notes: path('/referrals/:referralId/notes'),
  /** GET the supporting documents with the upload form; POST uploads one. */
  attachments: path('/referrals/:referralId/attachments'),
  removeAttachment: path('/referrals/:referralId/attachments/:attachmentId/remove'),
  download: path('/referrals/:referralId/attachments/:attachmentId/:fileName'),
  api: {
    referrals: path('/api/v1/referrals'),
    referral: path('/api/v1/referrals/:referralId'),
    transitions: path('/api/v1/referrals/:referralId/transitions'),
  },
}

/** `list` with the given query values (empty ones left out), in the order given. */
export function listPage(list: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams(Object.entries(query).flatMap(([name, value]) => (value === undefined || value === '' ? [] : [[name, String(value)]]))).toString()
  return search ? `${list}?${search}` : list
}

/** The routes that take an uploaded file (platform/files refuses files anywhere else). */
export const referralsUploadRoutes: readonly string[] = [referralsPaths.attachments.pattern]

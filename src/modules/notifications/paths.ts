import { path } from '../../platform/http/paths.ts'

export const notificationsPaths = {
  list: path('/notifications'),
  read: path('/notifications/:notificationId/read'),
}

/** A page of the list; the first page has no query. */
export function notificationsPage(page: number): string {
  return page > 1 ? `${notificationsPaths.list()}?page=${page}` : notificationsPaths.list()
}

import { path } from '../../platform/http/paths.ts'

export const adminPaths = {
  organisations: path('/admin/organisations'),
  newOrganisation: path('/admin/organisations/new'),
  organisation: path('/admin/organisations/:organisationId'),
  teams: path('/admin/organisations/:organisationId/teams'),
  newTeam: path('/admin/organisations/:organisationId/teams/new'),
  users: path('/admin/organisations/:organisationId/users'),
  inviteUser: path('/admin/organisations/:organisationId/users/new'),
  user: path('/admin/users/:userId'),
  /** Roles and teams: a sensitive change, behind a fresh password check. */
  userAccess: path('/admin/users/:userId/access'),
  deactivateUser: path('/admin/users/:userId/deactivate'),
  reactivateUser: path('/admin/users/:userId/reactivate'),
  unlockUser: path('/admin/users/:userId/unlock'),
  issuePasswordLink: path('/admin/users/:userId/password-link'),
  /** Public: the one-time link an administrator hands to an invited user or one who needs a new password. */
  setPassword: path('/set-password/:token'),
  passwordSet: path('/password-set'),
}

/** One page of an organisation's users. */
export function usersPage(organisationId: string, page: number): string {
  const list = adminPaths.users({ organisationId })
  return page > 1 ? `${list}?page=${page}` : list
}

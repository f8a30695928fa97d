import type { FastifyReply, FastifyRequest } from 'fastify'
import { recordAudit } from '../../../platform/audit/index.ts'
import { ensureSession } from '../../../platform/auth/authentication.ts'
import { hashPassword, minimumPasswordLength, passwordProblem } from '../../../platform/auth/passwords.ts'
import { endAllSessions } from '../../../platform/auth/sessions.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { setPasswordForm } from '../forms.ts'
import { adminPaths } from '../paths.ts'
import { findUsableLink, setPasswordByLink, type LinkHolder } from '../repository.ts'
import { fieldProblem, type FormProblem } from './form-problems.ts'

function tokenOf(request: FastifyRequest): string {
  return (request.params as { token: string }).token
}

/** Expired, used, withdrawn and made-up links look the same: the page does not say which. */
function linkUnusable(reply: FastifyReply) {
  return reply.code(404).view('admin/views/link-unusable.njk')
}

function renderForm(reply: FastifyReply, token: string, holder: LinkHolder, problem?: FormProblem) {
  // The token is in the address: the page must not be kept by the browser or a proxy.
  return reply
    .code(problem ? 400 : 200)
    .header('cache-control', 'no-store')
    .view('admin/views/set-password.njk', { token, email: holder.email, minimum: minimumPasswordLength, ...problem })
}

export async function showSetPassword(request: FastifyRequest, reply: FastifyReply) {
  const token = tokenOf(request)
  const holder = await findUsableLink(request.server.database.db, token, new Date())
  if (!holder) return linkUnusable(reply)
  await ensureSession(request, reply)
  return renderForm(reply, token, holder)
}

/** Sets the password chosen by the holder of the link; the first one also activates an invited account. */
export async function setPassword(request: FastifyRequest, reply: FastifyReply) {
  const { db, dialect } = request.server.database
  const token = tokenOf(request)
  const now = new Date()
  const holder = await findUsableLink(db, token, now)
  if (!holder) return linkUnusable(reply)
  const form = parseForm(setPasswordForm, request.body, request.server.content)
  if (!form.ok) return renderForm(reply, token, holder, form)
  const problem = passwordProblem(form.value.password)
  if (problem) return renderForm(reply, token, holder, fieldProblem(request, 'password', `admin.setPassword.errors.${problem}`, { minimum: minimumPasswordLength }))
  if (form.value.confirmPassword !== form.value.password) return renderForm(reply, token, holder, fieldProblem(request, 'confirmPassword', 'admin.setPassword.errors.mismatch'))

  const passwordHash = await hashPassword(form.value.password)
  const done = await inTransaction(db, async (tx) => {
    if (!(await setPasswordByLink(tx, token, holder, passwordHash, now))) return false
    // Whoever knew the old password is signed out with it.
    await endAllSessions(tx, holder.user_id)
    await recordAudit(tx, dialect, {
      action: 'account.password.set',
      outcome: 'allowed',
      userId: holder.user_id,
      organisationId: holder.organisation_id,
      recordType: 'staff_user',
      recordId: holder.user_id,
      route: request.routeOptions.url,
      requestId: request.id,
    })
    return true
  })
  if (!done) return linkUnusable(reply)
  return reply.redirect(adminPaths.passwordSet(), 303)
}

export async function showPasswordSet(_request: FastifyRequest, reply: FastifyReply) {
  return reply.view('admin/views/password-set.njk')
}

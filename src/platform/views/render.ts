import type { FastifyInstance } from 'fastify'
import type nunjucks from 'nunjucks'
import { formCsrfToken } from '../auth/authentication.ts'

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a template (path relative to a template root) inside the layout and sends it as HTML. */
    view(template: string, context?: Record<string, unknown>): FastifyReply
  }
}

export function registerViews(app: FastifyInstance, env: nunjucks.Environment): void {
  app.decorateReply('view', function view(template: string, context: Record<string, unknown> = {}) {
    const html = env.render(template, {
      ...context,
      cspNonce: this.cspNonce,
      requestId: this.request.id,
      principal: this.request.principal,
      member: this.request.member,
      csrfToken: formCsrfToken(this.request),
      currentPath: this.request.url.split('?')[0],
      navigationCounts: this.request.navigationCounts,
    })
    return this.type('text/html; charset=utf-8').send(html)
  })
}

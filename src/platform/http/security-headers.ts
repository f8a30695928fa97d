import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyReply {
    /** Per-response nonce for the one inline script of the GOV.UK template. */
    cspNonce: string
  }
}

export interface SecurityHeaderOptions {
  /** Send HSTS: true when the service is reached over https (BASE_URL or the forwarded protocol). */
  https: boolean | 'from-request'
}

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.decorateReply('cspNonce', '')
  app.addHook('onRequest', async (_request, reply) => {
    reply.cspNonce = randomBytes(16).toString('base64')
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header(
      'content-security-policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${reply.cspNonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
      ].join('; '),
    )
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'same-origin')
    reply.header('x-frame-options', 'DENY')
    reply.header('cross-origin-opener-policy', 'same-origin')
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()')
    const https = options.https === 'from-request' ? request.protocol === 'https' : options.https
    if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains')
  })
}

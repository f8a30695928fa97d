export { recordAudit, type AuditEntry, type AuditOutcome } from './audit-log.ts'
export { auditRequest, type RequestAuditEntry } from './request-audit.ts'
export { auditEvents, isAuditEvent, type AuditEvent } from './events.ts'
export { verifyAuditChain, type AuditChainReport, type BrokenAuditEvent, type VerifyOptions } from './verify.ts'

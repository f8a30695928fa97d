export { recordAudit, type AuditEntry, type AuditOutcome } from './audit-log.ts'
export { auditEvents, isAuditEvent, type AuditEvent } from './events.ts'
export { verifyAuditChain, type AuditChainReport, type BrokenAuditEvent, type VerifyOptions } from './verify.ts'

import { z } from 'zod'
import type { Content } from '../../platform/content/content.ts'

const settingsSchema = z.object({ smallNumberThreshold: z.number().int().min(1).max(100) }).strict()

export type ReportSettings = z.infer<typeof settingsSchema>

/** The report settings (content/report-settings.yml); a bad file fails the request with the field named. */
export function reportSettings(content: Content): ReportSettings {
  const parsed = settingsSchema.safeParse(content.section('report-settings'))
  if (!parsed.success) throw new Error(`content/report-settings.yml: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'} ${issue.message}`).join('; ')}`)
  return parsed.data
}

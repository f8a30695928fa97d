import type { FastifyRequest } from 'fastify'
import { documentTypes } from '../../../platform/files/index.ts'
import { servicesPaths } from '../paths.ts'
import type { ServiceDetail } from '../repository.ts'
import { describeEligibilityRule, fileSizeInWords } from '../rules.ts'

/** A service as the public page and the API present it: rules in words, names for codes, links to files. */
export function serviceView(request: FastifyRequest, service: ServiceDetail) {
  const { t } = request.server.content
  const words = { t, organisationName: (id: string) => service.organisationNames[id] }
  return {
    ...service,
    eligibility: service.rules.map(({ id, rule }) => ({ id, rule, description: describeEligibilityRule(rule, words) })),
    referrerRoles: service.referrerRoles.map((key) => ({ key, name: request.server.roles.get(key)?.name ?? key })),
    referrerOrganisationTypes: service.referrerOrganisationTypes.map((key) => ({ key, name: t(`services.organisationTypes.${key}`) })),
    downloads: service.downloads.map((download) => ({
      ...download,
      url: servicesPaths.download({ slug: service.slug, downloadId: download.id, fileName: download.fileName }),
      contentType: documentTypes[download.documentType].contentType,
      typeName: t(`services.documentTypes.${download.documentType}`),
      size: fileSizeInWords(download.byteSize, t),
    })),
  }
}

export type ServiceView = ReturnType<typeof serviceView>

export { filteredServicesPage, servicesPaths } from './paths.ts'
export { servicesRoutes } from './routes.ts'

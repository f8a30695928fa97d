import { authorisationMatrix } from './support/authorisation-matrix.ts'
import { describeDialect } from './support/dialects.ts'

describeDialect('postgres', 'authorisation matrix', authorisationMatrix)

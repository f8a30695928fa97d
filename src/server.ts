// Entry point for `npm run dev` (tsx watch): the same as `pathways start`.
import { main } from '../cli/main.ts'

const code = await main(['start'])
if (code !== 0) process.exitCode = code

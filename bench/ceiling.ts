// The ceiling of the benchmarks: a bare Fastify "hello" on the same Node and machine as the
// app, with nothing else in the request's way. Prints its address on standard output.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => 'hello')
const address = await app.listen({ host: '127.0.0.1', port: 0 })
console.log(address)
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))

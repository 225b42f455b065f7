// The full local Bluesky network in one Node 22 process, listening on 127.0.0.1 only:
// a did:plc directory, a PDS whose app.bsky.* calls go to the AppView, the AppView that
// indexes the PDS's firehose into PostgreSQL, and the services @atproto/dev-env starts with
// it (Ozone moderation, bsync). No mock data: the tests create their own accounts.
// Env: PLC_PORT, PDS_PORT, APPVIEW_PORT, OZONE_PORT (required), DB_POSTGRES_URL,
// DB_POSTGRES_SCHEMA and REDIS_HOST (read by dev-env itself).
// Prints one line "READY pds=<url> appview=<url> plc=<url> in <ms>ms" when all serve requests.
import http from 'node:http'
import net from 'node:net'

// The services call listen(port) without a host: bind loopback, never every interface.
for (const proto of [http.Server.prototype, net.Server.prototype]) {
  const listen = proto.listen
  proto.listen = function (...args) {
    if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
      args.splice(1, 0, '127.0.0.1')
    } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host && !args[0].path) {
      args[0] = { ...args[0], host: '127.0.0.1' }
    }
    return listen.apply(this, args)
  }
}

const port = (name) => {
  const v = parseInt(process.env[name] ?? '', 10)
  if (!(v > 0)) { console.error(`bsky-network: ${name} is required`); process.exit(2) }
  return v
}
const ports = { plc: port('PLC_PORT'), pds: port('PDS_PORT'), appview: port('APPVIEW_PORT'), ozone: port('OZONE_PORT') }

const t0 = Date.now()
const { TestNetwork } = await import('@atproto/dev-env')
const network = await TestNetwork.create({
  plc: { port: ports.plc },
  pds: { port: ports.pds, hostname: 'localhost', inviteRequired: false },
  bsky: { port: ports.appview, publicUrl: `http://localhost:${ports.appview}` },
  // No chat service runs here; Ozone only needs to be told where one would be.
  ozone: { port: ports.ozone, chatUrl: 'http://127.0.0.1:1', chatDid: 'did:example:chat' },
})
console.log(`READY pds=http://127.0.0.1:${ports.pds} appview=http://127.0.0.1:${ports.appview}`
  + ` plc=http://127.0.0.1:${ports.plc} in ${Date.now() - t0}ms`)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  try { await network.close() } finally { process.exit(0) }
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

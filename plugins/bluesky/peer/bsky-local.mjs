// A local Bluesky PDS with an in-memory did:plc directory, in one Node 22 process,
// listening on 127.0.0.1 only. There is no CLI in the @atproto/pds package; this is it.
// Env: PDS_PORT, PLC_PORT (required), DATA_DIR (required), plus any PDS_* override.
// Prints one line "READY pds=<url> plc=<url> admin-password=<pw>" when both serve requests.
import http from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'

// The PDS calls listen(port) without a host: bind loopback, never every interface.
const listen = http.Server.prototype.listen
http.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) args.splice(1, 0, '127.0.0.1')
  return listen.apply(this, args)
}

const need = (name) => {
  const v = process.env[name]
  if (!v) { console.error(`bsky-local: ${name} is required`); process.exit(2) }
  return v
}
const pdsPort = parseInt(need('PDS_PORT'), 10)
const plcPort = parseInt(need('PLC_PORT'), 10)
const dataDir = need('DATA_DIR')
const hex = () => crypto.randomBytes(32).toString('hex')
const defaults = {
  PDS_HOSTNAME: 'localhost', PDS_PORT: String(pdsPort), PDS_DATA_DIRECTORY: dataDir,
  PDS_BLOBSTORE_DISK_LOCATION: path.join(dataDir, 'blobs'), PDS_JWT_SECRET: hex(),
  PDS_ADMIN_PASSWORD: hex().slice(0, 24), PDS_DPOP_SECRET: hex(),
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: hex(), PDS_REPO_SIGNING_KEY_K256_PRIVATE_KEY_HEX: hex(),
  PDS_DID_PLC_URL: `http://127.0.0.1:${plcPort}`, PDS_INVITE_REQUIRED: 'false', PDS_DEV_MODE: 'true',
  PDS_SERVICE_HANDLE_DOMAINS: '.test', PDS_CRAWLERS: '', LOG_ENABLED: 'false',
}
for (const [k, v] of Object.entries(defaults)) if (process.env[k] === undefined) process.env[k] = v
fs.mkdirSync(process.env.PDS_BLOBSTORE_DISK_LOCATION, { recursive: true })

const plcMod = await import('@did-plc/server')
const { PlcServer, Database } = plcMod.default ?? plcMod
const plc = PlcServer.create({ db: Database.mock(), port: plcPort })
await plc.start()
const { PDS, envToCfg, envToSecrets, readEnv } = await import('@atproto/pds')
const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()
console.log(`READY pds=http://127.0.0.1:${pdsPort} plc=http://127.0.0.1:${plcPort} admin-password=${process.env.PDS_ADMIN_PASSWORD}`)

const stop = async () => { await pds.destroy(); await plc.destroy(); process.exit(0) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

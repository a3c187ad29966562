// Serves the anchor's build as the app is served: Express, compression, the
// Remix request handler and the static client build.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'

const root = import.meta.dirname
const build = (await import(path.join(root, 'build/server/index.js'))) as ServerBuild
const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
const handleRemixRequest = createRequestHandler({ build, mode: 'production' })
// Remix's handler passes its own errors to next(), so its promise needs no one waiting on it.
app.all('*', (req, res, next) => void handleRemixRequest(req, res, next))
const port = Number(process.env.PORT ?? 3999)
app.listen(port, '127.0.0.1', () => console.log(`[anchor] bare Remix page at http://127.0.0.1:${port}`))

// ALTCHA's web component and its proof-of-work worker, bundled and served from
// our own origin (the "external" build keeps styles and workers out of inline
// blobs, so the nonce-based Content-Security-Policy needs no exception).
import 'altcha/external'
import 'altcha/altcha.css'
import Pbkdf2Worker from 'altcha/workers/pbkdf2?worker'

globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Pbkdf2Worker())

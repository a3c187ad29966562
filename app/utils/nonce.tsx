import { createContext, useContext } from 'react'

const NonceContext = createContext<string | undefined>(undefined)

/** Carries the request's CSP nonce to the scripts the document renders. */
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)

import { createContext, useContext } from "react";

/** The per-response CSP nonce, so Remix's inline bootstrap scripts may run and nothing else. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);

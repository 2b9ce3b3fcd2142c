/**
 * Method names of our custom requests, as the client sends them. The typed definitions (server/src/lsp/custom-requests.ts)
 * are built on the server's copy of the protocol package; importing them here would bundle a second copy (≈300 KB) into
 * the extension, so the client sends by name and a unit test keeps the names equal.
 */
export const trafficGraphMethod = 'istio/trafficGraph';

// The public contract of @sslkit/x509: explicit named exports, added as each concept lands.
export { certTimeToSeconds } from "./cert-time.js";

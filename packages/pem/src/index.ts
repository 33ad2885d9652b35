export { pemToDER, derToPEM, PEM_HEADER, PEM_FOOTER } from "./certificate.js";
export { decodePEM } from "./decode.js";
export type { DecodePEMOptions } from "./decode.js";
export { encodePEM } from "./encode.js";
export { detectFormat } from "./detect-format.js";
export type { PEMFormat } from "./detect-format.js";
export type { PEMBlock } from "./block.js";
export { PEMLabel } from "./labels.js";
export { PEMErrorCode } from "./error-codes.js";

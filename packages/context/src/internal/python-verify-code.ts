/**
 * Node reports OpenSSL's *last* verification error (its verify callback lets verification go
 * on), Python its *first* (verification stops there). For a leaf whose issuer is unknown,
 * OpenSSL first reports 20 (`UNABLE_TO_GET_ISSUER_CERT_LOCALLY`) and then, continuing,
 * always 21 (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`); 21 is reached no other way, so it is
 * reported as Python reports it.
 */
export function pythonVerifyCodeName(nodeCode: string): string {
  return nodeCode === "UNABLE_TO_VERIFY_LEAF_SIGNATURE" ? "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" : nodeCode;
}


import { describe, expect, it } from "vitest";
import {
  CertificateError,
  SSLCertVerificationError,
  SSLEOFError,
  SSLError,
  SSLSyscallError,
  SSLWantReadError,
  SSLWantWriteError,
  SSLZeroReturnError,
  SSL_ERROR_EOF,
  SSL_ERROR_SSL,
  SSL_ERROR_SYSCALL,
  SSL_ERROR_WANT_READ,
  SSL_ERROR_WANT_WRITE,
  SSL_ERROR_ZERO_RETURN,
  SSLErrorNumber,
  TimeoutError,
  isSSLKitError,
} from "@sslkit/errors";

describe("SSLError", () => {
  it("formats its message like CPython's str(SSLError), minus the C file", () => {
    const error = new SSLError("wrong version number", { library: "SSL", reason: "WRONG_VERSION_NUMBER" });
    expect(error.message).toBe("[SSL: WRONG_VERSION_NUMBER] wrong version number");
    expect(error.args).toEqual([SSL_ERROR_SSL, "[SSL: WRONG_VERSION_NUMBER] wrong version number"]);
    expect(error.library).toBe("SSL");
    expect(error.reason).toBe("WRONG_VERSION_NUMBER");
    expect(error.code).toBe("ERR_SSLKIT_SSL");
  });

  it("keeps a plain message when no reason is known", () => {
    const error = new SSLError("No cipher can be selected.");
    expect(error.message).toBe("No cipher can be selected.");
    expect(error.reason).toBeUndefined();
  });

  it("accepts a more specific code and keeps the cause", () => {
    const cause = new Error("inner");
    const error = new SSLError("No cipher can be selected.", { code: "ERR_SSLKIT_SSL_NO_CIPHER_MATCH", cause });
    expect(error.code).toBe("ERR_SSLKIT_SSL_NO_CIPHER_MATCH");
    expect(error.cause).toBe(cause);
  });
});

describe("the SSLError family", () => {
  it.each<[SSLError, number, string, string]>([
    [new SSLZeroReturnError(), SSL_ERROR_ZERO_RETURN, "ERR_SSLKIT_SSL_ZERO_RETURN", "SSLZeroReturnError"],
    [new SSLWantReadError(), SSL_ERROR_WANT_READ, "ERR_SSLKIT_SSL_WANT_READ", "SSLWantReadError"],
    [new SSLWantWriteError(), SSL_ERROR_WANT_WRITE, "ERR_SSLKIT_SSL_WANT_WRITE", "SSLWantWriteError"],
    [new SSLSyscallError(), SSL_ERROR_SYSCALL, "ERR_SSLKIT_SSL_SYSCALL", "SSLSyscallError"],
    [new SSLEOFError(), SSL_ERROR_EOF, "ERR_SSLKIT_SSL_EOF", "SSLEOFError"],
  ])("gives %o errno %i, code %s and name %s", (error, errno, code, name) => {
    expect(error).toBeInstanceOf(SSLError);
    expect(error.errno).toBe(errno);
    expect(error.args[0]).toBe(errno);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
  });

  it("uses Python's SSL_ERROR_* values", () => {
    expect(SSLErrorNumber).toEqual({
      SSL_ERROR_SSL: 1,
      SSL_ERROR_WANT_READ: 2,
      SSL_ERROR_WANT_WRITE: 3,
      SSL_ERROR_WANT_X509_LOOKUP: 4,
      SSL_ERROR_SYSCALL: 5,
      SSL_ERROR_ZERO_RETURN: 6,
      SSL_ERROR_WANT_CONNECT: 7,
      SSL_ERROR_EOF: 8,
      SSL_ERROR_INVALID_ERROR_CODE: 10,
    });
  });

  it("lets a user subclass inherit its parent's code", () => {
    class MyEOF extends SSLEOFError {}
    expect(new MyEOF().code).toBe("ERR_SSLKIT_SSL_EOF");
    expect(new MyEOF().name).toBe("MyEOF");
  });
});

describe("SSLCertVerificationError", () => {
  it("reads like CPython's certificate verify failure", () => {
    const error = new SSLCertVerificationError({ verifyCode: 10, verifyMessage: "certificate has expired" });
    expect(error.message).toBe("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired");
    expect(error.verifyCode).toBe(10);
    expect(error.verifyMessage).toBe("certificate has expired");
    expect(error.errno).toBe(SSL_ERROR_SSL);
    expect(error.code).toBe("ERR_SSLKIT_SSL_CERT_VERIFICATION");
  });
});

describe("CertificateError", () => {
  it("is an SSLCertVerificationError with CPython's bare hostname message", () => {
    const error = new CertificateError("hostname 'a.example' doesn't match 'b.example'");
    expect(error).toBeInstanceOf(SSLCertVerificationError);
    expect(error.message).toBe("hostname 'a.example' doesn't match 'b.example'");
    expect(error.verifyCode).toBe(62);
    expect(error.code).toBe("ERR_SSLKIT_HOSTNAME_MISMATCH");
    expect(isSSLKitError(error)).toBe(true);
  });
});

describe("TimeoutError", () => {
  it("is an sslkit error with the socket timeout code and Python's default text", () => {
    const error = new TimeoutError();
    expect(error.message).toBe("timed out");
    expect(error.code).toBe("ERR_SSLKIT_SOCKET_TIMEOUT");
    expect(error.name).toBe("TimeoutError");
    expect(isSSLKitError(error)).toBe(true);
    expect(new TimeoutError("The read operation timed out").message).toBe("The read operation timed out");
  });
});

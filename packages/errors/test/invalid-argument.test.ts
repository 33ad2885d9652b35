import { describe, expect, it } from "vitest";
import { invalidArgTypeError, invalidArgValueError, outOfRangeError } from "@sslkit/errors";

describe("invalidArgTypeError", () => {
  it("reads like Node's own ERR_INVALID_ARG_TYPE", () => {
    const error = invalidArgTypeError("pem", "of type string", 42);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe("ERR_INVALID_ARG_TYPE");
    expect(error.message).toBe('The "pem" argument must be of type string. Received type number (42)');
  });

  it("names the class of an object it received", () => {
    expect(invalidArgTypeError("data", "a Uint8Array", new Map()).message).toMatch(/an instance of Map$/);
  });
});

describe("invalidArgValueError", () => {
  it("is a TypeError with ERR_INVALID_ARG_VALUE and the reason", () => {
    const error = invalidArgValueError("label", "bad label", "must be upper-case ASCII");
    expect(error.code).toBe("ERR_INVALID_ARG_VALUE");
    expect(error.message).toBe("The argument 'label' must be upper-case ASCII. Received 'bad label'");
  });
});

describe("outOfRangeError", () => {
  it("is a RangeError with ERR_OUT_OF_RANGE", () => {
    const error = outOfRangeError("n", ">= 0", -1);
    expect(error).toBeInstanceOf(RangeError);
    expect(error.code).toBe("ERR_OUT_OF_RANGE");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTempDir, runProcess } from "@sslkit/test-utils";
import type { TempDir } from "@sslkit/test-utils";
import { ROOT } from "../src/workspace.js";

// scripts/docs/check-links.mjs is what makes `pnpm run docs` fail on a broken link in the
// generated site: it must catch a missing page and a missing anchor, and accept good links.
const checker = join(ROOT, "scripts", "docs", "check-links.mjs");

describe("the documentation site's link check", () => {
  let site: TempDir | undefined;
  afterEach(() => {
    site?.remove();
  });

  function makeSite(pages: Record<string, string>): string {
    site = makeTempDir("sslkit-site-");
    for (const [path, html] of Object.entries(pages)) {
      mkdirSync(join(site.path, path, ".."), { recursive: true });
      writeFileSync(join(site.path, path), html);
    }
    return site.path;
  }

  it("accepts relative links to existing pages and anchors, and ignores external links", async () => {
    const path = makeSite({
      "index.html": '<a href="guides/a.html#intro">a</a> <a href="https://example.org/missing">x</a> <a href="#top" id="top">top</a>',
      "guides/a.html": '<h2 id="intro">Intro</h2><a href="../index.html">home</a><img src="../media/logo.svg">',
      "media/logo.svg": "<svg/>",
    });
    const result = await runProcess(process.execPath, [checker, path]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.toString()).toMatch(/^4 links in docs\/dist resolve/);
  });

  it("reports a link to a page that does not exist", async () => {
    const path = makeSite({ "index.html": '<a href="guides/missing.html">?</a>' });
    const result = await runProcess(process.execPath, [checker, path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("index.html: guides/missing.html (no such file)");
  });

  it("reports a link to an anchor that the target page does not have", async () => {
    const path = makeSite({ "index.html": '<a href="a.html#gone">?</a>', "a.html": '<h2 id="here">Here</h2>' });
    const result = await runProcess(process.execPath, [checker, path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('index.html: a.html#gone (no element with id "gone")');
  });

  it("reports a link that leaves the site", async () => {
    const path = makeSite({ "index.html": '<a href="../../etc/passwd">?</a>' });
    const result = await runProcess(process.execPath, [checker, path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("(points outside the site)");
  });
});

// Offline link check of the generated site (docs/dist): every relative `href`/`src` of every
// HTML page must name a file of the site, and its `#fragment` an element id (or `name`) of that
// page. External links (http:, https:, mailto:) are not fetched: the build runs offline.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

function* htmlFiles(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

const decode = (value) => value.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");

const anchorCache = new Map();
/** The ids and names a page defines. */
function anchorsOf(file) {
  let anchors = anchorCache.get(file);
  if (anchors === undefined) {
    anchors = new Set();
    for (const match of readFileSync(file, "utf8").matchAll(/\s(?:id|name)="([^"]*)"/g)) anchors.add(decode(match[1]));
    anchorCache.set(file, anchors);
  }
  return anchors;
}

/** Returns one `page: link (reason)` line per broken link under `site`. */
export function checkLinks(site = `${root}docs/dist`) {
  if (!existsSync(join(site, "index.html"))) return { checked: 0, problems: [`${site}/index.html is missing`] };
  const problems = [];
  let checked = 0;
  for (const page of htmlFiles(site)) {
    const html = readFileSync(page, "utf8");
    for (const match of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const link = decode(match[2]);
      if (link === "" || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue; // external or scheme links
      checked += 1;
      const [pathPart = "", fragment] = link.split("#", 2);
      const path = decodeURIComponent(pathPart.split("?", 1)[0] ?? "");
      let target = path === "" ? page : join(dirname(page), path);
      if (existsSync(target) && statSync(target).isDirectory()) target = join(target, "index.html");
      const where = relative(site, page);
      if (!target.startsWith(site)) {
        problems.push(`${where}: ${link} (points outside the site)`);
      } else if (!existsSync(target)) {
        problems.push(`${where}: ${link} (no such file)`);
      } else if (fragment !== undefined && fragment !== "" && target.endsWith(".html") && !anchorsOf(target).has(decodeURIComponent(fragment))) {
        problems.push(`${where}: ${link} (no element with id "${fragment}")`);
      }
    }
  }
  return { checked, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { checked, problems } = checkLinks(process.argv[2]);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`${checked} links in docs/dist resolve`);
  }
}

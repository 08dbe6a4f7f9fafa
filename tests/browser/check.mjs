// otklik browser check: loads the built site in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core) and fails when a page does not render, logs a console error,
// requests anything off this machine, screenshots blank, has a serious or critical axe-core
// violation, scrolls sideways at 320 px, or (public pages) loses its content without
// JavaScript. One page is also opened from disk through file:// with its links followed.
//
// Usage: node check.mjs [--site ../../site] [--out ../../target/browser]
// Env:   CHROMIUM=/path/to/chromium (default /usr/bin/chromium)
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
};
const SITE = arg("--site", path.join(repo, "site"));
const OUT = arg("--out", path.join(repo, "target/browser"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const NARROW = 320;
// The print area of A4 with the stylesheet's 15 mm margins, in CSS pixels (96 per inch).
const A4_PRINT_WIDTH = Math.floor(((210 - 2 * 15) / 25.4) * 96);
const A4_LANDSCAPE_PRINT_WIDTH = Math.floor(((297 - 2 * 15) / 25.4) * 96);

// The pages to check, as paths under site/. Add the head's report here
// ("internal/reports/<period>.html") once `otklik report` writes it.
// `public: true` adds the 320 px and JavaScript-off checks; `print: true` the A4 check.
const PAGES = [
  { name: "public-dashboard", path: "public/index.html", public: true },
  { name: "public-item", path: firstItemPage(), public: true },
  { name: "public-lookup", path: "public/lookup/index.html", public: true },
  { name: "public-list", path: "public/appeals/index.html", public: true },
  { name: "public-filter", path: firstFile("public/appeals/locality", /\.html$/, /-page-\d+\.html$/), public: true },
  { name: "public-sector", path: firstFile("public/sectors", /\.html$/, /^index\.html$/), public: true },
  { name: "internal-dashboard", path: "internal/index.html", public: false },
  { name: "internal-report", path: "internal/report.html", public: false },
  // Written by `otklik report --period 2026-Q1` (.ci/browser runs it before this script).
  { name: "internal-head-report", path: "internal/reports/2026-Q1.html", public: false, print: true },
];
// The page opened from disk (file://), whose relative links must resolve to files.
const FROM_DISK = "public/index.html";

const failures = [];
const fail = (page, msg) => {
  failures.push(`${page}: ${msg}`);
  console.log(`  FAIL ${msg}`);
};

// The first appeal item page: a file under public/appeals/ (any depth, sorted) that is
// not a list page (index.html or a numbered list page such as page-2.html / 2.html).
function firstItemPage() {
  return firstFile("public/appeals", /\.html$/, /^(index|page[-_]?\d+|\d+)\.html$/);
}

function firstFile(dir, want, skip) {
  const root = path.join(SITE, dir);
  const walk = (d) => {
    if (!fs.existsSync(d)) return null;
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isFile() && want.test(e.name) && !skip.test(e.name)) return path.join(d, e.name);
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        const found = walk(path.join(d, e.name));
        if (found) return found;
      }
    }
    return null;
  };
  const found = walk(root);
  return found ? path.relative(SITE, found).split(path.sep).join("/") : `${dir}/<none found>`;
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".csv": "text/csv; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
};

// A static file server for site/ on loopback, on a port the system picks.
function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.join(SITE, decodeURIComponent(url.pathname));
    if (!file.startsWith(SITE + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Local means the test server itself, a file on disk, or an inline data: URL; anything
// else is an external request and is aborted before it leaves the machine.
function isLocal(url, origin) {
  if (url.startsWith("data:") || url.startsWith("about:") || url.startsWith("file://")) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

// Watches a page: console errors, uncaught exceptions, external, failed and non-2xx requests.
function watch(page, origin, problems) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (isLocal(r.url(), origin)) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
}

async function blockExternal(context, origin, problems) {
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url, origin)) return route.continue();
    let from = "";
    try { from = route.request().frame().url(); } catch { /* a request without a frame */ }
    problems.push(`external request (blocked) from ${from || "?"}: ${url}`);
    return route.abort("blockedbyclient");
  });
}

// A screenshot is blank when (nearly) every pixel has the colour of the first pixel.
function blankness(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const d = png.data;
  const [r0, g0, b0] = [d[0], d[1], d[2]];
  let differ = 0, sum = 0, sumSq = 0;
  const n = png.width * png.height;
  for (let i = 0; i < d.length; i += 4) {
    const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    sum += y; sumSq += y * y;
    if (Math.abs(d[i] - r0) + Math.abs(d[i + 1] - g0) + Math.abs(d[i + 2] - b0) > 24) differ++;
  }
  const mean = sum / n;
  return { share: differ / n, stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

async function checkPage(context, origin, spec) {
  console.log(`\n${spec.name}: ${spec.path}`);
  const file = path.join(SITE, spec.path);
  if (!fs.existsSync(file)) {
    fail(spec.name, `page missing: site/${spec.path}`);
    return;
  }
  const problems = [];
  const page = await context.newPage();
  watch(page, origin, problems);
  const response = await page.goto(`${origin}/${spec.path}`, { waitUntil: "load" });
  if (!response || response.status() !== 200) fail(spec.name, `HTTP status ${response?.status()}`);
  await page.waitForLoadState("networkidle").catch(() => {});

  const h1 = await page.locator("h1").count();
  if (h1 !== 1) fail(spec.name, `${h1} h1 elements (want exactly one)`);
  const title = await page.title();
  if (!title.trim()) fail(spec.name, "empty <title>");

  const shot = path.join(OUT, `${spec.name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  const b = blankness(shot);
  console.log(`  screenshot ${path.relative(repo, shot)}: ${(b.share * 100).toFixed(1)} % non-background, luminance sd ${b.stddev.toFixed(1)}`);
  if (b.share < 0.005 || b.stddev < 2) fail(spec.name, "screenshot is blank");

  await page.addScriptTag({ path: AXE });
  const axe = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ["violations"] }),
  );
  for (const v of axe.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    const line = `axe ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} nodes; e.g. ${targets})`;
    if (v.impact === "serious" || v.impact === "critical") fail(spec.name, line);
    else console.log(`  note ${line}`);
  }
  if (!axe.violations.length) console.log("  axe: no violations");

  if (spec.public) {
    await page.setViewportSize({ width: NARROW, height: 640 });
    const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
    if (width > NARROW + 1) {
      const wide = await page.evaluate((limit) => {
        const out = [];
        for (const el of document.querySelectorAll("main *, header *, footer *")) {
          const r = el.getBoundingClientRect();
          if (r.right > limit + 1 && out.length < 5) out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} (right ${Math.round(r.right)})`);
        }
        return out;
      }, NARROW);
      fail(spec.name, `scrolls sideways at ${NARROW} px: scrollWidth ${width}; e.g. ${wide.join(", ")}`);
    } else {
      console.log(`  ${NARROW} px: no horizontal scroll (scrollWidth ${width})`);
    }
    await page.screenshot({ path: path.join(OUT, `${spec.name}-320.png`), fullPage: true });
  }
  if (spec.print) await checkPrint(page, spec);
  await page.close();
  for (const p of problems) fail(spec.name, p);
}

// A printable page laid out for paper: with the print stylesheet at the width of A4's
// print area nothing sticks out to the right (it would be cut off on paper), and the PDF
// Chromium prints has pages.
async function checkPrint(page, spec) {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: A4_PRINT_WIDTH, height: 1000 });
  // Each element is measured against the page it prints on: a block the stylesheet puts
  // on a landscape page (CSS `page: landscape`) has the landscape print area.
  const wide = await page.evaluate(([portrait, landscape]) => {
    const out = [];
    for (const el of document.querySelectorAll("main *")) {
      const r = el.getBoundingClientRect();
      const onLandscape = [...ancestors(el)].some((a) => getComputedStyle(a).page === "landscape");
      const limit = onLandscape ? landscape : portrait;
      if (r.width > 0 && r.right > limit + 1 && out.length < 5) {
        const table = el.closest("table");
        const where = table?.caption ? ` in "${table.caption.textContent.trim()}"` : "";
        out.push(`${el.tagName.toLowerCase()}${where} (right ${Math.round(r.right)} > ${limit})`);
      }
    }
    return out;
    function* ancestors(el) {
      for (let a = el; a && a !== document.body; a = a.parentElement) yield a;
    }
  }, [A4_PRINT_WIDTH, A4_LANDSCAPE_PRINT_WIDTH]);
  if (wide.length) fail(spec.name, `print: wider than its A4 page: ${wide.join(", ")}`);
  const pdf = path.join(OUT, `${spec.name}.pdf`);
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  const pages = (fs.readFileSync(pdf, "latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (pages < 1) fail(spec.name, "print: the PDF has no pages");
  else if (!wide.length) console.log(`  print: fits A4 (${A4_PRINT_WIDTH} px wide, ${A4_LANDSCAPE_PRINT_WIDTH} px on landscape pages), ${pages} page(s) in ${path.relative(repo, pdf)}`);
  await page.emulateMedia({ media: "screen" });
}

// The search form of the public list: it appears with JavaScript, loads the index on the
// first search, and lists links to item pages that exist.
async function checkSearch(context, origin) {
  const name = "public-search";
  console.log(`\n${name}: public/appeals/index.html`);
  const problems = [];
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.goto(`${origin}/public/appeals/index.html`, { waitUntil: "load" });
  if (!(await page.locator("#search-form").isVisible())) {
    fail(name, "the search form stays hidden with JavaScript on");
    await page.close();
    return;
  }
  // Search for the settlement of the first item on the list, which must find it.
  const first = page.locator("#appeals-list a[href]").first();
  const href = await first.getAttribute("href");
  const item = (await first.textContent()).trim();
  await page.fill("#search-text", item);
  await page.locator("#search-text").press("Enter");
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && /\d/.test(s.textContent);
  }, null, { timeout: 10000 }).catch(() => {});
  const status = (await page.locator("#search-status").textContent()).trim();
  const found = await page.locator("#search-results a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  if (!found.includes(href)) {
    fail(name, `searching for "${item}" did not list ${href} (status "${status}", ${found.length} links)`);
  } else {
    console.log(`  "${item}": ${status} ${found.length} link(s), the item among them`);
  }
  for (const h of found.slice(0, 20)) {
    const target = path.join(SITE, "public/appeals", h);
    if (!fs.existsSync(target)) fail(name, `result link does not resolve: ${h}`);
  }
  await page.close();
  for (const p of problems) fail(name, p);
}

// With JavaScript off the page must still carry its heading and real content.
async function checkNoScript(context, origin, spec) {
  if (!fs.existsSync(path.join(SITE, spec.path))) return;
  const problems = [];
  const page = await context.newPage();
  watch(page, origin, problems);
  await page.goto(`${origin}/${spec.path}`, { waitUntil: "load" });
  const h1 = (await page.locator("h1").first().textContent().catch(() => "")) || "";
  const text = (await page.locator("main").innerText().catch(() => "")).trim();
  const links = await page.locator("main a[href]").count();
  if (!h1.trim() || text.length < 80) {
    fail(spec.name, `JavaScript off: content missing (h1 "${h1.trim()}", ${text.length} chars in main)`);
  } else {
    console.log(`  JavaScript off (${spec.name}): h1 "${h1.trim()}", ${text.length} chars, ${links} links in main`);
  }
  await page.close();
  for (const p of problems) fail(`${spec.name} (JavaScript off)`, p);
}

// The site must work from disk: styles apply and every relative link names an existing file.
async function checkFromDisk(context, rel) {
  const name = `file://${rel}`;
  console.log(`\n${name}`);
  const problems = [];
  const page = await context.newPage();
  watch(page, "file://", problems);
  await page.goto(pathToFileURL(path.join(SITE, rel)).href, { waitUntil: "load" });
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("header") || document.body).backgroundColor);
  if (bg === "rgba(0, 0, 0, 0)") fail(name, "stylesheet not applied from disk (header has no background)");
  const hrefs = await page.evaluate(() => [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
    .map((e) => e.href || e.src));
  let checked = 0;
  for (const href of new Set(hrefs)) {
    if (!href.startsWith("file://")) {
      if (!/^(mailto:|tel:)/.test(href)) fail(name, `non-local link or resource: ${href}`);
      continue;
    }
    const target = fileURLToPath(href.split("#")[0]);
    checked++;
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
      fail(name, `link does not resolve to a file on disk: ${path.relative(SITE, target) || href}`);
    }
  }
  const shot = path.join(OUT, "file-public-dashboard.png");
  await page.screenshot({ path: shot, fullPage: true });
  if (blankness(shot).share < 0.005) fail(name, "screenshot is blank");
  console.log(`  ${checked} relative links and resources resolve to files; header background ${bg}`);
  await page.close();
  for (const p of problems) fail(name, p);
}

async function main() {
  if (!fs.existsSync(path.join(SITE, "public/index.html"))) {
    console.error(`no built site at ${SITE} (run: cargo run --release -- build)`);
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  console.log(`serving ${SITE} at ${origin}; Chromium ${CHROMIUM}`);

  // Playwright gives every launch a fresh temporary --user-data-dir of its own and adds
  // --headless; the flags below keep Chromium off the network (this machine's closed
  // network refuses its background connections).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ru-RU" });
    const problems = [];
    await blockExternal(ctx, origin, problems);
    for (const spec of PAGES) await checkPage(ctx, origin, spec);
    await checkSearch(ctx, origin);

    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await blockExternal(noJs, origin, problems);
    console.log("");
    for (const spec of PAGES.filter((p) => p.public)) await checkNoScript(noJs, origin, spec);

    const disk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await blockExternal(disk, "file://", problems);
    await checkFromDisk(disk, FROM_DISK);
    for (const p of problems) fail("network", p);
  } finally {
    await browser.close();
    server.close();
  }

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    console.log(`\nbrowser check FAILED: ${failures.length} problem(s) in ${secs} s`);
    for (const f of failures) console.log(`  - ${f}`);
    process.exit(1);
  }
  console.log(`\nbrowser check passed: ${PAGES.length} pages in ${secs} s; screenshots in ${path.relative(repo, OUT) || OUT}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

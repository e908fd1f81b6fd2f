// Loads pages as a mid-range phone on a mobile network would (CPU slowed 4x, 1.6 Mbps down,
// 750 kbps up, 150 ms latency, cold cache) in headless Chromium, and prints for each page the
// first contentful paint, the moment it is interactive (`data-hydrated` on <html>) and the bytes
// transferred. Used by scripts/bench.sh.
//
// node scripts/phone-load.mjs BASE_URL EMAIL PASSWORD PATH...   (EMAIL "-" for no login)
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(join(process.cwd(), ".tools", "package.json"));
const puppeteer = require("puppeteer-core");
const [base, email, password, ...paths] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "tugi-phone-"));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  userDataDir: profile,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  if (email !== "-") {
    const page = await browser.newPage();
    await page.goto(`${base}/login`);
    await page.type("#f-email", email);
    await page.type("#f-password", password);
    await Promise.all([page.waitForNavigation(), page.click("form button[type=submit]")]);
    await page.close();
  }
  for (const path of paths) {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, isMobile: true, deviceScaleFactor: 2 });
    const cdp = await page.createCDPSession();
    await cdp.send("Network.enable");
    await cdp.send("Network.clearBrowserCache");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
    // The moment the marker appears, on the page's own clock (0 = navigation start).
    await page.evaluateOnNewDocument(() => {
      new MutationObserver((_, observer) => {
        if (document.documentElement?.hasAttribute("data-hydrated")) {
          window.__interactive = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
    });
    await page.goto(`${base}${path}`, { waitUntil: "load", timeout: 120000 });
    await page.waitForFunction(() => window.__interactive !== undefined, { timeout: 120000 });
    // Let late requests finish before counting.
    await new Promise((r) => setTimeout(r, 500));
    const [paint, interactive] = await page.evaluate(() => [
      performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      window.__interactive,
    ]);
    console.log(`${path}\t${Math.round(paint)}\t${Math.round(interactive)}\t${bytes}`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

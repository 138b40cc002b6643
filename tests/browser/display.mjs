// The -display web page in Debian's chromium, headless, driven by playwright-core:
// starts vzfast with the bundled graphical demo, opens the page, checks that the canvas shows
// exactly the emulator's own frame (/screenshot.png), presses a key on the canvas and sees the
// guest react (its serial line in the page, the brush drawn at its new place), then quits it.
//   node display.mjs PATH/TO/vzfast.dll
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

const dll = process.argv[2];
if (!dll) { console.error("usage: node display.mjs PATH/TO/vzfast.dll"); process.exit(2); }
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

function fail(message) { console.error("FAIL: " + message); process.exitCode = 1; throw new Error(message); }

const vz = spawn("dotnet", [dll, "-display", "web:0", "-serial", "null"], { stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
const exited = new Promise(resolve => vz.on("exit", code => resolve(code)));
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("vzfast did not announce its page: " + stderr)), 60000);
  vz.stderr.on("data", d => {
    stderr += d;
    const m = /display on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});

const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.vzfast.connected && window.vzfast.serial.includes("arrows move") && window.vzfast.updates > 0, null, { timeout: 30000 });

  // the canvas against the emulator's frame, pixel for pixel
  async function compareWithFrame() {
    return await page.evaluate(async () => {
      const canvas = document.getElementById("screen");
      const img = new Image();
      img.src = "/screenshot.png?t=" + Date.now();
      await img.decode();
      const off = new OffscreenCanvas(img.width, img.height);
      const octx = off.getContext("2d");
      octx.drawImage(img, 0, 0);
      const want = octx.getImageData(0, 0, img.width, img.height).data;
      const got = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      if (canvas.width !== img.width || canvas.height !== img.height) return { size: `${canvas.width}x${canvas.height} vs ${img.width}x${img.height}` };
      let differing = 0;
      for (let i = 0; i < want.length; i += 4)
        if (want[i] !== got[i] || want[i + 1] !== got[i + 1] || want[i + 2] !== got[i + 2]) differing++;
      return { differing, width: img.width, height: img.height };
    });
  }
  async function settledCompare() {
    let r;
    for (let i = 0; i < 20; i++) {
      r = await compareWithFrame();
      if (r.differing === 0) return r;
      await page.waitForTimeout(100);
    }
    return r;
  }
  let r = await settledCompare();
  if (r.differing !== 0) fail("the canvas is not the emulator's frame: " + JSON.stringify(r));
  console.log(`canvas equals the frame (${r.width}x${r.height})`);

  const pixel = () => page.evaluate(() => Array.from(document.getElementById("screen").getContext("2d").getImageData(340, 300, 1, 1).data));
  const before = await pixel();
  await page.focus("#screen");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => window.vzfast.serial.includes("key e0 4d -> 328,296"), null, { timeout: 15000 });
  await page.waitForFunction(b => {
    const p = document.getElementById("screen").getContext("2d").getImageData(340, 300, 1, 1).data;
    return p[0] !== b[0] || p[1] !== b[1] || p[2] !== b[2];
  }, before, { timeout: 15000 });
  r = await settledCompare();
  if (r.differing !== 0) fail("after the key the canvas is not the emulator's frame: " + JSON.stringify(r));
  console.log(`the guest reacted to ArrowRight: pixel ${before} -> ${await pixel()}, canvas equals the frame`);

  await page.keyboard.press("KeyQ");
  const code = await Promise.race([exited, new Promise(res => setTimeout(() => res("timeout"), 15000))]);
  if (code !== 0) fail("vzfast did not end with the guest's exit 0: " + code + "\n" + stderr);
  console.log("the guest quit on Q; vzfast exited 0");
} finally {
  await browser.close();
  vz.kill("SIGKILL");
}

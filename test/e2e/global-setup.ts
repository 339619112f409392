import { CHROMIUM_PATH, haveChromium } from "./chromium";

/** Says loudly when the browser tests cannot run, and refuses to pass quietly in CI. */
export default function checkChromium() {
  if (haveChromium) return;
  const message = [
    "",
    "!".repeat(72),
    `!! END-TO-END TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.`,
    "!! Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).",
    "!".repeat(72),
    "",
  ].join("\n");
  if (process.env.CI === "true") throw new Error(message);
  console.warn(message);
}

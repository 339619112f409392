import { useEffect, useState } from "preact/hooks";

/**
 * The current time at each render, plus a render every `intervalMs`, so "3 minutes ago" and
 * "Expired" stay true while the page is open.
 */
export function useNow(intervalMs = 60_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return Date.now();
}

import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { UsageChart } from "./usage-chart";

afterEach(cleanup);

const days = [
  { date: "2026-11-27", valid: 0, refused: 0 },
  { date: "2026-11-28", valid: 4, refused: 1 },
  { date: "2026-11-29", valid: 6, refused: 0 },
];

describe("UsageChart", () => {
  it("is an image named with the totals, with one stacked bar per day that had checks", () => {
    render(<UsageChart days={days} />);
    const chart = screen.getByRole("img");
    expect(chart.getAttribute("aria-label")).toBe("Checks per day: 10 checks accepted and 1 refused in the last 3 days");
    expect(chart.querySelectorAll("rect.usage-valid")).toHaveLength(2);
    expect(chart.querySelectorAll("rect.usage-refused")).toHaveLength(1);
    // The tallest day fills the chart: 6 of 6.
    const tallest = [...chart.querySelectorAll("rect.usage-valid")].map((rect) => Number(rect.getAttribute("height")));
    expect(Math.max(...tallest)).toBeCloseTo(116);
  });

  it("offers every day as a table too, newest first", () => {
    render(<UsageChart days={days} />);
    const rows = [...document.querySelectorAll(".usage-table tbody tr")].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows.map((row) => row.slice(1))).toEqual([
      ["6", "0"],
      ["4", "1"],
      ["0", "0"],
    ]);
  });

  it("draws no bar on days without checks, and says so", () => {
    render(<UsageChart days={[{ date: "2026-11-29", valid: 0, refused: 0 }]} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toBe("Checks per day: 0 checks accepted and 0 refused today");
    expect(document.querySelectorAll("rect")).toHaveLength(0);
  });
});

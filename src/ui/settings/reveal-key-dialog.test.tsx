import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RevealKeyDialog } from "./reveal-key-dialog";

const SECRET = "podk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("RevealKeyDialog", () => {
  it("copies the key with the Clipboard API", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    render(<RevealKeyDialog name="Kodi" secret={SECRET} onDone={() => {}} returnFocus={() => null} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByText("Copied to the clipboard.")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(SECRET);
  });

  it("selects the key for a manual copy where the Clipboard API is missing", async () => {
    vi.stubGlobal("navigator", {});
    render(<RevealKeyDialog name="Kodi" secret={SECRET} onDone={() => {}} returnFocus={() => null} />);
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByText(/^Selected\. Press Ctrl\+C/)).toBeTruthy();
    expect(String(getSelection())).toBe(SECRET);
  });

  it("warns that the key will not be shown again, and Done hands control back", () => {
    const onDone = vi.fn();
    render(<RevealKeyDialog name="Kodi" secret={SECRET} onDone={onDone} returnFocus={() => null} />);
    expect(screen.getByText("This key will not be shown again.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(onDone).toHaveBeenCalledOnce();
  });
});

describe("RevealKeyDialog after a roll", () => {
  it("says until when the old key works, exactly and relatively", () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    render(<RevealKeyDialog name="Kodi" secret={SECRET} previousKeyExpiresAt={until} onDone={() => {}} returnFocus={() => null} />);
    expect(document.querySelector(`time[datetime="${until}"]`)).toBeTruthy();
    expect(screen.getByText(/The old key keeps working until/).textContent).toContain("(in 1 hour), then it is refused.");
  });

  it("says the old key no longer works after a roll without grace", () => {
    render(
      <RevealKeyDialog
        name="Kodi"
        secret={SECRET}
        previousKeyExpiresAt={new Date().toISOString()}
        onDone={() => {}}
        returnFocus={() => null}
      />,
    );
    expect(screen.getByText("The old key no longer works.")).toBeTruthy();
  });
});

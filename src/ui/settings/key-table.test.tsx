import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiKey } from "../api";
import { KeyTable } from "./key-table";

const key = (over: Partial<ApiKey> = {}): ApiKey => ({
  id: 7,
  name: "Kodi living room",
  scope: "read",
  enabled: true,
  expiresAt: null,
  hint: "podk_…a1B2",
  createdAt: "2026-03-01T12:00:00.000Z",
  lastUsedAt: null,
  lastUsedCountry: null,
  owner: { id: 2, username: "bob" },
  ...over,
});

afterEach(cleanup);

describe("KeyTable", () => {
  it("shows each key's name, hint and dates, and 'never' for a key not used yet", () => {
    render(<KeyTable keys={[key(), key({ id: 8, name: "Phone", hint: "podk_…z9Y8", lastUsedAt: "2026-03-02T08:30:00.000Z" })]} showOwner={false} onDelete={() => {}} />);
    expect(screen.getByText("podk_…a1B2", { selector: "code" })).toBeTruthy();
    expect(screen.getAllByText("never")).toHaveLength(1);
    const times = [...document.querySelectorAll("time")].map((time) => time.getAttribute("datetime"));
    expect(times).toContain("2026-03-02T08:30:00.000Z");
  });

  it("has an Owner column for administrators only", () => {
    render(<KeyTable keys={[key()]} showOwner={false} onDelete={() => {}} />);
    expect(screen.queryByRole("columnheader", { name: "Owner" })).toBeNull();
    cleanup();
    render(<KeyTable keys={[key()]} showOwner onDelete={() => {}} />);
    expect(screen.getByRole("columnheader", { name: "Owner" })).toBeTruthy();
    expect(screen.getByText("bob")).toBeTruthy();
  });

  it("names the key in its Delete button and hands that key to onDelete", () => {
    const onDelete = vi.fn();
    render(<KeyTable keys={[key(), key({ id: 9, name: "Phone" })]} showOwner={false} onDelete={onDelete} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete Phone" }));
    expect(onDelete).toHaveBeenCalledWith(expect.objectContaining({ id: 9 }));
  });

  it("renders a name made of markup as text", () => {
    const name = `<img src=x onerror="alert(1)"><b>bold</b>`;
    render(<KeyTable keys={[key({ name })]} showOwner={false} onDelete={() => {}} />);
    expect(screen.getByRole("rowheader").textContent).toBe(name);
    expect(document.querySelector("img, b")).toBeNull();
  });
});

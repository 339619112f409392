import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CreateKeyDialog } from "./create-key-dialog";

const DAY = 86_400_000;

/** The API as the network delivers it: one answer, and the requests it was asked. */
function answer(status: number, body: unknown) {
  const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
  vi.stubGlobal("fetch", fetch);
  return () => fetch.mock.calls.map(([url, init]) => ({ url: String(url), body: JSON.parse(String(init.body)) }));
}

const CREATED = {
  key: "podk_x",
  apiKey: {
    id: 1,
    name: "HA",
    scope: "full",
    enabled: true,
    expiresAt: null,
    hint: "",
    createdAt: "",
    lastUsedAt: null,
    lastUsedCountry: null,
    owner: { id: 1, username: "a" },
  },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("CreateKeyDialog", () => {
  it("creates a read-only key that expires in 90 days unless told otherwise", async () => {
    const requests = answer(201, CREATED);
    const onCreated = vi.fn();
    render(<CreateKeyDialog onCreated={onCreated} onCancel={() => {}} />);
    expect((screen.getByLabelText("Read only") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Expires") as HTMLSelectElement).value).toBe("90");
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Kodi" } });
    fireEvent.submit(screen.getByRole("button", { name: "Create key" }).closest("form")!);
    await waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    const [request] = requests();
    expect(request).toMatchObject({ url: "/api/keys", body: { name: "Kodi", scope: "read" } });
    expect(Math.abs(Date.parse(request!.body.expiresAt) - (Date.now() + 90 * DAY))).toBeLessThan(5_000);
  });

  it("keeps Never available, with a visible warning, and then sends no expiry", async () => {
    const requests = answer(201, CREATED);
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    expect(screen.queryByText(/never expires works until someone deletes it/)).toBeNull();
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Cron" } });
    fireEvent.change(screen.getByLabelText("Expires"), { target: { value: "never" } });
    // Tied to the select, so a screen reader hears it with the choice.
    expect(screen.getByLabelText("Expires").getAttribute("aria-describedby")).toBe("key-expiry-hint");
    expect(document.getElementById("key-expiry-hint")!.textContent).toMatch(/never expires works until someone deletes it/);
    fireEvent.submit(screen.getByLabelText("Name").closest("form")!);
    await waitFor(() => expect(requests()).toEqual([{ url: "/api/keys", body: { name: "Cron", scope: "read" } }]));
  });

  it("sends full access and an expiry 30 days out, and says when that is before sending", async () => {
    const requests = answer(201, CREATED);
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "HA" } });
    fireEvent.change(screen.getByLabelText("Expires"), { target: { value: "30" } });
    expect(screen.getByText(/^Stops working /)).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/full access/i));
    fireEvent.submit(screen.getByLabelText("Name").closest("form")!);
    await waitFor(() => expect(requests()).toHaveLength(1));
    const { body } = requests()[0]!;
    expect(body.scope).toBe("full");
    expect(Math.abs(Date.parse(body.expiresAt) - (Date.now() + 30 * DAY))).toBeLessThan(5_000);
  });

  it("asks for a date when the expiry is custom, and sends the end of that local day", async () => {
    const requests = answer(201, CREATED);
    render(<CreateKeyDialog onCreated={() => {}} onCancel={() => {}} />);
    expect(screen.queryByLabelText("Expiry date")).toBeNull();
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Tablet" } });
    fireEvent.change(screen.getByLabelText("Expires"), { target: { value: "custom" } });
    fireEvent.input(screen.getByLabelText("Expiry date"), { target: { value: "2031-05-17" } });
    fireEvent.submit(screen.getByLabelText("Name").closest("form")!);
    await waitFor(() => expect(requests()).toHaveLength(1));
    expect(requests()[0]!.body.expiresAt).toBe(new Date(2031, 4, 17, 23, 59, 59).toISOString());
  });

  it("shows the API's refusal inside the dialog and stays open", async () => {
    answer(400, { error: { code: "VALIDATION_ERROR", message: "Keys on this server live at most 90 days: choose an earlier expiresAt." } });
    const onCreated = vi.fn();
    render(<CreateKeyDialog onCreated={onCreated} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Long" } });
    fireEvent.change(screen.getByLabelText("Expires"), { target: { value: "365" } });
    fireEvent.submit(screen.getByLabelText("Name").closest("form")!);
    const alert = await screen.findByText(/at most 90 days/);
    expect(alert.getAttribute("role")).toBe("alert");
    expect(onCreated).not.toHaveBeenCalled();
  });
});

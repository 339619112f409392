import { useState } from "preact/hooks";
import { errorMessage } from "../api";

/**
 * The busy flag and error message every form and confirmation needs around one API call: the
 * call's error is shown next to the form, and the buttons are disabled while it runs.
 */
export function useAction(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function run() {
    // The button that started it is disabled while busy, which drops focus to the page: it comes back after.
    const started = document.activeElement;
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
      setTimeout(() => {
        if (document.activeElement === document.body && started instanceof HTMLElement && started.isConnected) started.focus();
      });
    }
  }

  /** For a form's onSubmit: the browser has checked required and minLength fields by now. */
  function submit(event: Event) {
    event.preventDefault();
    void run();
  }

  return { busy, error, setError, run, submit };
}

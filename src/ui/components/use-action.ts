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
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  /** For a form's onSubmit: the browser has checked required and minLength fields by now. */
  function submit(event: Event) {
    event.preventDefault();
    void run();
  }

  return { busy, error, setError, run, submit };
}

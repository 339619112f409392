import type { ComponentChildren } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";

interface InputProps {
  /** A fixed id, for moving focus to the field from elsewhere; otherwise a generated one. */
  id?: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  type?: "text" | "password";
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  autocomplete?: string;
  autofocus?: boolean;
  /** "numeric" for the 6-digit codes: phones show the number pad. */
  inputMode?: "numeric";
  /** The browser's own validation message (e.g. "the passwords differ"), "" when valid. */
  invalid?: string;
}

/** A labelled input; the hint is tied to it with aria-describedby so screen readers read both. */
export function Field({ id: fixedId, label, value, onValue, hint, type, invalid, ...input }: InputProps) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const element = useRef<HTMLInputElement | null>(null);
  // The autofocus attribute acts only on page load and in dialogs: a field that appears later (the code
  // step of a sign-in, the form after Start over) takes focus itself, so typing goes where it should.
  useEffect(() => {
    if (input.autofocus) element.current?.focus();
  }, []);
  // Preact types <input> as a union keyed on `type`, so each literal is passed as itself.
  const typed = type === "password" ? ({ type: "password" } as const) : ({ type: "text" } as const);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        ref={(input) => {
          element.current = input;
          input?.setCustomValidity(invalid ?? "");
        }}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...typed}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** An error from the API, next to the form it belongs to, announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  );
}

interface NewPasswordProps {
  label?: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  autofocus?: boolean;
  invalid?: string;
}

/** A password being chosen. The browser checks the API's rule (10 to 1024 characters) before sending. */
export function NewPasswordField({ label = "Password", hint = "At least 10 characters.", ...rest }: NewPasswordProps) {
  return <Field label={label} hint={hint} type="password" required minLength={10} maxLength={1024} autocomplete="new-password" {...rest} />;
}

interface FormEndProps {
  error: string | undefined;
  done: string;
  busy: boolean;
  label: string;
  busyLabel: string;
  /** The form takes something away (two-factor sign-in): its button says so in red. */
  danger?: boolean;
}

/** The end of a settings form: its API error or its success message, then the submit button. */
export function FormEnd({ error, done, busy, label, busyLabel, danger }: FormEndProps) {
  return (
    <>
      <FormError message={error} />
      <p class="success" role="status">
        {done}
      </p>
      <button type="submit" class={danger ? "button button-danger" : "button button-primary"} disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}

interface DialogFormEndProps {
  error: string | undefined;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
}

/** The end of a form in a dialog: its API error, then Cancel and the submit button. */
export function DialogFormEnd({ error, busy, label, busyLabel, onCancel }: DialogFormEndProps) {
  return (
    <>
      <FormError message={error} />
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}

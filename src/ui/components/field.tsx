import { useId } from "preact/hooks";

interface InputProps {
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  type?: "text" | "password";
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  autocomplete?: string;
  autofocus?: boolean;
}

/** A labelled input; the hint is tied to it with aria-describedby so screen readers read both. */
export function Field({ label, value, onValue, hint, type, ...input }: InputProps) {
  const id = useId();
  // Preact types <input> as a union keyed on `type`, so each literal is passed as itself.
  const typed = type === "password" ? ({ type: "password" } as const) : ({ type: "text" } as const);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
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

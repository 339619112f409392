/** A list that could not be loaded: what failed, the API's reason, and a way to try again. */
export function LoadError({ what, reason, onRetry }: { what: string; reason: string; onRetry: () => void }) {
  return (
    <div class="empty" role="alert">
      <p>
        {what} could not be loaded. {reason}
      </p>
      <button type="button" class="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

export function Brand() {
  return (
    <span class="brand">
      <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="7" />
        <circle cx="12" cy="16" r="5" />
        <path d="M17 16h10m-3 0v4m-4-4v3" />
      </svg>
      Podkeys
    </span>
  );
}

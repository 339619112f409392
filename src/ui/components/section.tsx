import type { ComponentChildren } from "preact";
import { useId, useState } from "preact/hooks";

interface SectionProps {
  title: string;
  summary: string;
  children: ComponentChildren;
  initiallyOpen?: boolean;
}

/** A settings group that expands in place (the disclosure pattern: a button with aria-expanded). */
export function Section({ title, summary, children, initiallyOpen = false }: SectionProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const panelId = useId();
  return (
    <section class="section">
      <h2 class="section-heading">
        <button type="button" class="section-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          <span class="section-title">{title}</span>
          <span class="section-summary">{summary}</span>
          <svg class="chevron" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
      </h2>
      <div id={panelId} class="section-body" hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}

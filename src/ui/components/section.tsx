import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

interface SectionProps {
  /** The section's anchor: /#api-keys opens and shows it. */
  id: string;
  title: string;
  summary: string;
  children: ComponentChildren;
  /** The page's main job: open on every arrival, whatever was left last time. */
  openOnArrival?: boolean;
}

const STORAGE_KEY = "podkeys.openSections";

/** Which sections this browser left open or closed; storage may be off (private mode, a policy), so failures are ignored. */
function remembered(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Record<string, boolean>;
  } catch {
    return {};
  }
}

function remember(id: string, open: boolean) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...remembered(), [id]: open }));
  } catch {}
}

const linkedHere = (id: string) => location.hash === `#${id}`;

/**
 * A settings group that expands in place (the disclosure pattern: a button with aria-expanded).
 * Other sections come back as this browser left them; a link to `#id` opens the section and scrolls to it.
 */
export function Section({ id, title, summary, children, openOnArrival = false }: SectionProps) {
  const [open, setOpen] = useState(() => openOnArrival || linkedHere(id) || remembered()[id] === true);
  const element = useRef<HTMLElement>(null);

  useEffect(() => {
    const follow = () => {
      if (!linkedHere(id)) return;
      setOpen(true);
      if (!openOnArrival) remember(id, true);
      element.current?.scrollIntoView({ block: "start" });
    };
    follow();
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, [id]);

  function toggle() {
    setOpen(!open);
    if (!openOnArrival) remember(id, !open);
  }

  const panelId = `${id}-panel`;
  return (
    <section ref={element} id={id} class="section">
      <h2 class="section-heading">
        <button type="button" class="section-toggle" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
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
